// Checks for findKnee in load.js: the rate sweep of the lesson's capacity test. The server is the
// lesson's M/M/1 (exponential service times, mean 10 ms, so 100 requests/s at most) and arrivals
// are Poisson; with a 250 ms p99 budget the M/M/1 formula puts the knee at 100 - ln(100)/0.25 =
// 81.6 requests/s. Seeded, so every run measures the same latencies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findKnee, openLoad } from '../load.js';
import { virtualScheduler } from '../lib/scheduler.js';
import { createServer } from '../lib/server.js';
import { poissonTimes, trueLatencies } from '../lib/truth.js';
import { seededRandom } from '../lib/random.js';
import { percentile } from '../lib/stats.js';

const BUDGET = 250;
const RATES = Array.from({ length: 18 }, (_, i) => 66 + 2 * i); // 66, 68, ... 100
const STEP_MS = 90_000; // 90 s per step: 6,000 to 8,000 requests, enough for a steady p99

const timesFor = (rate) => poissonTimes(seededRandom(1000 + rate), rate, STEP_MS);
const serverFor = (rate) => ({ serviceMs: 10, rand: seededRandom(2000 + rate) });

function measureWithYourGenerator(rate) {
  const scheduler = virtualScheduler();
  const server = createServer({ scheduler, ...serverFor(rate) });
  return openLoad({ scheduler, server, times: timesFor(rate) }).map((s) => s.latencyMs);
}

/** The knee from the harness's own truth: the last rate before the first p99 over budget. */
function trueKnee() {
  let knee = null;
  const steps = [];
  for (const rate of RATES) {
    const p99 = percentile(trueLatencies(timesFor(rate), serverFor(rate)), 99);
    steps.push({ rate, p99 });
    if (p99 > BUDGET) break;
    knee = rate;
  }
  return { knee, steps };
}

test('the knee: the highest rate whose p99 stays within 250 ms (M/M/1 predicts 81.6/s)', () => {
  const truth = trueKnee();
  assert.ok(truth.knee >= 74 && truth.knee <= 88, `harness sanity: the true knee is ${truth.knee}/s (if this fails, restore lib/)`);
  const result = findKnee({ rates: RATES, budgetMs: BUDGET, measure: measureWithYourGenerator });
  const curve = (result?.steps ?? []).map((s) => `${s.rate}/s: ${Math.round(s.p99)} ms`).join(', ');
  const trueCurve = truth.steps.map((s) => `${s.rate}/s: ${Math.round(s.p99)} ms`).join(', ');
  assert.equal(
    result?.knee,
    truth.knee,
    `your sweep found the knee at ${result?.knee}/s; the true p99 first exceeds ${BUDGET} ms after ${truth.knee}/s.\n  your steps:  ${curve}\n  true steps:  ${trueCurve}\n(M/M/1: p99 = ln(100) / (100 - rate) s, so 230 ms at 80/s and 307 ms at 85/s)`,
  );
});

test('the knee search stops at the first step over budget and judges the p99, not the mean', () => {
  // Synthetic steps: 99 fast requests and one slow one per hundred, so the mean hides the tail.
  const tail = (fastMs, slowMs) => Array.from({ length: 1000 }, (_, i) => (i % 100 < 98 ? fastMs : slowMs));
  const curves = {
    10: tail(20, 100),
    20: tail(30, 200),
    30: tail(40, 400), // p99 400 ms: over a 250 ms budget, though the mean is 47 ms
    40: tail(30, 200), // a noisy step that passes again: too late, the knee was already found
  };
  const measured = [];
  const result = findKnee({ rates: [10, 20, 30, 40], budgetMs: 250, measure: (rate) => (measured.push(rate), curves[rate]) });
  assert.equal(result?.knee, 20, `steps with p99 100, 200, 400, 200 ms and a 250 ms budget: the knee is 20 (the last step before the first failure), got ${result?.knee}. Judge each step by percentile(latencies, 99), and stop at the first step over budget`);
  const steps = result.steps ?? [];
  assert.deepEqual(steps.map((s) => s.ok), [true, true, false], `steps should be [ok, ok, over budget] and end there, got ${JSON.stringify(steps)}`);
  assert.deepEqual(steps.map((s) => s.p99), [100, 200, 400], 'each step should report its p99');
  assert.deepEqual(measured, [10, 20, 30], `the sweep measured rates ${measured.join(', ')}; it should stop after the first step over budget`);

  const none = findKnee({ rates: [50, 60], budgetMs: 50, measure: () => tail(40, 300) });
  assert.equal(none?.knee, null, `when even the first step is over budget there is no knee (null), got ${none?.knee}`);
});
