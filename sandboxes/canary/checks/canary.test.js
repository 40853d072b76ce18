// Checks for the canary release: the splitter (sticky buckets), the analysis (canary against
// baseline, Kayenta-style) and the rollout controller (step plan, tripwire, rollback, promotion).
// Traffic comes from a seeded generator and time from a fake clock, so every run gives the same
// numbers and a 90-minute rollout takes milliseconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { route, bucketOf, SALT } from '../splitter.js';
import { analyse } from '../analysis.js';
import { createRollout } from '../rollout.js';
import { createRandom } from '../lib/random.js';
import { startRelease } from '../lib/release.js';
import { runRollout } from '../lib/simulate.js';

const USERS = Array.from({ length: 10000 }, (_, i) => `user-${String(i + 1).padStart(5, '0')}`);
const pct = (n, total) => `${((100 * n) / total).toFixed(1)}%`;

/** How many of `users` each side gets at `weight`. */
function shares(weight, { salt = SALT, users = USERS } = {}) {
  const count = { canary: 0, baseline: 0, primary: 0 };
  for (const u of users) count[route(u, weight, salt)] += 1;
  return count;
}

function canarySet(weight, salt = SALT) {
  return new Set(USERS.filter((u) => route(u, weight, salt) === 'canary'));
}

// ---------------------------------------------------------------------------------------------
// The splitter

test('a user stays on the same side on every request and in every process', async () => {
  const users = USERS.slice(0, 2000);
  for (const weight of [1, 10, 50]) {
    const first = users.map((u) => route(u, weight));
    let changed = 0;
    let example = '';
    for (let request = 2; request <= 5; request++) {
      users.forEach((u, i) => {
        const side = route(u, weight);
        if (side !== first[i]) {
          changed += 1;
          example ||= `${u} got ${first[i]}, then ${side} on request ${request}`;
        }
      });
    }
    assert.equal(changed, 0, `at weight ${weight}, ${changed} answers out of ${users.length * 4} repeat requests changed side (e.g. ${example}); a user must get the same version on every request while the weight stays the same`);
  }
  const bucket = bucketOf(users[0]);
  assert.ok(Number.isInteger(bucket) && bucket >= 0 && bucket < 100, `bucketOf("${users[0]}") returned ${bucket}: expected a whole number from 0 to 99`);

  // A fresh copy of the module is what another pod, or this one after a restart, would run.
  const elsewhere = await import(`../splitter.js?process=${process.pid}-2`);
  const differ = users.filter((u) => elsewhere.route(u, 10) !== route(u, 10));
  assert.equal(differ.length, 0, `a second copy of splitter.js (another pod, or a restart) put ${differ.length} of ${users.length} users on a different side at weight 10 (e.g. ${differ[0]}: ${route(differ[0] ?? 'x', 10)} here, ${elsewhere.route(differ[0] ?? 'x', 10)} there); the bucket must come from a stable hash of the id, not from Math.random(), a per-process secret or a memory of past answers`);
});

test('raising the weight only adds users to the canary (a user on it at 10% stays on it at 50%)', () => {
  const weights = [0, 1, 10, 50, 100];
  const sets = weights.map((w) => canarySet(w));
  assert.equal(sets[0].size, 0, `at weight 0, ${sets[0].size} users were on the canary, expected none`);
  assert.equal(sets[4].size, USERS.length, `at weight 100, ${sets[4].size} of ${USERS.length} users were on the canary, expected all of them`);
  for (let i = 1; i < weights.length; i++) {
    const left = [...sets[i - 1]].filter((u) => !sets[i].has(u));
    assert.equal(left.length, 0, `${left.length} of the ${sets[i - 1].size} users on the canary at ${weights[i - 1]}% are not on it at ${weights[i]}% (e.g. ${left[0]} got ${route(left[0] ?? 'x', weights[i])}); raising the weight must only add users, so nobody is moved back to the old version`);
  }
});

