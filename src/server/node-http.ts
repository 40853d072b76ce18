/**
 * Serves a LocalRunner over node:http the way the Astro node adapter does (same Request
 * conversion, same streaming writer, same abort on a closed socket), without building the site.
 * Used by the tests and the round-trip measurement; `npm start` uses the Astro routes instead.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { NodeApp } from 'astro/app/node';
import { RUN_PATH, SESSION_PATH } from '../sandbox/wire';
import type { LocalRunner } from './runner';

export interface RunnerHttpServer {
  server: http.Server;
  port: number;
  origin: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (port 0 = any free port); `runnerFor(port)` builds the runner once the port is known. */
export async function listenRunner(runnerFor: (port: number) => LocalRunner, port = 0): Promise<RunnerHttpServer & { runner: LocalRunner }> {
  let runner: LocalRunner | null = null;
  const server = http.createServer((req, res) => {
    void (async () => {
      const request = NodeApp.createRequest(req);
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const context = req.socket.remoteAddress === undefined ? {} : { clientAddress: req.socket.remoteAddress };
      let response: Response;
      if (!runner) response = new Response('starting', { status: 503 });
      else if (path === SESSION_PATH && req.method === 'GET') response = runner.handleSession(request, context);
      else if (path === RUN_PATH && req.method === 'POST') response = await runner.handleRun(request, context);
      else response = new Response('not found', { status: 404 });
      await NodeApp.writeResponse(response, res);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  runner = runnerFor(actual);
  const made = runner;
  return {
    server,
    runner: made,
    port: actual,
    origin: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        made.killAll();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
