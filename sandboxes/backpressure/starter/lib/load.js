// A load generator that drives the app's handler directly, in simulated time. Each request is a
// plain object shaped like node:http's (method, url, headers) and each response records when it was
// answered, so latency is measured on the virtual clock and "10 s of 10x overload" takes milliseconds.
//
//   poisson({ rand, client, ratePerSec, fromMs, toMs })   random arrivals, like many independent users
//   steady({ client, ratePerSec, fromMs, toMs })         evenly spaced arrivals
//   burst({ client, count, at })                          `count` requests at the same instant
//   merge(...lists)                                       one list in time order
//   runLoad({ scheduler, app, arrivals, until, pool })   plays the arrivals and records every answer
import { exponentialGapMs } from './random.js';

/** Arrivals at random (exponential gaps) at `ratePerSec` on average; times rounded to whole ms. */
export function poisson({ rand, client, ratePerSec, fromMs = 0, toMs }) {
  const clientOf = typeof client === 'function' ? client : () => client;
  const arrivals = [];
  for (let t = fromMs + exponentialGapMs(rand, ratePerSec); t < toMs; t += exponentialGapMs(rand, ratePerSec)) {
    arrivals.push({ at: Math.round(t), client: clientOf(arrivals.length) });
  }
  return arrivals;
}

/** One arrival every 1/ratePerSec seconds, starting at fromMs; times rounded to whole ms. */
export function steady({ client, ratePerSec, fromMs = 0, toMs }) {
  const arrivals = [];
  for (let i = 0; fromMs + (i * 1000) / ratePerSec < toMs; i += 1) {
    arrivals.push({ at: Math.round(fromMs + (i * 1000) / ratePerSec), client });
  }
  return arrivals;
}

export function burst({ client, count, at = 0 }) {
  return Array.from({ length: count }, () => ({ at, client }));
}

/** All arrivals in time order (ties keep the order of the lists given). */
export function merge(...lists) {
  return lists
    .flat()
    .map((a, i) => ({ ...a, i }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map(({ i, ...a }) => a);
}

/** A response object with the parts of node:http's ServerResponse a handler needs. */
function fakeResponse(record, scheduler, onAnswer) {
  const headers = {};
  const res = {
    statusCode: 200,
    setHeader(name, value) {
      headers[String(name).toLowerCase()] = String(value);
      return res;
    },
    getHeader: (name) => headers[String(name).toLowerCase()],
    writeHead(status, extra = {}) {
      res.statusCode = status;
      for (const [name, value] of Object.entries(extra)) res.setHeader(name, value);
      return res;
    },
    end(body = '') {
      if (record.answeredAt !== undefined) {
        throw new Error(`request #${record.n} from ${record.client} was answered twice (at ${record.answeredAt} ms and again at ${scheduler.now()} ms)`);
      }
      record.status = res.statusCode;
      record.headers = { ...headers };
      record.body = String(body);
      record.answeredAt = scheduler.now();
      record.latencyMs = record.answeredAt - record.sentAt;
      onAnswer(record);
      return res;
    },
  };
  return res;
}

/**
 * Plays `arrivals` ([{ at, client }], ms) against app.handle(req, res) on a virtual scheduler and
 * returns every request with its answer: { n, client, sentAt, status, headers, body, answeredAt, latencyMs }.
 * After `until` (ms) no new requests arrive; with drain (the default) the scheduler then runs
 * until everything accepted has been answered (at most drainLimitMs more), so late answers are measured too.
 * `held` is how many requests were in the server at once (arrived, not yet answered): the memory
 * a server needs. Pass the app's `pool` to also get `queued` (held minus requests on a worker).
 */
export function runLoad({ scheduler, app, arrivals, until, drain = true, drainLimitMs = 600_000, sampleEveryMs = 1000, pool, path = '/render' }) {
  if (typeof scheduler?.runUntil !== 'function') throw new TypeError('runLoad needs a virtualScheduler() as `scheduler`');
  if (typeof app?.handle !== 'function') throw new TypeError('runLoad needs the app from createApp() as `app`');
  const end = until ?? (arrivals.length ? arrivals[arrivals.length - 1].at + 1 : scheduler.now());
  const start = scheduler.now();
  const requests = [];
  let held = 0;
  let peakHeld = 0;
  let peakQueued = 0;
  const samples = [];
  const queuedNow = () => (pool ? Math.max(0, held - pool.busy) : undefined);

  for (const arrival of arrivals) {
    if (arrival.at < start) throw new RangeError(`an arrival at ${arrival.at} ms is before the scheduler's time ${start} ms`);
    scheduler.setTimeout(() => {
      const record = { n: requests.length + 1, client: arrival.client, sentAt: scheduler.now() };
      requests.push(record);
      held += 1;
      const req = {
        method: 'GET',
        url: `${path}?doc=${record.n}`,
        headers: { host: 'render.local', 'x-client-id': arrival.client },
        socket: { remoteAddress: '10.0.0.1' },
      };
      const res = fakeResponse(record, scheduler, () => (held -= 1));
      app.handle(req, res);
      peakHeld = Math.max(peakHeld, held);
      if (pool) peakQueued = Math.max(peakQueued, queuedNow());
    }, arrival.at - start);
  }
  for (let t = start + sampleEveryMs; t <= end; t += sampleEveryMs) {
    scheduler.setTimeout(() => samples.push({ t: scheduler.now(), held, queued: queuedNow() }), t - start);
  }

  scheduler.runUntil(end);
  if (drain) scheduler.run({ limit: end + drainLimitMs });
  return {
    requests,
    samples,
    peakHeld,
    peakQueued: pool ? peakQueued : undefined,
    unanswered: requests.filter((r) => r.answeredAt === undefined),
  };
}