test('the canary gets about weight% of users and the baseline a slice of the same size', () => {
  const total = USERS.length;
  const tolerance = { 1: 0.5, 10: 1.5, 50: 2.5 };
  for (const weight of [1, 10, 50]) {
    const got = shares(weight);
    const canaryShare = (100 * got.canary) / total;
    const baselineShare = (100 * got.baseline) / total;
    const summary = `at weight ${weight}: canary ${pct(got.canary, total)}, baseline ${pct(got.baseline, total)}, primary ${pct(got.primary, total)} of ${total} users`;
    assert.ok(Math.abs(canaryShare - weight) <= tolerance[weight], `${summary}; expected the canary within ${tolerance[weight]} points of ${weight}%`);
    assert.ok(Math.abs(baselineShare - weight) <= tolerance[weight], `${summary}; expected the baseline to be as large as the canary (${weight}%), so the two are compared on the same traffic`);
  }
  const none = shares(0);
  assert.equal(none.primary, total, `at weight 0: canary ${none.canary}, baseline ${none.baseline}; expected every user on primary`);
  const all = shares(100);
  assert.equal(all.canary, total, `at weight 100: canary ${all.canary}, baseline ${all.baseline}, primary ${all.primary}; expected every user on the canary`);
});

test('each release salt puts a different slice of users on the canary first', () => {
  const same = canarySet(10, 'release-4.33');
  const again = canarySet(10, 'release-4.33');
  const unstable = [...same].filter((u) => !again.has(u)).length;
  assert.equal(unstable, 0, `with the same salt twice, ${unstable} users changed side at weight 10; the salt must give a fixed assignment`);
  const before = canarySet(10, 'release-4.32');
  const overlap = [...same].filter((u) => before.has(u)).length;
  assert.ok(same.size > 0 && overlap < same.size / 2, `the canary at 10% for release-4.32 and release-4.33 share ${overlap} of ${same.size} users; a new salt should pick a mostly different slice (about 10% overlap), so the same users are not always first to try new code. Hash "salt:userId", not the id alone`);
});

// ---------------------------------------------------------------------------------------------
// The analysis

/** A metric whose canary and baseline hold the same values in a different order: a clear Pass. */
function sameMetric(name, rand, { critical = false, minutes = 50 } = {}) {
  const baseline = Array.from({ length: minutes }, () => rand.lognormal(180, 0.2));
  return { name, critical, direction: 'increase', canary: rand.shuffle([...baseline]), baseline };
}

/** A metric whose canary is three times its baseline: a clear High. */
function worseMetric(name, rand, { critical = false } = {}) {
  const baseline = Array.from({ length: 50 }, () => rand.lognormal(180, 0.2));
  return { name, critical, direction: 'increase', canary: baseline.map((v) => v * 3), baseline };
}

/** 20 metrics, the first `failing` of which are clearly worse on the canary. */
function suite(failing, { criticalFailure = false } = {}) {
  const rand = createRandom(20 + failing);
  return Array.from({ length: 20 }, (_, i) => (i < failing ? worseMetric(`metric ${i + 1}`, rand, { critical: criticalFailure }) : sameMetric(`metric ${i + 1}`, rand)));
}

/**
 * Canary and baseline each serving 1,200 requests a minute (10% of 200 requests/s) for `minutes`
 * minutes, as error-rate and p99 series, from the seeded traffic generator.
 */
function measure({ seed, canary = {}, baseline = {}, minutes = 50 }) {
  const { traffic } = startRelease({ seed, canary, baseline, users: 200, requestsPerSecond: 40 });
  const sideOf = new Map(traffic.users.map((u, i) => [u, i % 2 === 0 ? 'canary' : 'baseline']));
  const points = Array.from({ length: minutes }, () => traffic.nextMinute((u) => sideOf.get(u)));
  return [
    { name: 'error rate', critical: true, direction: 'increase', canary: points.map((p) => p.canary.errorRate), baseline: points.map((p) => p.baseline.errorRate) },
    { name: 'p99 latency', critical: false, direction: 'increase', canary: points.map((p) => p.canary.p99), baseline: points.map((p) => p.baseline.p99) },
  ];
}

function explain(result) {
  const metrics = (result?.metrics ?? []).map((m) => {
    const interval = typeof m.lower === 'number' ? ` [${m.lower.toPrecision(3)}, ${m.upper.toPrecision(3)}]` : '';
    return `${m.name} ${m.classification}${interval}`;
  });
  return `verdict ${result?.verdict}, score ${result?.score}${metrics.length ? ` (${metrics.join('; ')})` : ''}`;
}

