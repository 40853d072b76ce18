// Checks for server.js: admission (429 per client, 503 when the queue is full, Retry-After on
// both) and what a bound buys under overload (held requests and latency). The handler is driven
// directly by the load generator on a virtual scheduler, so "10 s of 10x overload" runs in a few
// milliseconds and every run gives the same numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApp } from '../server.js';
import { virtualScheduler } from '../lib/scheduler.js';
import { createWorkerPool } from '../lib/workers.js';
import { merge, poisson, runLoad, steady } from '../lib/load.js';
import { randomInt, seededRandom } from '../lib/random.js';
import { percentile } from '../lib/stats.js';

const s = (ms) => `${+(ms / 1000).toFixed(3)} s`;
const n = (value) => String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A fresh scheduler, worker pool and app. */
function setup({ workers = 4, serviceMs = 40, ...options } = {}) {
  const scheduler = virtualScheduler();
  const pool = createWorkerPool({ scheduler, workers, serviceMs });
  const app = createApp({ scheduler, pool, ...options });
  return { scheduler, pool, app };
}

function play(env, arrivals, options = {}) {
  return runLoad({ scheduler: env.scheduler, app: env.app, pool: env.pool, arrivals, ...options });
}

const count = (requests, status) => requests.filter((r) => r.status === status).length;
/** "12 x 429, 3 x 503" */
function tally(requests) {
  const by = new Map();
  for (const r of requests) by.set(r.status ?? 'no answer', (by.get(r.status ?? 'no answer') ?? 0) + 1);
  return [...by].map(([status, k]) => `${k} x ${status}`).join(', ');
}
const who = (r) => `request #${r.n} from ${r.client} at t = ${s(r.sentAt)}`;

function assertRetryAfter(r, what) {
  const value = r.headers?.['retry-after'];
  assert.ok(value !== undefined, `${what}: ${who(r)} got ${r.status} without a Retry-After header`);
  assert.match(value, /^\d+$/, `${what}: Retry-After should be delay-seconds (a whole number of seconds, RFC 9110 §10.2.3), got "${value}"`);
  return Number(value);
}

test('an over-rate client gets 429 with a Retry-After that says when its next token arrives', () => {
  // One token every 4 s, burst 2: every amount below is an exact binary fraction, so no rounding doubt.
  const env = setup({ rateLimit: { rate: 0.25, burst: 2 } });
  const at = [0, 0, 0, 1750, 4750, 4750, 8750];
  const { requests } = play(env, at.map((t) => ({ at: t, client: 'greedy' })));
  const statuses = requests.map((r) => r.status);
  assert.deepEqual(
    statuses,
    [200, 200, 429, 429, 200, 429, 200],
    `rate 0.25/s, burst 2; requests at t = ${at.map(s).join(', ')} got ${statuses.join(', ')}; expected 200, 200, 429 (bucket empty), 429 (0.4375 tokens), 200 (1.1875 tokens), 429 (0.1875 left), 200 (1.1875 again)`,
  );
  const limited = requests.filter((r) => r.status === 429);
  for (const r of limited) {
    assert.equal(r.latencyMs, 0, `${who(r)}: a 429 should be answered at once, not after ${r.latencyMs} ms`);
    const cache = r.headers['cache-control'] ?? '';
    assert.match(cache, /no-store/, `${who(r)}: a 429 must not be cached (RFC 6585 §4); send Cache-Control: no-store, got "${cache || 'no Cache-Control'}"`);
  }
  const expected = [
    [4, 'the bucket is empty, and one token takes 1 / 0.25 = 4 s to drip in'],
    [3, 'the bucket holds 0.4375 tokens, and the missing 0.5625 takes 2.25 s, rounded up to 3'],
    [4, 'the bucket holds 0.1875 tokens, and the missing 0.8125 takes 3.25 s, rounded up to 4'],
  ];
  limited.forEach((r, i) => {
    const seconds = assertRetryAfter(r, '429');
    const [want, why] = expected[i];
    assert.equal(seconds, want, `${who(r)}: Retry-After ${seconds}, expected ${want}: ${why}. Shorter and the retry is refused again; longer makes the client wait for nothing`);
  });
});

