// Checks for throttle.js and how client.js uses it: gRPC retry throttling (proposal A6) with
// maxTokens 10 and tokenRatio 0.1, the vector from the course's SPECS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RetryThrottle } from '../throttle.js';
import { createRetryingClient } from '../client.js';
import { fakeClock } from '../lib/clock.js';
import { createFakeServer, routeByOrigin } from '../lib/fake-server.js';
import { scriptedRandom } from '../lib/random.js';

function assertTokens(throttle, expected, what) {
  const got = throttle.tokens;
  assert.ok(typeof got === 'number' && Math.abs(got - expected) < 1e-9, `${what}: tokens = ${got}, expected ${expected}`);
}
function assertAllows(throttle, expected, what) {
  const got = throttle.allowsRetry();
  assert.equal(got, expected, `${what}: allowsRetry() = ${got} with ${throttle.tokens} tokens; retries are allowed only while tokens > maxTokens / 2 = ${throttle.maxTokens / 2}`);
}
const times = (k, fn) => {
  for (let i = 0; i < k; i += 1) fn();
};

test('the throttle follows the gRPC vector: 5 failures from full stop retries, one success re-enables them', () => {
  const t = new RetryThrottle({ maxTokens: 10, tokenRatio: 0.1 });
  assertTokens(t, 10, 'a new throttle starts full');
  assertAllows(t, true, 'a new throttle');
  times(4, () => t.onFailure());
  assertTokens(t, 6, 'after 4 failures');
  assertAllows(t, true, 'after 4 failures (6 tokens)');
  t.onFailure();
  assertTokens(t, 5, 'after the 5th failure');
  assertAllows(t, false, 'after 5 failures (5 tokens: not above 5)');
  t.onSuccess();
  assertTokens(t, 5.1, 'after 5 failures and 1 success');
  assertAllows(t, true, 'after 1 success (5.1 tokens)');
  t.onFailure();
  assertTokens(t, 4.1, 'after one more failure');
  assertAllows(t, false, 'after one more failure (4.1 tokens)');

  const full = new RetryThrottle({ maxTokens: 10, tokenRatio: 0.1 });
  times(3, () => full.onSuccess());
  assertTokens(full, 10, 'a full throttle after 3 successes (never above maxTokens)');
  times(5, () => full.onFailure());
  assertAllows(full, false, 'successes while full, then 5 failures');

  const other = new RetryThrottle({ maxTokens: 4, tokenRatio: 0.5 });
  times(2, () => other.onFailure());
  assertAllows(other, false, 'maxTokens 4 after 2 failures (2 tokens: not above 2)');
  other.onSuccess();
  assertTokens(other, 2.5, 'maxTokens 4, tokenRatio 0.5, 2 failures and a success');
  assertAllows(other, true, 'maxTokens 4 at 2.5 tokens');
});

test('the tokens never go below 0: from empty it takes 51 successes to allow retries again', () => {
  const t = new RetryThrottle({ maxTokens: 10, tokenRatio: 0.1 });
  times(12, () => t.onFailure());
  assertTokens(t, 0, 'after 12 failures from full (the count stays between 0 and maxTokens)');
  times(50, () => t.onSuccess());
  assertTokens(t, 5, 'from 0, after 50 successes');
  assertAllows(t, false, 'from 0, after 50 successes');
  t.onSuccess();
  assertAllows(t, true, 'from 0, after 51 successes');
});

/** A client against one server whose answer the check switches between 'fail' (503) and 'ok' (200). */
function throttledSetup() {
  const clock = fakeClock();
  const server = createFakeServer(clock, { origin: 'http://pricing.test' });
  let mode = 'fail';
  server.handle(() => (mode === 'fail' ? { status: 503 } : { status: 200 }));
  const client = createRetryingClient({ fetch: server.fetch, clock, random: scriptedRandom([]), deadlineMs: 10_000, maxAttempts: 3 });
  async function send() {
    const before = server.calls.length;
    try {
      await clock.run(client.request(`${server.origin}/prices/7`));
    } catch {
      // a failed request is fine here; the calls it made are what is counted
    }
    return server.calls.length - before;
  }
  return { server, client, send, setMode: (m) => (mode = m) };
}

test('the client stops retrying once the throttle is at half, and successes turn retries back on', async () => {
  const env = throttledSetup();
  const tokens = () => env.client.throttleFor('http://pricing.test/prices/7')?.tokens;
  const first = [await env.send(), await env.send(), await env.send()];
  assert.deepEqual(
    first,
    [3, 2, 1],
    `three GETs against a server that always answers 503, maxAttempts 3: calls per request ${first.join(', ')}, expected 3 (10 -> 7 tokens), 2 (7 -> 6, retry allowed, -> 5, stop), 1 (5 -> 4, no retry). Count every failed try against the throttle, and ask allowsRetry() after counting it`,
  );
  env.setMode('ok');
  for (let i = 0; i < 21; i += 1) await env.send();
  const t = tokens();
  assert.ok(Math.abs(t - 6.1) < 1e-9, `after 21 successful GETs the throttle should hold 4 + 21 x 0.1 = 6.1 tokens, it holds ${t}: report every success to it`);
  env.setMode('fail');
  const again = await env.send();
  assert.equal(again, 2, `a failing GET at 6.1 tokens: ${again} calls, expected 2 (6.1 -> 5.1, retry allowed, -> 4.1, stop)`);
});

test('each server has its own throttle: one failing server does not stop retries to another', async () => {
  const clock = fakeClock();
  const broken = createFakeServer(clock, { origin: 'http://pricing.test' }).otherwise({ status: 503 });
  const healthy = createFakeServer(clock, { origin: 'http://stock.test' }).script({ status: 503 }).otherwise({ status: 200 });
  const client = createRetryingClient({ fetch: routeByOrigin(broken, healthy), clock, random: scriptedRandom([]), deadlineMs: 10_000 });
  const calls = [];
  for (let i = 0; i < 3; i += 1) {
    const before = broken.calls.length;
    await clock.run(client.request('http://pricing.test/prices/7'));
    calls.push(broken.calls.length - before);
  }
  assert.deepEqual(calls, [3, 2, 1], `three GETs to a server that always answers 503: calls per request ${calls.join(', ')}, expected 3, 2, 1 as its throttle drains`);
  const res = await clock.run(client.request('http://stock.test/stock/7'));
  assert.equal(healthy.calls.length, 2, `then a GET to another server answers 503 once: it should be retried (that server's throttle is full), but it was sent ${healthy.calls.length} time(s). Keep one throttle per origin (throttleFor(url))`);
  assert.equal(res.status, 200, `the GET to the healthy server should end in 200, got ${res.status}`);
});