test('the analysis waits (NODATA) until every metric has 50 points', () => {
  const rand = createRandom(5);
  const terrible = (n) => [
    {
      name: 'error rate',
      critical: true,
      direction: 'increase',
      canary: Array.from({ length: n }, () => 0.02 + rand.next() * 0.01),
      baseline: Array.from({ length: n }, () => 0.002 + rand.next() * 0.001),
    },
    {
      name: 'p99 latency',
      direction: 'increase',
      canary: Array.from({ length: n }, () => rand.lognormal(400, 0.1)),
      baseline: Array.from({ length: n }, () => rand.lognormal(180, 0.1)),
    },
  ];
  for (const n of [0, 1, 10, 49]) {
    const result = analyse(terrible(n));
    assert.equal(result?.verdict, 'wait', `after ${n} points per metric: ${explain(result)}; expected verdict 'wait': no verdict before 50 points, however bad the first minutes look (loud failures are the tripwire's job)`);
    for (const m of result.metrics ?? []) {
      assert.equal(m.classification, 'NODATA', `after ${n} points, metric "${m.name}" was classified ${m.classification}, expected NODATA until it has 50 points`);
    }
  }
  const full = analyse(terrible(50));
  assert.equal(full?.verdict, 'fail', `after 50 points of a canary with 10 times the errors and twice the p99: ${explain(full)}; expected 'fail'`);
  const uneven = terrible(50);
  uneven[1].canary.pop();
  const partial = analyse(uneven);
  assert.equal(partial?.verdict, 'wait', `error rate with 50 points but p99 latency with 49 on the canary: ${explain(partial)}; expected 'wait' until every metric has 50 points`);
});

test('a canary clearly worse than its baseline fails the analysis', () => {
  const slow = analyse(measure({ seed: 1, canary: { medianMs: 128 } }));
  assert.equal(slow?.verdict, 'fail', `canary 60% slower (p99 about 290 ms against 181 ms) over 50 minutes: ${explain(slow)}; expected 'fail'`);
  assert.equal(slow.metrics?.find((m) => m.name === 'p99 latency')?.classification, 'High', `canary 60% slower: ${explain(slow)}; expected p99 latency classified High`);

  const failing = analyse(measure({ seed: 2, canary: { errorRate: 0.02 } }));
  assert.equal(failing?.verdict, 'fail', `canary failing 2% of requests against 0.2% over 50 minutes: ${explain(failing)}; expected 'fail'`);
  assert.equal(failing.metrics?.find((m) => m.name === 'error rate')?.classification, 'High', `canary failing 2%: ${explain(failing)}; expected error rate classified High`);

  const faster = analyse(measure({ seed: 3, canary: { medianMs: 60 } }));
  assert.equal(faster?.verdict, 'pass', `canary 25% faster than its baseline: ${explain(faster)}; expected 'pass': it is faster, with the same error rate, and for latency and errors only an increase is bad`);
});

