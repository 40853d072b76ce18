// Shared by the stream checks: a real HTTP server on a free loopback port around your stream, on a
// virtual scheduler, with browsers (lib/event-source.js) that connect to it. Everything is closed
// at the end of each check.
import http from 'node:http';
import { createEventStream } from '../stream.js';
import { virtualScheduler } from '../lib/scheduler.js';
import { openEventSource } from '../lib/event-source.js';

/** A fresh stream behind a real HTTP server; run(env) does the check; everything is closed afterwards. */
export async function withServer(options, run) {
  const scheduler = virtualScheduler();
  const stream = createEventStream({ scheduler, random: () => 0.5, ...options });
  let handled = 0;
  let closed = 0;
  const watchers = [];
  const notify = () => {
    for (const w of [...watchers]) {
      if (w.check()) {
        watchers.splice(watchers.indexOf(w), 1);
        clearTimeout(w.timer);
        w.resolve();
      }
    }
  };
  const server = http.createServer((req, res) => {
    if (!req.url.startsWith('/events')) {
      res.writeHead(404).end();
      return;
    }
    res.on('close', () => {
      closed += 1;
      notify();
    });
    handled += 1;
    stream.handle(req, res);
    // Give an async handle() a turn to subscribe before anything is published.
    setImmediate(notify);
  });
  const port = await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
  const sources = [];

  /** Resolves when check() is true, re-tested after each request and each closed response. */
  const until = (check, what, ms = 2000) =>
    check()
      ? Promise.resolve()
      : new Promise((resolve, reject) => {
          const w = { check, resolve };
          w.timer = setTimeout(() => {
            watchers.splice(watchers.indexOf(w), 1);
            reject(new Error(`waited ${ms} ms for ${what}`));
          }, ms);
          watchers.push(w);
        });

  const env = {
    scheduler,
    stream,
    port,
    /** A browser tab with an EventSource on /events (or `path`). */
    open(opts = {}) {
      const source = openEventSource({ port, scheduler, ...opts });
      sources.push(source);
      return source;
    },
    /** Waits until the server has received `n` stream requests in all. */
    connected: (n, what = `${n} stream request(s) to reach the server`) => until(() => handled >= n, what),
    /** Waits until `n` stream responses have closed on the server side. */
    closedOnServer: (n, what = `the server to see ${n} stream(s) close`) => until(() => closed >= n, what),
    /** Real time passes (a few ms) so bytes on the loopback arrive; used only to check that nothing came. */
    quiet: (ms = 40) => new Promise((resolve) => setTimeout(resolve, ms)),
    /** Raw headers of a stream request (status, headers), then the request is dropped. */
    head: (headers = {}) =>
      new Promise((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port, path: '/events', headers, agent: false }, (res) => {
          resolve({ status: res.statusCode, headers: res.headers });
          req.destroy();
        });
        req.on('error', (err) => (err.code === 'ECONNRESET' ? null : reject(err)));
        req.setTimeout(2000, () => {
          req.destroy();
          reject(new Error('the stream request got no response headers within 2 s: call res.writeHead() (and write something, or res.flushHeaders()) as soon as the client connects'));
        });
      }),
  };
  try {
    await run(env);
  } finally {
    for (const s of sources) s.close();
    for (const w of watchers.splice(0)) clearTimeout(w.timer);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Ids of the events a source received, as numbers; the type is added for anything but "message"-like board events. */
export const idsOf = (source) => source.events.map((e) => Number(e.lastEventId));

/** The events a source received, as "id type" strings, for messages. */
export const listOf = (source) => source.events.map((e) => `${e.lastEventId} ${e.type}`).join(', ') || 'none';

export const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
