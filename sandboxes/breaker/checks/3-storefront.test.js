// Checks for recommendations.js: the breaker, the bulkhead and the timeout put together, first
// call by call, then in the lesson's incident: recommendations hangs for 30 s while the storefront
// (75 workers) serves 50 product pages and 150 other pages a second. Everything runs on the
// virtual scheduler, so a minute of traffic takes a fraction of a second and never varies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRecommendationsClient } from '../recommendations.js';
import { createScheduler } from '../lib/scheduler.js';
import { createDependency } from '../lib/dependency.js';
import { createStorefront, runTraffic, successRate, USER_TIMEOUT_MS } from '../lib/storefront.js';

const pct = (x) => `${(100 * x).toFixed(1)}%`;

function setup(options = {}) {
  const scheduler = createScheduler();
  const dependency = createDependency({ scheduler });
  const client = createRecommendationsClient({ dependency, scheduler, ...options });
  return { scheduler, dependency, client };
}

/** Starts `count` calls now; returns their promises. */
function fire(client, count, firstId = 1) {
  return Array.from({ length: count }, (_, i) => client.get(firstId + i));
}

/**
 * Runs the simulation for `ms` and reports whether `promise` has settled by then. Never awaits a
 * promise on its own: only the scheduler can settle it, so awaiting it without running the
 * scheduler would wait forever.
 */
async function after(scheduler, ms, promise) {
  const state = { settled: false, value: undefined };
  promise.then((value) => Object.assign(state, { settled: true, value }), (error) => Object.assign(state, { settled: true, value: { error } }));
  await scheduler.runFor(ms);
  return state;
}

test('the client falls back at once while the circuit is open, without calling recommendations', async () => {
  const { scheduler, dependency, client } = setup({ timeoutMs: 250, maxConcurrent: 50 });
  dependency.behave('fail', 5);
  const { value: first } = await after(scheduler, 10, Promise.all(fire(client, 20)));
  assert.ok(first.every((r) => r.source === 'fallback'), `20 calls to a failing service: every answer should be the fallback, got ${first.map((r) => r.source).join(', ')}`);
  assert.equal(dependency.calls, 20, 'the first 20 calls reach the service (the breaker needs 20 requests before it judges)');

  dependency.behave('ok', 50);
  const at = scheduler.now();
  const later = await after(scheduler, 0, Promise.all(fire(client, 30, 100)));
  const reached = dependency.calls - 20;
  assert.equal(reached, 0, `${reached} of 30 calls reached recommendations after 20 of 20 had failed; the circuit should be open and reject them without a call`);
  assert.ok(later.settled, 'calls while the circuit is open should be answered at once, with no virtual time passing');
  for (const r of later.value) {
    assert.equal(r.source, 'fallback', `a call while open got ${JSON.stringify(r)}; expected the fallback`);
    assert.equal(r.reason, 'CircuitOpenError', `a call while open fell back because of ${r.reason}; expected CircuitOpenError (the breaker rejected it)`);
  }
  assert.equal(scheduler.now(), at, 'no time should pass');
});

test('a bulkhead rejection reaches the breaker as a failure', async () => {
  const { scheduler, dependency, client } = setup({ maxConcurrent: 2, timeoutMs: 2000 });
  dependency.behave('hang');
  const answers = fire(client, 22);
  await scheduler.runFor(1);
  assert.equal(dependency.calls, 2, `22 calls at once with a bulkhead of 2: ${dependency.calls} reached the service; only 2 may be in flight, the rest are rejected at once`);
  const { value: next } = await after(scheduler, 0, client.get(999));
  assert.equal(next?.reason, 'CircuitOpenError', `after 20 bulkhead rejections the next call fell back with ${next?.reason ?? JSON.stringify(next)}; each rejection counts as a failure (as in Hystrix), so 20 of 20 failed and the circuit should be open`);
  const all = await after(scheduler, 2500, Promise.all(answers));
  assert.ok(all.settled, 'every call should have been answered within the 2 s timeout');
  const reasons = all.value.map((r) => r.reason);
  assert.equal(reasons.filter((r) => r === 'BulkheadFullError').length, 20, `the 20 calls beyond the bulkhead should fall back with BulkheadFullError, got ${[...new Set(reasons)].join(', ')}`);
  assert.equal(reasons.filter((r) => r === 'TimeoutError').length, 2, 'the 2 calls in flight end with the 2 s timeout');
});