test('a small regression inside the noise is not called a failure', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const small = analyse(measure({ seed, canary: { errorRate: 0.0022, medianMs: 80.8 } }));
    assert.equal(small?.verdict, 'pass', `seed ${seed}: canary 1% slower with 0.22% errors against 0.20%, 50 minutes at 1,200 requests a minute each: ${explain(small)}; expected 'pass': this difference is inside the noise, and failing it would teach the team to ignore the canary. Test at 98% confidence with Kayenta's margin, don't compare averages`);
  }
  // Test vectors: 50 baseline points 1..50 and the same points shifted by d. At 98% the interval
  // for a shift of 6 is [-1, 13]: it does not clear zero (an 80% interval, [2, 10], would). For 8 it
  // is [1, 15]: clear of zero, but not by Kayenta's margin of a quarter of the shift (2). Both pass.
  // A shift of 12 gives [5, 19], clear of zero by more than the margin (3): High.
  const grid = (shift) => [{ name: 'p99 latency', direction: 'increase', baseline: Array.from({ length: 50 }, (_, i) => i + 1), canary: Array.from({ length: 50 }, (_, i) => i + 1 + shift) }];
  const six = analyse(grid(6));
  assert.equal(six?.verdict, 'pass', `baseline 1..50 and canary shifted by 6: ${explain(six)}; expected 'pass': the 98% interval of the shift is [-1, 13] and includes zero. Ask mannWhitney for confidence 0.98`);
  const eight = analyse(grid(8));
  assert.equal(eight?.verdict, 'pass', `baseline 1..50 and canary shifted by 8: ${explain(eight)}; expected 'pass': the 98% interval [1, 15] clears zero by 1, less than the margin of 0.25 x 8 = 2, so the data barely supports the shift`);
  const twelve = analyse(grid(12));
  assert.equal(twelve?.verdict, 'fail', `baseline 1..50 and canary shifted by 12: ${explain(twelve)}; expected 'fail': the 98% interval is [5, 19], clear of zero`);
  for (const seed of [1, 2]) {
    const large = analyse(measure({ seed, canary: { errorRate: 0.0022, medianMs: 100 } }));
    assert.equal(large?.verdict, 'fail', `seed ${seed}: the same traffic but a canary 25% slower: ${explain(large)}; expected 'fail': passing small changes must not mean passing everything`);
  }
});

test('a failing critical metric fails the canary whatever the score', () => {
  const critical = analyse(suite(1, { criticalFailure: true }));
  assert.equal(critical?.verdict, 'fail', `20 metrics, 19 Pass and the critical one High: ${explain(critical)}; expected 'fail' (a score of 95 must not outvote a critical metric)`);
  assert.equal(critical.score, 95, `20 metrics, 19 Pass: score ${critical.score}, expected 95 (100 x 19 / 20)`);
  const ordinary = analyse(suite(1));
  assert.equal(ordinary?.verdict, 'pass', `20 metrics, 19 Pass and one non-critical High: ${explain(ordinary)}; expected 'pass' with score 95`);
});

test('the score decides: pass at 95 or more, marginal at 75 or more, fail below', () => {
  const cases = [
    { failing: 0, score: 100, verdict: 'pass' },
    { failing: 1, score: 95, verdict: 'pass' },
    { failing: 2, score: 90, verdict: 'marginal' },
    { failing: 5, score: 75, verdict: 'marginal' },
    { failing: 6, score: 70, verdict: 'fail' },
  ];
  for (const { failing, score, verdict } of cases) {
    const result = analyse(suite(failing));
    assert.equal(result?.score, score, `20 metrics with ${failing} High: score ${result?.score}, expected ${score} (100 x Pass / judged metrics)`);
    assert.equal(result.verdict, verdict, `20 metrics with ${failing} High (score ${score}): verdict ${result.verdict}, expected '${verdict}' (pass at 95, marginal at 75)`);
  }
});