test('only the over-rate client is limited: polite clients are all served', () => {
  // Capacity 100/s; offered about 72/s, so the queue never fills: every refusal here is a 429.
  const env = setup();
  const rand = seededRandom(42);
  const polite = ['ana', 'ben', 'chen', 'dara'].map((client) => poisson({ rand, client, ratePerSec: 3, toMs: 5000 }));
  const greedy = steady({ client: 'greedy', ratePerSec: 60, toMs: 5000 });
  const { requests } = play(env, merge(greedy, ...polite));

  for (const client of ['ana', 'ben', 'chen', 'dara']) {
    const mine = requests.filter((r) => r.client === client);
    const refused = mine.filter((r) => r.status !== 200);
    assert.equal(
      refused.length,
      0,
      `${client} sent ${mine.length} requests at about 3/s (well under its 10/s) and got ${tally(mine)}; with the queue far from full, only the client over its own rate should be refused`,
    );
  }
  const mine = requests.filter((r) => r.client === 'greedy');
  const passed = count(mine, 200);
  const limited = mine.filter((r) => r.status === 429);
  const span = (mine.at(-1).sentAt - mine[0].sentAt) / 1000;
  const allowed = 20 + 10 * span;
  assert.ok(
    passed <= allowed + 1e-9 && passed >= allowed - 2,
    `greedy sent ${mine.length} requests at 60/s over ${span.toFixed(3)} s: ${passed} got 200 and ${limited.length} got 429; its bucket (10/s, burst 20) allows burst + rate x T = ${allowed.toFixed(1)}`,
  );
  assert.equal(passed + limited.length, mine.length, `greedy: every request should get 200 or 429, got ${tally(mine)}`);
  for (const r of limited) assertRetryAfter(r, 'greedy, 429');
});

test('a request that finds the queue full gets 503 with Retry-After at once, and the queued ones are still served', () => {
  // One worker of 100 ms and room for 5 waiting: of 9 requests at t = 0, 1 runs, 5 wait, 3 are refused.
  const env = setup({ workers: 1, serviceMs: 100, maxQueue: 5 });
  const arrivals = [...Array.from({ length: 9 }, (_, i) => ({ at: 0, client: `c${i + 1}` })), { at: 650, client: 'c10' }];
  const { requests, unanswered, peakQueued } = play(env, arrivals);
  assert.equal(unanswered.length, 0, `${unanswered.length} requests were never answered (${unanswered.slice(0, 3).map(who).join('; ')}${unanswered.length > 3 ? '; ...' : ''}): every request gets a response, even a refusal`);
  const first = requests.slice(0, 9);
  const statuses = first.map((r) => r.status);
  assert.deepEqual(
    statuses,
    [200, 200, 200, 200, 200, 200, 503, 503, 503],
    `9 clients, one request each at t = 0, 1 worker and maxQueue 5 got ${statuses.join(', ')}; expected 1 on the worker + 5 waiting = 6 x 200, then 3 x 503 (not 429: no client is over its rate)`,
  );
  assert.ok(peakQueued <= 5, `up to ${peakQueued} requests waited for the worker; maxQueue is 5`);
  for (const r of first.slice(6)) {
    assert.equal(r.latencyMs, 0, `${who(r)}: a 503 should be answered at once, not after ${r.latencyMs} ms`);
    const seconds = assertRetryAfter(r, '503');
    assert.ok(seconds >= 1 && seconds <= 60, `${who(r)}: Retry-After ${seconds}; give a wait of 1 to 60 s (0 invites an immediate retry into the same overload)`);
  }
  const served = first.slice(0, 6).map((r) => r.answeredAt);
  assert.deepEqual(served, [100, 200, 300, 400, 500, 600], `the 6 accepted requests were answered at ${served.join(', ')} ms; the worker should take them one after another, at 100, 200, ... 600 ms`);
  assert.equal(env.pool.started, 7, `the worker started ${env.pool.started} jobs for 7 accepted requests: refused requests must not reach a worker`);
  const late = requests[9];
  assert.equal(late.status, 200, `${who(late)}: the queue has drained, so it should be accepted, got ${late.status}`);
});

