// Checks for client.js: the per-try timeout, the overall deadline, and Retry-After. The fake clock
// starts at 2026-03-02 12:00:00 UTC and moves only as far as each request needs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRetryingClient } from '../client.js';
import { fakeClock } from '../lib/clock.js';
import { createFakeServer } from '../lib/fake-server.js';
import { scriptedRandom } from '../lib/random.js';

function setup({ random = [], ...options } = {}) {
  const clock = fakeClock();
  const server = createFakeServer(clock, { origin: 'http://pricing.test' });
  const client = createRetryingClient({ fetch: server.fetch, clock, random: scriptedRandom(random), ...options });
  const start = clock.now();
  async function send(path = '/prices/7', init) {
    let res;
    let error;
    try {
      res = await clock.run(client.request(`${server.origin}${path}`, init));
    } catch (err) {
      if (err?.code === 'ERR_CLOCK_STUCK') throw new Error(`${init?.method ?? 'GET'} ${path}: ${err.message}`);
      error = err;
    }
    return { res, error, at: clock.now() - start };
  }
  return { clock, server, client, send, start, log: () => server.log(start).join('; ') };
}

const outcome = ({ res, error }) => (error ? `${error.name}: ${error.message}` : `${res.status}`);
const startsOf = (env) => env.server.calls.map((c) => c.at - env.start);
const endsOf = (env) => env.server.calls.map((c) => (c.endedAt === undefined ? 'open' : c.endedAt - env.start));

test('each try is cut at the per-try timeout, and the last try gets only what is left of the deadline', async () => {
  // The lesson's worked example: deadline 2,000 ms, 800 ms per try, 3 attempts, base 100 ms; full
  // jitter picks 60 ms (0.6 of 100), then 150 ms (0.75 of 200). The server never answers.
  const env = setup({ deadlineMs: 2000, perTryMs: 800, maxAttempts: 3, baseMs: 100, capMs: 2000, random: [0.6, 0.75] });
  env.server.otherwise({ hang: true });
  const r = await env.send();
  assert.deepEqual(startsOf(env), [0, 860, 1810], `tries started at ${startsOf(env).join(', ')} ms (${env.log()}); expected 0, then 800 + 60 = 860, then 1,660 + 150 = 1,810`);
  assert.deepEqual(
    endsOf(env),
    [800, 1660, 2000],
    `tries were cut at ${endsOf(env).join(', ')} ms; expected 800 and 1,660 (800 ms each), then 2,000: the third try gets min(800, 2,000 - 1,810) = 190 ms, not a fresh 800`,
  );
  assert.ok(env.server.calls.every((c) => c.outcome === 'aborted'), `every try should be aborted by its timeout signal: ${env.log()}`);
  assert.ok(r.error, `after three timeouts the client should throw the last timeout error, but it returned ${outcome(r)}`);
  assert.equal(r.at, 2000, `the call ended at ${r.at} ms; the deadline is 2,000 ms`);
});

test('no retry is made when its wait would end at or past the deadline', async () => {
  // 800 ms per try inside a 1,000 ms deadline: after the first timeout only 200 ms are left.
  const late = setup({ deadlineMs: 1000, perTryMs: 800, baseMs: 300, random: [0.99] });
  late.server.otherwise({ hang: true });
  const a = await late.send();
  assert.equal(late.server.calls.length, 1, `the first try timed out at 800 ms and the wait drawn was 297 ms, ending at 1,097 ms, past the 1,000 ms deadline; yet ${late.server.calls.length} tries were made (${late.log()})`);
  assert.ok(a.error, `the client should throw the timeout at once, returned ${outcome(a)}`);
  assert.equal(a.at, 800, `the call ended at ${a.at} ms; when no retry fits, give up at once (800 ms) rather than sleep first`);

  const exact = setup({ deadlineMs: 1000, perTryMs: 800, baseMs: 400, random: [0.5] });
  exact.server.otherwise({ hang: true });
  const b = await exact.send();
  assert.equal(exact.server.calls.length, 1, `a wait of 200 ms after a timeout at 800 ms ends exactly at the 1,000 ms deadline, leaving 0 ms to try; ${exact.server.calls.length} tries were made (${exact.log()})`);
  assert.equal(b.at, 800, `the call ended at ${b.at} ms, expected 800`);
});