test('a critical metric with no data, or half the metrics without data, fails the canary', () => {
  // Gaps only delay the verdict, up to an hour: after 60 minutes a metric still short of 50 real
  // points is NODATA.
  const rand = createRandom(9);
  const hour = { minutes: 60 };
  const errors = sameMetric('error rate', rand, { critical: true, ...hour });
  const silent = { ...errors, canary: errors.canary.map(() => null) };
  const latency = sameMetric('p99 latency', rand, hour);
  const early = analyse([silent, latency].map((m) => ({ ...m, canary: m.canary.slice(0, 59), baseline: m.baseline.slice(0, 59) })));
  assert.equal(early?.verdict, 'wait', `59 minutes in which the canary reported no error rate at all: ${explain(early)}; expected 'wait': the missing points may still come, and the analysis gives up waiting only after 60 minutes`);
  const noCanary = analyse([silent, latency]);
  assert.equal(noCanary?.verdict, 'fail', `60 minutes in which the canary reported no error rate at all (a wrong label, or no traffic): ${explain(noCanary)}; expected 'fail': after an hour the analysis stops waiting, and no data is not evidence of health`);
  assert.equal(noCanary.metrics?.find((m) => m.name === 'error rate')?.classification, 'NODATA', `no canary error rate after 60 minutes: ${explain(noCanary)}; expected the error rate classified NODATA`);

  const others = [sameMetric('p50 latency', rand, hour), sameMetric('saturation', rand, hour), latency];
  const criticalOnly = analyse([silent, ...others]);
  assert.equal(criticalOnly?.verdict, 'fail', `4 metrics after 60 minutes, 3 Pass and the critical error rate with no canary data: ${explain(criticalOnly)}; expected 'fail': NODATA on a critical metric fails the canary even when the other metrics score 100`);

  const patchy = { ...errors, canary: errors.canary.map((v, i) => (i % 5 < 2 ? NaN : v)) };
  const fewPoints = analyse([patchy, ...others]);
  assert.equal(fewPoints?.verdict, 'fail', `60 minutes, but only 36 canary error-rate points that are numbers (the rest NaN): ${explain(fewPoints)}; expected 'fail': gaps are dropped, and 36 points is below the minimum of 50`);

  const four = [sameMetric('a', rand, hour), sameMetric('b', rand, hour), sameMetric('c', rand, hour), sameMetric('d', rand, hour)];
  const oneMissing = analyse([four[0], four[1], four[2], { ...four[3], canary: four[3].canary.map(() => null) }]);
  assert.equal(oneMissing?.verdict, 'pass', `4 non-critical metrics after 60 minutes, one with no canary data and three Pass: ${explain(oneMissing)}; expected 'pass' (NODATA is left out of the score: 3 of 3)`);
  assert.equal(oneMissing.score, 100, `4 non-critical metrics, one NODATA and three Pass: score ${oneMissing.score}, expected 100 (NODATA metrics are not counted)`);
  const twoMissing = analyse([four[0], four[1], ...four.slice(2).map((m) => ({ ...m, canary: m.canary.map(() => null) }))]);
  assert.equal(twoMissing?.verdict, 'fail', `4 non-critical metrics after 60 minutes, two with no canary data: ${explain(twoMissing)}; expected 'fail' (NODATA on half the metrics or more, as Kayenta does)`);
});

test('an empty minute is no data point: one gap delays the verdict by a minute, it does not fail the canary', () => {
  // A healthy canary and its baseline over 51 minutes, with the canary's minute 20 empty (it served
  // nothing, so it has no error rate and no p99 that minute).
  const points = measure({ seed: 4, minutes: 51 });
  const gap = (m) => ({ ...m, canary: m.canary.map((v, i) => (i === 19 ? null : v)) });
  const upTo = (minutes) => points.map((m) => gap({ ...m, canary: m.canary.slice(0, minutes), baseline: m.baseline.slice(0, minutes) }));

  const atFifty = analyse(upTo(50));
  assert.equal(atFifty?.verdict, 'wait', `50 minutes of a healthy canary, one of them empty (49 real canary points per metric): ${explain(atFifty)}; expected 'wait': an empty minute is not a data point, so the minimum of 50 is not reached yet. Count real points (not null, not NaN) when deciding whether to wait, the same way you count them for NODATA`);
  const atFiftyOne = analyse(upTo(51));
  assert.equal(atFiftyOne?.verdict, 'pass', `51 minutes of a healthy canary, one of them empty (50 real canary points per metric): ${explain(atFiftyOne)}; expected 'pass': the 50th real point has arrived`);
  const asNaN = analyse(upTo(50).map((m) => ({ ...m, canary: m.canary.map((v) => (v === null ? NaN : v)) })));
  assert.equal(asNaN?.verdict, 'wait', `50 minutes, the empty one reported as NaN instead of null: ${explain(asNaN)}; expected 'wait': NaN is a gap too, not a point`);
  const baselineGap = analyse(points.map((m) => ({ ...m, canary: m.canary.slice(0, 50), baseline: m.baseline.slice(0, 50).map((v, i) => (i === 19 ? null : v)) })));
  assert.equal(baselineGap?.verdict, 'wait', `50 minutes in which the BASELINE had one empty minute (49 real baseline points): ${explain(baselineGap)}; expected 'wait': both sides need 50 real points`);

  // The same in a whole rollout: the canary's metrics come back empty for one minute at 10%.
  let atTen = 0;
  const blankOneMinute = (rollout) => ({
    get weight() {
      return rollout.weight;
    },
    get status() {
      return rollout.status;
    },
    observe(point) {
      if (rollout.weight === 10 && ++atTen === 20) {
        rollout.observe({ ...point, canary: { requests: 0, errors: 0, errorRate: null, p99: null } });
      } else rollout.observe(point);
    },
  });
  const run = release({ wrap: blankOneMinute });
  assert.equal(run.status, 'promoted', `a healthy canary whose metrics came back empty for one minute at 10%: ${run.story}; expected promoted: the empty minute is one failed check for the tripwire (of 5 allowed) and one missing point for the analysis, which then needs a 51st minute, not a rollback`);
  assert.ok(run.minutesAt[10] >= 51, `a healthy canary with one empty minute at 10%: ${run.story}; it left 10% after ${run.minutesAt[10]} minutes, expected at least 51 (50 real points plus the empty minute)`);
});

