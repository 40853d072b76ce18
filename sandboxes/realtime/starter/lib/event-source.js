// A browser's EventSource, in Node, for the checks and demos: it opens the stream over HTTP, reads
// it with lib/sse-parser.js, and when the connection drops it waits its reconnection time (3 s
// until the server sends retry:) on the scheduler and connects again, sending Last-Event-ID with
// the last id it saw, as the HTML standard says. A 204, any status other than 200, or a
// Content-Type other than text/event-stream closes it for good.
//
//   const source = openEventSource({ port, path: '/events', scheduler });
//   source.events        every event received: { type, data, lastEventId }
//   source.comments      every comment line received (heartbeats)
//   source.lastEventId   what it will send as Last-Event-ID
//   source.drop()        simulates a network drop: the connection dies, the source reconnects later
//   source.close()       stops for good (like EventSource.close())
//   await source.waitFor((s) => s.events.length >= 3, 'three events')
//
// Options: sendLastEventId: false makes a client that forgets the header (a hand-written one);
// lastEventId: '41' starts as if an earlier connection had already seen event 41.
import http from 'node:http';
import { createParser } from './sse-parser.js';

export const CONNECTING = 0;
export const OPEN = 1;
export const CLOSED = 2;

export function openEventSource({ port, path = '/events', scheduler, sendLastEventId = true, lastEventId = '', waitMs = 2000 } = {}) {
  if (typeof scheduler?.setTimeout !== 'function') throw new TypeError('openEventSource needs the scheduler, for its reconnection delay');
  let request = null;
  let reconnectTimer = null;
  const waiters = [];

  const source = {
    readyState: CONNECTING,
    events: [],
    comments: [],
    lastEventId: String(lastEventId),
    reconnectionTime: 3000,
    /** Every retry: value received, in ms. */
    retries: [],
    /** Every connection attempt: { lastEventId sent (or null), status, at }. */
    connections: [],
    /** Why it closed for good, if it did. */
    closedBecause: null,
    drop() {
      if (request) request.destroy();
    },
    close() {
      source.readyState = CLOSED;
      source.closedBecause ??= 'close() was called';
      if (reconnectTimer) scheduler.clearTimeout(reconnectTimer);
      reconnectTimer = null;
      if (request) request.destroy();
      notify();
    },
    /** Resolves when check(source) is true; rejects after waitMs of real time with `what`. */
    waitFor(check, what = 'the expected events') {
      if (check(source)) return Promise.resolve(source);
      return new Promise((resolve, reject) => {
        const waiter = { check, resolve };
        waiter.timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`waited ${waitMs} ms for ${what}; received ${describe(source)}`));
        }, waitMs);
        waiters.push(waiter);
      });
    },
  };

  function notify() {
    for (const w of [...waiters]) {
      if (w.check(source)) {
        clearTimeout(w.timer);
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(source);
      }
    }
  }

  function fail(reason) {
    source.readyState = CLOSED;
    source.closedBecause = reason;
    notify();
  }

  function reestablish() {
    if (source.readyState === CLOSED) return;
    source.readyState = CONNECTING;
    notify();
    reconnectTimer = scheduler.setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, source.reconnectionTime);
  }

  function connect() {
    if (source.readyState === CLOSED) return;
    const headers = { accept: 'text/event-stream', 'cache-control': 'no-store' };
    const sent = sendLastEventId && source.lastEventId !== '' ? source.lastEventId : null;
    if (sent !== null) headers['last-event-id'] = sent;
    const attempt = { lastEventId: sent, status: null, at: scheduler.now() };
    source.connections.push(attempt);
    const parser = createParser({
      onEvent(event) {
        source.lastEventId = event.lastEventId;
        source.events.push(event);
        notify();
      },
      onComment(text) {
        source.comments.push(text);
        notify();
      },
      onRetry(ms) {
        source.reconnectionTime = ms;
        source.retries.push(ms);
        notify();
      },
    });
    let ended = false;
    const done = () => {
      if (ended) return;
      ended = true;
      request = null;
      // The last event ID buffer survives the connection: a trailing "id:" without data counts.
      if (parser.lastEventId !== '') source.lastEventId = parser.lastEventId;
      reestablish();
    };
    const req = http.get({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      attempt.status = res.statusCode;
      const type = String(res.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (res.statusCode === 204) {
        ended = true;
        res.resume();
        return fail('the server answered 204 No Content: stop reconnecting');
      }
      if (res.statusCode !== 200 || type !== 'text/event-stream') {
        ended = true;
        res.resume();
        return fail(`the server answered ${res.statusCode} with Content-Type "${res.headers['content-type'] ?? ''}"`);
      }
      source.readyState = OPEN;
      notify();
      res.setEncoding('utf8');
      res.on('data', (chunk) => parser.feed(chunk));
      res.on('end', done);
      res.on('close', done);
      res.on('error', done);
    });
    req.on('error', done);
    request = req;
  }

  connect();
  return source;
}

function describe(source) {
  const ids = source.events.map((e) => (e.type === 'message' ? e.lastEventId : `${e.lastEventId}(${e.type})`));
  const state = ['connecting', 'open', 'closed'][source.readyState];
  return `${source.events.length} event(s) [ids ${ids.join(', ') || 'none'}], ${source.comments.length} comment(s), state ${state}${source.closedBecause ? ` (${source.closedBecause})` : ''}`;
}