test('Retry-After in seconds is waited for, and one that ends past the deadline ends the call at once', async () => {
  const env = setup({ deadlineMs: 5000, baseMs: 100, random: [0.5] });
  env.server.script({ status: 503, headers: { 'retry-after': '1' } }).otherwise({ status: 200 });
  const r = await env.send();
  assert.equal(r.res?.status, 200, `503 with Retry-After: 1, then 200: expected 200, got ${outcome(r)} (${env.log()})`);
  assert.deepEqual(startsOf(env), [0, 1000], `tries started at ${startsOf(env).join(', ')} ms; the server asked for 1 s, more than the 50 ms backoff, so the retry comes at 1,000 ms: never sooner than asked`);

  const zero = setup({ deadlineMs: 5000, baseMs: 100, random: [0.6] });
  zero.server.script({ status: 429, headers: { 'retry-after': '0' } }).otherwise({ status: 200 });
  await zero.send();
  assert.deepEqual(startsOf(zero), [0, 60], `429 with Retry-After: 0 and a 60 ms jittered backoff: tries at ${startsOf(zero).join(', ')} ms, expected 0 and 60 (wait the larger of the two)`);

  const far = setup({ deadlineMs: 2000, baseMs: 100, random: [0.5] });
  far.server.script({ status: 503, headers: { 'retry-after': '5' } }).otherwise({ status: 200 });
  const f = await far.send();
  assert.equal(far.server.calls.length, 1, `503 with Retry-After: 5 inside a 2 s deadline: the retry could only come after the deadline, so none is made; ${far.server.calls.length} tries (${far.log()})`);
  assert.equal(f.res?.status, 503, `the client should return the 503 (with its Retry-After, for the caller), got ${outcome(f)}`);
  assert.equal(f.at, 0, `the call ended at ${f.at} ms; give up at once instead of sleeping into certain failure`);
});

test('Retry-After as an HTTP-date is waited for until that moment; a past or unreadable value falls back to the backoff', async () => {
  const clock = fakeClock();
  const date = (msFromStart) => new Date(clock.now() + msFromStart).toUTCString(); // "Mon, 02 Mar 2026 12:00:02 GMT"

  const env = setup({ deadlineMs: 5000, baseMs: 100, random: [0.5] });
  env.server.script({ status: 503, headers: { 'retry-after': date(2000) } }).otherwise({ status: 200 });
  const r = await env.send();
  assert.equal(r.res?.status, 200, `503 with Retry-After: ${date(2000)}, then 200: expected 200, got ${outcome(r)} (${env.log()})`);
  assert.deepEqual(startsOf(env), [0, 2000], `the server said "not before ${date(2000)}", 2 s after the clock's now (${date(0)}); tries started at ${startsOf(env).join(', ')} ms, expected 0 and 2,000. Compare the date with clock.now(), not Date.now()`);

  for (const value of [date(-60_000), 'soon', '1.5', '-1']) {
    const other = setup({ deadlineMs: 5000, baseMs: 100, random: [0.5] });
    other.server.script({ status: 503, headers: { 'retry-after': value } }).otherwise({ status: 200 });
    const o = await other.send();
    assert.equal(o.res?.status, 200, `Retry-After: ${value}: expected the retry's 200, got ${outcome(o)} (${other.log()})`);
    assert.deepEqual(startsOf(other), [0, 50], `Retry-After: ${value} asks for no usable wait, so the 50 ms jittered backoff applies: tries at ${startsOf(other).join(', ')} ms, expected 0 and 50`);
  }

  const far = setup({ deadlineMs: 2000, baseMs: 100, random: [0.5] });
  far.server.script({ status: 503, headers: { 'retry-after': date(3000) } }).otherwise({ status: 200 });
  const f = await far.send();
  assert.equal(far.server.calls.length, 1, `Retry-After: ${date(3000)} is after the 2 s deadline: no retry should be made, ${far.server.calls.length} tries (${far.log()})`);
  assert.equal(f.at, 0, `the call ended at ${f.at} ms; give up at once`);
});