// ---------------------------------------------------------------------------------------------
// The rollout

/**
 * One rollout against 200 requests/s from 2,000 users. The baseline and the canary start now;
 * primary has been up for nine days. `cold` is how much slower a fresh process starts (0.5 = 50%).
 */
function release({ canary = {}, baseline = {}, primary = {}, cold = 0, seed = 11, options = {}, routeWith = route, maxMinutes = 240, wrap = (r) => r } = {}) {
  const atTen = USERS.slice(0, 2000).map((u) => route(u, 10));
  assert.ok(atTen.includes('baseline'), `the rollout checks route users with your splitter, and route(userId, 10) sent none of 2000 users to the baseline; finish splitter.js (TODO 2) first`);
  const { traffic } = startRelease({ seed, canary, baseline, primary, coldStart: cold });
  const rollout = createRollout(options);
  const result = runRollout({ rollout: wrap(rollout), route: (u, w) => routeWith(u, w), traffic, maxMinutes });
  result.story = `${result.status} at weight ${result.weight} after ${result.minutes} minutes (ran at ${result.weights.map((w) => `${w}% for ${result.minutesAt[w]} min`).join(', ') || 'no weight'}); the canary failed ${result.canary.errors} of ${result.canary.requests} requests`;
  result.rollout = rollout;
  return result;
}

test('a loudly failing canary is rolled back at 1% by the tripwire, before 50 points exist', () => {
  const run = release({ canary: { errorRate: 0.04 } });
  assert.equal(run.status, 'rolled-back', `a canary failing 4% of its requests: ${run.story}; expected rolled-back`);
  assert.deepEqual(run.weights, [1], `a canary failing 4%: ${run.story}; expected the tripwire to stop it at 1%, before more users see it`);
  assert.ok(run.minutes <= 10, `a canary failing 4%: ${run.story}; expected the rollback within 10 minutes (5 failed one-minute checks), long before the 50 points a statistical verdict needs`);
  assert.equal(run.weight, 0, `after a rollback the canary weight is ${run.weight}, expected 0 (all users back on the old version)`);

  const slow = release({ canary: { medianMs: 300 } });
  const p99s = slow.timeline.map((p) => Math.round(p.canary.p99 ?? 0));
  assert.equal(slow.status, 'rolled-back', `a canary with a p99 around 680 ms (one-minute p99s: ${p99s.join(', ')}): ${slow.story}; expected rolled-back: p99 over 500 ms is a failed check`);
  assert.ok(slow.weights.length === 1 && slow.minutes <= 10, `a canary with a p99 around 680 ms: ${slow.story}; expected the rollback at 1% within 10 minutes`);
});

test('a canary slower than its baseline but under the 500 ms limit is rolled back at 10% by the analysis', () => {
  const run = release({ canary: { medianMs: 128 } });
  const worstP99 = Math.max(...run.timeline.map((p) => p.canary.p99 ?? 0));
  assert.ok(worstP99 < 500, `scenario check: the canary's worst one-minute p99 was ${Math.round(worstP99)} ms, expected under 500 ms`);
  assert.equal(run.status, 'rolled-back', `a canary 60% slower than its baseline (p99 about 290 ms, under the fixed 500 ms limit): ${run.story}; expected rolled-back: only the comparison with the baseline can see this`);
  assert.deepEqual(run.weights, [1, 10], `a canary 60% slower: ${run.story}; expected it stopped at 10%, where the analysis judges`);
  assert.ok(run.minutesAt[10] >= 50, `a canary 60% slower: ${run.story}; the verdict came after ${run.minutesAt[10]} minutes at 10%, expected at least 50 (50 points per metric)`);
});