test('a 503 costs the client no token: a client that retries after 503s is served, not answered 429', () => {
  // One worker of 100 ms and room for 2 waiting; each client may send 1 request every 2 s, burst 2.
  // Three other clients fill the server at t = 0. "polite" asks twice while it is full, waits the
  // second its Retry-After asks for, and asks again when the line has long drained.
  const env = setup({ workers: 1, serviceMs: 100, maxQueue: 2, rateLimit: { rate: 0.5, burst: 2 } });
  const arrivals = [
    { at: 0, client: 'f1' },
    { at: 0, client: 'f2' },
    { at: 0, client: 'f3' },
    { at: 0, client: 'polite' },
    { at: 10, client: 'polite' },
    { at: 1010, client: 'polite' },
  ];
  const { requests } = play(env, arrivals);
  const polite = requests.filter((r) => r.client === 'polite');
  const statuses = polite.map((r) => r.status);
  assert.deepEqual(statuses.slice(0, 2), [503, 503], `polite's two requests while the worker and the 2 places in line were taken got ${statuses.slice(0, 2).join(', ')}; expected 503, 503 (the server is full; polite is within its rate)`);
  const retry = polite[2];
  assert.equal(
    retry.status,
    200,
    `${who(retry)}, after two 503s and the Retry-After wait, got ${retry.status}${retry.status === 429 ? ` (Retry-After ${retry.headers['retry-after']})` : ''}; expected 200: the server has been idle since t = 0.3 s, and polite has not had a single request accepted, so its bucket (burst 2) should still be full. A 503 is the server refusing work for its own reasons: it must not spend the client's token. Check the queue before you take the token, and take it only for a request you accept`,
  );

  // The order still matters the other way: a client over its own rate hears 429 even when the
  // server is also full, with the wait for its own next token.
  const full = setup({ workers: 1, serviceMs: 100, maxQueue: 2, rateLimit: { rate: 0.5, burst: 2 } });
  const over = play(full, [
    { at: 0, client: 'greedy' },
    { at: 0, client: 'greedy' },
    { at: 0, client: 'f1' },
    { at: 5, client: 'greedy' },
  ]).requests;
  const last = over[3];
  assert.equal(last.status, 429, `greedy, with no token left (2 requests at t = 0, burst 2) and a full server, sent ${who(last)} and got ${last.status}; expected 429: look at the client's own rate first (without taking a token), so a client over its rate is told so, with the wait for its own next token`);
});

/** 10x overload: 1,000 requests/s from 500 users for 10 s, against 4 workers x 40 ms = 100/s. */
let overload;
function overloadRun() {
  if (overload) return overload;
  const env = setup({ workers: 4, serviceMs: 40, maxQueue: 50 });
  const rand = seededRandom(2026);
  const arrivals = poisson({ rand, client: () => `user-${randomInt(rand, 1, 500)}`, ratePerSec: 1000, toMs: 10_000 });
  const result = play(env, arrivals, { until: 10_000 });
  overload = { env, result };
  return overload;
}

test('under 10x overload the queue stays bounded and the workers stay busy', () => {
  const { env, result } = overloadRun();
  const { requests, peakHeld, peakQueued, samples, unanswered } = result;
  const limit = env.pool.size + 50;
  const queues = samples.map((x) => x.queued);
  assert.ok(
    peakHeld <= limit,
    `${n(requests.length)} requests in 10 s at 10x capacity: up to ${n(peakHeld)} were held in memory at once (queue length each second: ${queues.map(n).join(', ')}); with 4 workers and maxQueue 50 there should never be more than ${limit}`,
  );
  assert.ok(peakQueued <= 50, `up to ${peakQueued} requests waited for a worker; maxQueue is 50`);
  assert.equal(unanswered.length, 0, `${unanswered.length} requests were never answered: every request gets a response, even if it is a refusal`);
  const servedInTime = requests.filter((r) => r.status === 200 && r.answeredAt <= 10_000).length;
  assert.ok(
    servedInTime >= 950,
    `only ${n(servedInTime)} requests were served in the 10 s; the workers can do 1,000, so a bound must refuse the excess, not capacity (503s: ${n(count(requests, 503))}, 429s: ${n(count(requests, 429))})`,
  );
});

test('under 10x overload accepted requests keep a bounded latency', () => {
  const { result } = overloadRun();
  const accepted = result.requests.filter((r) => r.status === 200);
  assert.ok(accepted.length >= 900, `only ${n(accepted.length)} of ${n(result.requests.length)} requests were accepted; the workers can serve about 1,000 in 10 s`);
  const latencies = accepted.map((r) => r.latencyMs);
  const p99 = percentile(latencies, 99);
  const slowest = latencies.reduce((m, v) => Math.max(m, v), 0);
  // Worst case: 50 ahead in line, 4 workers finishing one each per 40 ms, then its own 40 ms.
  const bound = (Math.ceil(50 / 4) + 1) * 40;
  assert.ok(
    slowest <= bound,
    `accepted requests: p99 ${n(p99)} ms, slowest ${n(slowest)} ms; with 4 workers x 40 ms and at most 50 waiting, none should take more than ${bound} ms (a request that waits longer than that was queued past the bound, or not first come first served)`,
  );
});
