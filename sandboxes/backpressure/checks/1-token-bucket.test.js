// Checks for token-bucket.js: the SPECS vector (rate 10/s, burst 20, starts full) and the bound
// "over any window of T seconds at most burst + rate x T pass", as a property over seeded random
// arrivals. Time is a virtual clock, so nothing here waits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenBucket } from '../token-bucket.js';
import { virtualScheduler } from '../lib/scheduler.js';
import { exponentialGapMs, randomInt, seededRandom } from '../lib/random.js';

const EPSILON = 1e-9;
const s = (ms) => `${(ms / 1000).toFixed(3)} s`;

function assertClose(actual, expected, what) {
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) < 1e-6, `${what}: available() returned ${actual}, expected ${expected}`);
}

/** Feeds arrival times (ms, ascending) to a fresh bucket; returns the times that passed. */
function play({ rate, burst }, times) {
  const clock = virtualScheduler();
  const bucket = new TokenBucket({ rate, burst, clock });
  const passed = [];
  for (const t of times) {
    if (t > clock.now()) clock.runUntil(t);
    if (bucket.tryTake() === true) passed.push(t);
  }
  return passed;
}

/**
 * Bursts at one instant, streams of random rate, and quiet spells long enough for the bucket to
 * fill to the top: the shapes that catch a bucket without a cap or with a wrong refill.
 */
function burstyArrivals(seed, durationMs) {
  const rand = seededRandom(seed);
  const times = [];
  let t = 0;
  while (t < durationMs) {
    const shape = rand();
    if (shape < 0.3) {
      const count = randomInt(rand, 1, 40);
      for (let i = 0; i < count; i += 1) times.push(t);
      t += randomInt(rand, 1, 300);
    } else if (shape < 0.75) {
      const ratePerSec = 5 + rand() * 60;
      const until = t + randomInt(rand, 200, 3000);
      while (t < until) {
        times.push(t);
        t += Math.max(1, Math.round(exponentialGapMs(rand, ratePerSec)));
      }
    } else {
      t += randomInt(rand, 500, 6000);
    }
  }
  return times;
}

/** The window [first, last pass] with the most passes over its allowance, or null if none exceeds it. */
function worstWindow(passed, { rate, burst }) {
  let worst = null;
  for (let i = 0; i < passed.length; i += 1) {
    for (let j = i; j < passed.length; j += 1) {
      const count = j - i + 1;
      const allowed = burst + (rate * (passed[j] - passed[i])) / 1000;
      const excess = count - allowed;
      if (excess > EPSILON && (!worst || excess > worst.excess)) worst = { from: passed[i], to: passed[j], count, allowed, excess };
    }
  }
  return worst;
}

test('the token bucket (rate 10/s, burst 20) lets 20 of 25 requests through at t = 0 and holds 10 tokens 1 s later', () => {
  const clock = virtualScheduler();
  const bucket = new TokenBucket({ rate: 10, burst: 20, clock });
  const first = Array.from({ length: 25 }, () => bucket.tryTake());
  const passed = first.filter((ok) => ok === true).length;
  assert.equal(passed, 20, `25 requests at t = 0: ${passed} passed and ${25 - passed} were refused; a bucket that starts full with 20 tokens lets exactly 20 pass and refuses 5`);
  const order = first.map((ok) => (ok ? 'pass' : 'refuse'));
  assert.deepEqual(order, [...Array(20).fill('pass'), ...Array(5).fill('refuse')], 'the first 20 requests should pass and the last 5 be refused');
  assertClose(bucket.available(), 0, 'tokens left at t = 0 after 25 requests (20 taken, refusals take nothing)');
  clock.advance(1000);
  assertClose(bucket.available(), 10, 'tokens at t = 1 s (empty at t = 0, then 10 per second for 1 s)');
  const later = Array.from({ length: 15 }, () => bucket.tryTake()).filter((ok) => ok === true).length;
  assert.equal(later, 10, `15 requests at t = 1 s: ${later} passed; the 10 tokens that dripped in should let exactly 10 pass`);
});

test('over any window of T seconds at most burst + rate x T requests pass (seeded random arrivals)', () => {
  const configs = [
    { rate: 10, burst: 20 },
    { rate: 3, burst: 5 },
    { rate: 0.5, burst: 1 },
  ];
  for (const config of configs) {
    for (const seed of [1, 2, 3, 4, 5]) {
      const times = burstyArrivals(seed, 30_000);
      const passed = play(config, times);
      const what = `seed ${seed}, rate ${config.rate}/s, burst ${config.burst}, ${times.length} requests over ${s(times.at(-1))}`;
      const worst = worstWindow(passed, config);
      if (worst) {
        assert.fail(`${what}: ${worst.count} requests passed between t = ${s(worst.from)} and ${s(worst.to)} (T = ${s(worst.to - worst.from)}), but at most burst + rate x T = ${worst.allowed.toFixed(2)} may pass`);
      }
      assert.ok(passed.length > 0, `${what}: nothing passed at all; a bucket that starts full lets the first request through`);
    }
  }
});

test('a client that keeps sending still gets its full rate (no refill is lost)', () => {
  const cases = [
    { rate: 10, burst: 20, ratePerSec: 40, seed: 7 },
    { rate: 3, burst: 5, ratePerSec: 12, seed: 8 },
    { rate: 2.5, burst: 4, ratePerSec: 50, seed: 9 },
  ];
  for (const { rate, burst, ratePerSec, seed } of cases) {
    const rand = seededRandom(seed);
    const times = [];
    for (let t = 0; t < 10_000; t += Math.max(1, Math.round(exponentialGapMs(rand, ratePerSec)))) times.push(t);
    const passed = play({ rate, burst }, times).length;
    const lastSec = times.at(-1) / 1000;
    const earned = burst + rate * lastSec;
    assert.ok(
      passed >= earned - 2,
      `rate ${rate}/s, burst ${burst}, a client asking ${ratePerSec} times per second for ${lastSec.toFixed(3)} s: ${passed} requests passed, but it earned burst + rate x T = ${earned.toFixed(1)} tokens (at least ${Math.ceil(earned - 2)} should pass); refill is being lost`,
    );
  }
});