test('a hung call ends at the timeout, frees its bulkhead slot and counts as a failure', async () => {
  const { scheduler, dependency, client } = setup({ maxConcurrent: 1, timeoutMs: 250 });
  dependency.behave('hang');
  const first = client.get(1);
  const early = await after(scheduler, 249, first);
  assert.equal(early.settled, false, 'a hung call should still be waiting 249 ms in, before its 250 ms timeout');
  const answer = await after(scheduler, 1, first);
  assert.equal(answer.value?.reason, 'TimeoutError', `a hung call should fall back with TimeoutError at 250 ms, got ${JSON.stringify(answer)}`);
  const second = client.get(2);
  await scheduler.runFor(1);
  assert.equal(dependency.calls, 2, 'after the timeout the bulkhead slot (1 of 1) is free again, so the next call reaches the service');
  await after(scheduler, 250, second);
  // 18 more timeouts, one at a time: 20 failures in all open the circuit.
  for (let i = 0; i < 18; i += 1) await after(scheduler, 250, client.get(10 + i));
  const calls = dependency.calls;
  const last = await after(scheduler, 0, client.get(50));
  assert.equal(last.value?.reason, 'CircuitOpenError', `after 20 timeouts in 5 s the circuit should be open: a timeout is a failure (a breaker without a timeout never sees a hung call end); the next call ${last.settled ? `fell back with ${last.value?.reason}` : 'was still waiting'}`);
  assert.equal(dependency.calls, calls, 'the call while open must not reach the service');
});

// The lesson's incident, one instance: 75 workers; 50 product pages/s (40 ms + recommendations) and
// 150 other pages/s (60 ms). Recommendations hangs from 10 s to 40 s; the client's timeout is the
// incident's 2 s; the bulkhead holds 8; the breaker uses Hystrix's defaults.
let incident;
async function incidentRun() {
  if (incident) return incident;
  const scheduler = createScheduler();
  const dependency = createDependency({ scheduler, latencyMs: 50 });
  const client = createRecommendationsClient({ dependency, scheduler, timeoutMs: 2000, maxConcurrent: 8 });
  const store = createStorefront({ scheduler, workers: 75, recommendations: (id) => client.get(id) });
  scheduler.setTimeout(() => dependency.behave('hang'), 10_000);
  scheduler.setTimeout(() => dependency.behave('ok', 50), 40_000);
  const result = await runTraffic({ scheduler, store, productPerSec: 50, otherPerSec: 150, untilMs: 60_000, sampleEveryMs: 250 });
  incident = { ...result, dependency };
  return incident;
}

test('during a recommendations outage the storefront keeps its workers and serves every other page', async () => {
  const { pages, samples } = await incidentRun();
  const during = samples.filter((s) => s.t >= 10_000 && s.t < 40_000);
  const held = Math.max(...during.map((s) => s.waitingOnRecs));
  const busy = Math.max(...during.map((s) => s.busy));
  const queued = Math.max(...during.map((s) => s.queued));
  const other = successRate(pages, 'other', 10_000, 40_000);
  const product = successRate(pages, 'product', 10_000, 40_000);
  const story = `during the outage (10 s to 40 s): up to ${held} workers waited on recommendations, up to ${busy} of 75 workers were busy and ${queued} pages queued; other pages answered within ${USER_TIMEOUT_MS} ms: ${pct(other)}, product pages: ${pct(product)}`;
  assert.ok(held <= 8, `${story}. The bulkhead of 8 should cap the workers recommendations can hold at 8`);
  assert.ok(queued === 0, `${story}. No page should wait for a worker: the storefront needs about 9 + 2 + 8 workers during the outage`);
  assert.ok(other >= 0.99, `${story}. Search, cart and checkout never call recommendations and should all be served`);
  assert.ok(product >= 0.95, `${story}. Product pages should be served too, with the fallback panel; only the few in the bulkhead's 8 slots wait for the 2 s timeout`);
  const slowest = Math.max(...pages.filter((p) => p.kind === 'product' && p.arrivedAt >= 10_000 && p.arrivedAt < 40_000).map((p) => p.latencyMs));
  assert.ok(slowest <= 2100, `${story}. The slowest product page took ${slowest} ms; none should wait longer than its 40 ms of work plus the 2 s timeout`);
});

test('while the circuit is open recommendations gets about one call per sleep window, and it closes after recovery', async () => {
  const { pages, dependency } = await incidentRun();
  const inOutage = dependency.log.filter((c) => c.at >= 20_000 && c.at < 40_000).length;
  assert.ok(inOutage <= 6, `from 20 s to 40 s (well into the outage) recommendations received ${inOutage} calls; with the circuit open it should get one trial per sleep window (a trial that hangs 2 s then fails, then 5 s of sleep: about 3), not 50 a second`);
  const late = pages.filter((p) => p.kind === 'product' && p.arrivedAt >= 50_000 && p.arrivedAt < 60_000);
  const live = late.filter((p) => p.panel === 'live').length / late.length;
  assert.ok(live >= 0.95, `recommendations recovered at 40 s, but from 50 s to 60 s only ${pct(live)} of product pages had a live panel; after the sleep window a trial succeeds and the circuit closes`);
});
