// Checks for backoff.js: the exponential schedule, full jitter from the injected random(), and
// what jitter buys when a hundred clients contend for one server (lib/contention.js, simulated time).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffMs, fullJitterMs } from '../backoff.js';
import { createRetryingClient } from '../client.js';
import { runContention } from '../lib/contention.js';
import { scriptedRandom, seededRandom } from '../lib/random.js';

const n = (value) => String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

test('the backoff before retry n is min(cap, base x 2^n): 100, 200, 400, 800, 1600, then 2000 ms at the cap', () => {
  const options = { baseMs: 100, capMs: 2000 };
  const got = [0, 1, 2, 3, 4, 5, 6, 10].map((retry) => backoffMs(retry, options));
  assert.deepEqual(got, [100, 200, 400, 800, 1600, 2000, 2000, 2000], `base 100 ms, cap 2 s, retries 0, 1, 2, 3, 4, 5, 6, 10: got ${got.join(', ')} ms`);
  const other = [0, 1, 2, 3].map((retry) => backoffMs(retry, { baseMs: 5, capMs: 30 }));
  assert.deepEqual(other, [5, 10, 20, 30], `base 5 ms, cap 30 ms, retries 0 to 3: got ${other.join(', ')} ms; use the base and cap passed in, not fixed numbers`);
});

test('full jitter draws the wait from U(0, backoff) with the injected random()', () => {
  const options = { baseMs: 100, capMs: 2000 };
  const picks = [
    [0, 0.6, 60],
    [1, 0.75, 150],
    [2, 0, 0],
    [5, 0.5, 1000],
  ];
  for (const [retry, r, want] of picks) {
    const random = scriptedRandom([r]);
    const got = fullJitterMs(retry, options, random);
    assert.ok(Math.abs(got - want) < 1e-9, `retry ${retry} (backoff ${backoffMs(retry, options)} ms) with random() = ${r}: waited ${got} ms, expected ${want} ms (random() x backoff)`);
    assert.equal(random.draws, 1, `retry ${retry}: random() was called ${random.draws} times; draw once per wait, from the random passed in (never Math.random, or no run can be repeated)`);
  }
  const random = seededRandom(7);
  const waits = Array.from({ length: 2000 }, () => fullJitterMs(3, options, random));
  const outside = waits.filter((w) => !(w >= 0 && w < 800));
  assert.equal(outside.length, 0, `retry 3 (backoff 800 ms): ${outside.length} of 2,000 waits fell outside [0, 800), e.g. ${outside[0]} ms`);
  const mean = waits.reduce((a, b) => a + b, 0) / waits.length;
  assert.ok(Math.abs(mean - 400) < 25, `retry 3: the mean of 2,000 full-jitter waits was ${n(mean)} ms; a uniform draw on [0, 800) averages 400 ms`);
  const quarter = waits.filter((w) => w < 200).length / waits.length;
  assert.ok(Math.abs(quarter - 0.25) < 0.04, `retry 3: ${(quarter * 100).toFixed(1)}% of waits were under 200 ms; uniform on [0, 800) puts 25% there (equal jitter, v/2 + U(0, v/2), would put none)`);
});

test('with 100 contending clients, full jitter needs less than half the calls of no jitter, and drains sooner', async () => {
  const none = await runContention(createRetryingClient, { jitter: 'none' });
  const full = await runContention(createRetryingClient, { jitter: 'full' });
  const what = `100 clients, a server that serves 3 at a time (30 ms each) and refuses the rest with 503, base 10 ms, cap 2 s`;
  for (const [name, run] of [['no jitter', none], ['full jitter', full]]) {
    assert.equal(run.failed, 0, `${what}, ${name}: ${run.failed} clients gave up; with 100 attempts and a 10-minute deadline each should get through`);
  }
  assert.ok(
    full.calls < none.calls / 2,
    `${what}: no jitter made ${n(none.calls)} calls and full jitter ${n(full.calls)}; full jitter should need less than half (clients that fail together and wait the same time retry together, in waves)`,
  );
  assert.ok(full.drainMs < none.drainMs, `${what}: the last client finished at ${n(none.drainMs)} ms with no jitter and ${n(full.drainMs)} ms with full jitter; spreading the retries should drain the crowd sooner`);
});
