// GET /render: Quillpost's PDF service. Four workers each render a document in 40 ms, so the
// service finishes at most 100 documents per second however many arrive.
//
// Admission is decided up front, before any expensive work, in the cheapest order:
//   1. per-client token bucket  -> 429 + Retry-After (this client is over its rate). Only a look:
//                                  no token is taken yet.
//   2. bounded waiting queue    -> 503 + Retry-After (the server is full, whoever asked). The
//                                  client keeps its token: the refusal is the server's, not its.
//   3. otherwise take the token and queue it; a worker takes it as soon as one is free.
// A token pays for work the server accepts. Charging it for a 503 would punish a client for the
// server's overload: one that retries politely after each 503 would soon be refused with 429.
// Sources: RFC 6585 §4 (429), RFC 9110 §15.6.4 (503) and §10.2.3 (Retry-After).
import { pathToFileURL } from 'node:url';
import { systemScheduler } from './lib/scheduler.js';
import { createWorkerPool } from './lib/workers.js';
import { TokenBucket } from './token-bucket.js';

export const DEFAULTS = { maxQueue: 50, rateLimit: { rate: 10, burst: 20 } };

/**
 * options:
 *   scheduler  time (virtualScheduler() in checks, real time by default)
 *   pool       the workers (createWorkerPool)
 *   maxQueue   how many requests may wait for a worker; Infinity = unbounded
 *   rateLimit  { rate, burst } per client, or null for no per-client limit
 */
export function createApp({ scheduler = systemScheduler(), pool = createWorkerPool({ scheduler }), maxQueue = DEFAULTS.maxQueue, rateLimit = DEFAULTS.rateLimit } = {}) {
  checkOptions({ scheduler, pool, maxQueue, rateLimit });
  const queue = []; // waiting requests, oldest first
  const buckets = new Map(); // client id -> TokenBucket

  pool.onIdle(dispatch);

  function handle(req, res) {
    if (!req.url.startsWith('/render')) return send(res, 404, {}, problem(404, 'Not found', `No route for ${req.url}.`));
    const client = clientOf(req);

    let bucket = null;
    if (rateLimit) {
      bucket = buckets.get(client);
      if (!bucket) {
        bucket = new TokenBucket({ ...rateLimit, clock: scheduler });
        buckets.set(client, bucket);
      }
      if (bucket.available() < 1) {
        const wait = bucket.retryAfterSeconds();
        // no-store: a cache that kept this 429 would go on refusing a client that is back under its rate.
        return send(res, 429, { 'retry-after': String(wait), 'cache-control': 'no-store' },
          problem(429, 'Too many requests', `Client ${client} is over its limit of ${rateLimit.rate} requests per second. Retry in ${wait} s.`));
      }
    }

    // The bound counts requests waiting, not those on a worker (an idle worker means an empty queue,
    // since dispatch() hands out work as soon as a worker is free).
    if (pool.idle === 0 && queue.length >= maxQueue) {
      const wait = drainSeconds();
      return send(res, 503, { 'retry-after': String(wait) },
        problem(503, 'Service overloaded', `${queue.length} requests are already waiting. Retry in ${wait} s.`));
    }

    bucket?.tryTake(); // accepted: now the request spends its token (one is there, checked above)
    queue.push({ req, res, client, arrivedAt: scheduler.now() });
    dispatch();
  }

  /** Time for the workers to get through what is queued now: a fair guess at when there will be room. */
  function drainSeconds() {
    return Math.max(1, Math.ceil(queue.length / pool.capacityPerSec));
  }

  /** Hands waiting requests to free workers, oldest first. */
  function dispatch() {
    while (pool.idle > 0 && queue.length > 0) {
      const job = queue.shift();
      const startedAt = scheduler.now();
      pool.start(() => {
        send(job.res, 200, { 'content-type': 'application/json' },
          JSON.stringify({ rendered: job.req.url, client: job.client, waitedMs: startedAt - job.arrivedAt }));
      });
    }
  }

  return {
    handle,
    /** Requests waiting for a worker. */
    get queueLength() {
      return queue.length;
    },
    pool,
  };
}

/** The caller's identity: an API key or client id header in production; the address as a fallback. */
function clientOf(req) {
  return req.headers['x-client-id'] ?? req.socket?.remoteAddress ?? 'anonymous';
}

/** An RFC 9457 problem details body. */
function problem(status, title, detail) {
  return JSON.stringify({ type: 'about:blank', title, status, detail });
}

function send(res, status, headers, body) {
  res.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
  res.end(body);
}

function checkOptions({ scheduler, pool, maxQueue, rateLimit }) {
  if (typeof scheduler?.now !== 'function' || typeof scheduler?.setTimeout !== 'function') {
    throw new TypeError('scheduler must have now() and setTimeout(): use virtualScheduler() or systemScheduler() from lib/scheduler.js');
  }
  if (typeof pool?.start !== 'function' || typeof pool?.onIdle !== 'function') {
    throw new TypeError('pool must come from createWorkerPool() in lib/workers.js');
  }
  if (!(maxQueue === Infinity || (Number.isInteger(maxQueue) && maxQueue >= 0))) {
    throw new TypeError(`maxQueue must be a whole number >= 0, or Infinity for no bound, got ${maxQueue}`);
  }
  if (rateLimit !== null && !(Number.isFinite(rateLimit?.rate) && rateLimit.rate > 0 && Number.isFinite(rateLimit?.burst) && rateLimit.burst >= 1)) {
    throw new TypeError(`rateLimit must be { rate: > 0 per second, burst: >= 1 }, or null for no per-client limit, got ${JSON.stringify(rateLimit)}`);
  }
}

// `node server.js` serves on PORT (default 3000), in real time, for trying it with curl:
//   curl -i -H 'x-client-id: alice' http://localhost:3000/render
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Imported here, not at the top: the checks never need node:http, and loading it costs them time.
  const http = await import('node:http');
  const port = Number(process.env.PORT ?? 3000);
  const app = createApp();
  http.createServer(app.handle).listen(port, () => console.log(`render service on http://localhost:${port}/render`));
}
