// GET /render: Quillpost's PDF service. Four workers each render a document in 40 ms, so the
// service finishes at most 100 documents per second however many arrive.
//
// Right now every request is accepted and waits in an array until a worker is free. That is fine
// at 70 requests per second. At 110 the array grows by 10 every second, waits pass every client
// timeout, and memory follows: the incident in the lesson. Your job is the TODOs below: refuse
// early and cheaply, before any work, instead of queueing without limit.
// Run the demos (node scripts/overload.js, node scripts/greedy-client.js) to watch it happen.
//
// Support files (read-only): lib/scheduler.js (time: real, or virtual in checks and demos),
// lib/workers.js (the worker pool), lib/load.js (the load generator the checks use),
// lib/stats.js (percentiles), lib/random.js (seeded randomness).
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

  pool.onIdle(dispatch);

  function handle(req, res) {
    if (!req.url.startsWith('/render')) return send(res, 404, {}, problem(404, 'Not found', `No route for ${req.url}.`));
    const client = clientOf(req);

    // TODO 1: per-client rate limit (skip it when rateLimit is null).
    //   Keep one TokenBucket per client: new TokenBucket({ ...rateLimit, clock: scheduler }).
    //   No token -> 429 with Retry-After (whole seconds until this client's next token, from
    //   bucket.retryAfterSeconds()) and Cache-Control: no-store. Answer at once: send(res, 429, headers, body).
    //   Only look here (bucket.available() < 1): take the token (bucket.tryTake()) once TODO 2 has
    //   accepted the request. A 503 is the server's own refusal and must not cost the client a token.

    // TODO 2: bound the queue. maxQueue counts requests waiting for a worker, not those on one.
    //   When no worker is idle and maxQueue requests are already waiting -> 503 with Retry-After
    //   (whole seconds, at least 1; how long the workers need to get through the line is a fair
    //   guess: pool.capacityPerSec is how many they finish per second).

    queue.push({ req, res, client, arrivedAt: scheduler.now() });
    dispatch();
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