test('a good canary is promoted through 1%, 10%, 50% and 100%', () => {
  const run = release();
  assert.equal(run.status, 'promoted', `a canary identical to its baseline: ${run.story}; expected promoted`);
  assert.equal(run.weight, 100, `after promotion the canary weight is ${run.weight}, expected 100`);
  assert.deepEqual(run.weights, [1, 10, 50], `a good canary: ${run.story}; expected traffic at 1%, then 10%, then 50%, before 100%`);
  assert.ok(run.minutesAt[1] >= 10, `a good canary: ${run.story}; expected at least 10 clean minutes at 1%`);
  assert.ok(run.minutesAt[10] >= 50, `a good canary: ${run.story}; it left 10% after ${run.minutesAt[10]} minutes, expected no verdict before 50 points (50 minutes)`);
  assert.ok(run.minutesAt[50] >= 30, `a good canary: ${run.story}; expected at least 30 clean minutes at 50%`);
});

test('a canary that only breaks under load is rolled back at 50% by the tripwire', () => {
  // Its connection pool copes with 3,000 requests a minute: enough at 1% and 10%, not at 50%.
  const run = release({ canary: { capacityPerMinute: 3000, overloadErrorRate: 0.05 } });
  assert.equal(run.status, 'rolled-back', `a canary that fails 5% of requests once it serves more than 3,000 a minute (at 50% it serves about 6,000): ${run.story}; expected rolled-back: the tripwire keeps running at every step`);
  assert.deepEqual(run.weights, [1, 10, 50], `a canary that breaks under load: ${run.story}; expected it to pass 1% and 10% and be stopped at 50%`);
  assert.ok(run.minutesAt[50] <= 10, `a canary that breaks under load: ${run.story}; expected the rollback within 10 minutes at 50%`);
});

test('a fresh canary is compared with a baseline started with it, not with warm production', () => {
  const healthy = release({ cold: 0.5 });
  assert.equal(healthy.status, 'promoted', `a healthy canary that, like every fresh process, starts 50% slower and warms up, next to a baseline doing the same: ${healthy.story}; expected promoted. Compared with production (warm for nine days), it looks like a regression that is not there`);
  const hidden = release({ cold: 0.5, canary: { medianMs: 112 }, primary: { medianMs: 128 } });
  assert.equal(hidden.status, 'rolled-back', `a canary 40% slower than its baseline, while nine-day-old production has slowed down even more (a leak): ${hidden.story}; expected rolled-back at 10%. Compared with production, the canary looks fine`);
  assert.deepEqual(hidden.weights, [1, 10], `the slower canary: ${hidden.story}; expected the analysis to stop it at 10%`);
});

test('a marginal verdict holds the rollout for a human', () => {
  const marginal = () => ({ verdict: 'marginal', score: 80, reason: 'score 80 (injected)', metrics: [] });
  const run = release({ options: { analyse: marginal } });
  assert.equal(run.status, 'held', `with an analysis that answers 'marginal' (score 80): ${run.story}; expected status 'held': neither promoted nor rolled back, a human decides`);
  assert.equal(run.weight, 10, `a held rollout stays where it is: weight ${run.weight}, expected 10`);
});

test('a canary that receives no traffic is rolled back, not promoted', () => {
  const misrouted = (u, w) => {
    const side = route(u, w);
    return side === 'canary' ? 'primary' : side;
  };
  const run = release({ routeWith: misrouted });
  assert.equal(run.status, 'rolled-back', `a router that sends nobody to the canary: ${run.story}; expected rolled-back: a minute with no canary data is a failed check (Flagger: "no values found"), and a canary nobody used proves nothing`);
  assert.deepEqual(run.weights, [1], `a canary with no traffic: ${run.story}; expected it stopped at 1%`);
});
