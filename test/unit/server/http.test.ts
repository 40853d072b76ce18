/**
 * The local runner over real HTTP, served the way the Astro node adapter serves it: the browser
 * client against it (the runtime contract), a client that disconnects, and headers a browser
 * cannot forge but a rebinding page would send.
 */
import http from 'node:http';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildWorkspace, starterLearnerFiles } from '../../../src/sandbox/checks/workspace';
import { LocalRuntime } from '../../../src/sandbox/local';
import { RUN_PATH, SESSION_PATH } from '../../../src/sandbox/wire';
import { listenRunner, type RunnerHttpServer } from '../../../src/server/node-http';
import { LocalRunner } from '../../../src/server/runner';
import { loadSandbox } from '../../../src/server/sandbox-disk';
import { TOKEN_HEADER } from '../../../src/server/token';
import { adderDir, learnerVariant } from '../sandbox/helpers';
import { runtimeContract } from '../sandbox/runtime-contract';
import { eventually, isDead, isEmpty, tempRoot, testConfig } from './helpers';

runtimeContract('local runner over HTTP', async () => {
  const tmp = await tempRoot();
  const served = await listenRunner((port) => new LocalRunner(testConfig({ port, tmpRoot: tmp })));
  const source = await loadSandbox(adderDir);
  return {
    runtime: new LocalRuntime({ baseUrl: served.origin, token: () => served.runner.token.value }),
    sandbox: source.manifest,
    workspace: buildWorkspace(source, starterLearnerFiles(source)),
    maxOutputBytes: served.runner.config.maxOutputBytes,
    cleanup: async () => {
      await served.close();
      await rm(tmp, { recursive: true, force: true });
    },
  };
});

describe('local runner over HTTP', () => {
  let tmp: string;
  let served: RunnerHttpServer & { runner: LocalRunner };

  beforeEach(async () => {
    tmp = await tempRoot();
    served = await listenRunner((port) => new LocalRunner(testConfig({ port, tmpRoot: tmp, maxTimeoutMs: 60_000 })));
  });
  afterEach(async () => {
    await served.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it('kills the run and its folder when the client disconnects, leaving no process of it', async () => {
    const spawner = await readFile(join(learnerVariant('spawner'), 'adder.js'), 'utf8');
    const abort = new AbortController();
    const response = await fetch(`${served.origin}${RUN_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: served.runner.token.value },
      body: JSON.stringify({ sandbox: 'adder', task: { kind: 'demo', id: 'sum' }, files: { 'adder.js': spawner } }),
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!/run pid \d+/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    const pid = Number(/run pid (\d+)/.exec(text)![1]);
    expect(served.runner.activeRuns).toBe(1);
    abort.abort();
    expect(await eventually(() => served.runner.activeRuns === 0)).toBe(true);
    expect(await eventually(() => isDead(pid))).toBe(true);
    expect(await eventually(() => isEmpty(tmp))).toBe(true);
  });

  it('refuses a rebinding page (foreign Host) and a foreign Origin on the wire', async () => {
    const get = (headers: Record<string, string>) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: served.port, path: SESSION_PATH, headers }, (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        });
        req.on('error', reject);
        req.end();
      });
    const rebinding = await get({ host: `attacker.example:${served.port}` });
    expect(rebinding.status).toBe(403);
    expect(rebinding.body).not.toContain(served.runner.token.value);
    expect((await get({ host: `localhost:${served.port}`, origin: 'http://attacker.example' })).status).toBe(403);
    const own = await get({ host: `localhost:${served.port}`, 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(401);
    expect(own.body).not.toContain(served.runner.token.value);
    expect((await get({ host: `localhost:${served.port}`, [TOKEN_HEADER]: served.runner.token.value })).status).toBe(200);
  });
});
