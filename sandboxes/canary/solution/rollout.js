// The rollout controller: walks the canary through the step plan one minute at a time, trips on
// loud failures at once, lets the baseline comparison decide whether it may leave 10%, and rolls
// back or promotes on its own.
//
//   const rollout = createRollout({ steps, tripwire, metrics, analyse })
//   rollout.weight          the canary's share of users now (0 after a rollback, 100 once promoted)
//   rollout.status          'progressing' | 'promoted' | 'rolled-back' | 'held' (a human must decide)
//   rollout.observe(point)  one minute of metrics from lib/traffic.js:
//                           { minute, canary: { requests, errors, errorRate, p99 }, baseline: {...}, primary: {...} }
//   rollout.events          what happened, in order: { minute, type, weight, detail }
//   rollout.lastAnalysis    the latest result of analyse(), or null
import { analyse as judge } from './analysis.js';

/** 1% catches loud failures, 10% is where there is enough traffic to judge, 50% shows load problems. */
export const STEPS = [
  { weight: 1, holdMinutes: 10 },
  { weight: 10, analysis: true },
  { weight: 50, holdMinutes: 30 },
  { weight: 100 },
];

/** Flagger's defaults: success rate at least 99%, p99 at most 500 ms, roll back after 5 failed checks. */
export const TRIPWIRE = { maxErrorRate: 0.01, maxP99Ms: 500, threshold: 5 };

/** What the analysis compares, read from each side of a point. */
export const METRICS = [
  { name: 'error rate', field: 'errorRate', critical: true, direction: 'increase' },
  { name: 'p99 latency', field: 'p99', critical: false, direction: 'increase' },
];

export function createRollout({ steps = STEPS, tripwire = TRIPWIRE, metrics = METRICS, analyse = judge } = {}) {
  checkSteps(steps);
  let step = 0;
  let status = 'progressing';
  let failedChecks = 0;
  let cleanMinutes = 0;
  let analysed = []; // points collected at the current analysis step
  let lastAnalysis = null;
  const events = [];

  const weight = () => (status === 'rolled-back' ? 0 : steps[step].weight);
  const log = (minute, type, detail) => events.push({ minute, type, weight: weight(), detail });

  function rollBack(minute, why) {
    status = 'rolled-back';
    log(minute, 'rollback', why);
  }

  function advance(minute, why) {
    step += 1;
    cleanMinutes = 0;
    analysed = [];
    if (step === steps.length - 1) status = 'promoted';
    log(minute, status === 'promoted' ? 'promote' : 'advance', why);
  }

  return {
    get weight() {
      return weight();
    },
    get status() {
      return status;
    },
    get events() {
      return events.map((e) => ({ ...e }));
    },
    get lastAnalysis() {
      return lastAnalysis;
    },
    observe(point) {
      if (status !== 'progressing') return;
      const current = steps[step];
      if (current.analysis) analysed.push(point);

      // The tripwire runs every minute at every step and needs no statistics: a canary failing
      // 4% of its requests is rolled back long before 50 points exist.
      const problem = tripwireProblem(point.canary, tripwire);
      if (problem) {
        failedChecks += 1;
        log(point.minute, 'failed-check', `${problem} (${failedChecks} of ${tripwire.threshold})`);
        if (failedChecks >= tripwire.threshold) rollBack(point.minute, `${failedChecks} failed checks`);
        return; // a failed check halts advancement for this minute
      }
      cleanMinutes += 1;

      if (current.analysis) {
        // Canary against the baseline started with it, never against warm production.
        lastAnalysis = analyse(
          metrics.map((m) => ({
            name: m.name,
            critical: m.critical,
            direction: m.direction,
            canary: analysed.map((p) => p.canary[m.field]),
            baseline: analysed.map((p) => p.baseline[m.field]),
          })),
        );
        const { verdict, reason } = lastAnalysis;
        if (verdict === 'fail') rollBack(point.minute, `analysis failed: ${reason}`);
        else if (verdict === 'marginal') {
          status = 'held';
          log(point.minute, 'hold', `marginal analysis, a human decides: ${reason}`);
        } else if (verdict === 'pass') advance(point.minute, `analysis passed: ${reason}`);
        return; // 'wait': keep collecting
      }

      if (cleanMinutes >= current.holdMinutes) advance(point.minute, `${cleanMinutes} clean minutes`);
    },
  };
}

function tripwireProblem(canary, { maxErrorRate, maxP99Ms }) {
  // Flagger counts "no values found" as a failed check: a canary nobody reaches proves nothing.
  if (canary.requests === 0 || canary.errorRate === null) return 'no data: the canary served no requests';
  if (canary.errorRate > maxErrorRate) {
    return `success rate ${pct(1 - canary.errorRate)} < ${pct(1 - maxErrorRate)}`;
  }
  if (canary.p99 > maxP99Ms) return `p99 ${Math.round(canary.p99)} ms > ${maxP99Ms} ms`;
  return null;
}

function pct(share) {
  return `${Math.round(share * 10000) / 100}%`;
}

function checkSteps(steps) {
  if (!Array.isArray(steps) || steps.length < 2) throw new TypeError('steps must list at least two steps, the last at weight 100');
  steps.forEach((s, i) => {
    if (!Number.isInteger(s?.weight) || s.weight < 1 || s.weight > 100 || (i > 0 && s.weight <= steps[i - 1].weight)) {
      throw new RangeError(`steps[${i}].weight must be a whole percentage above the previous step's, got ${JSON.stringify(s?.weight)}`);
    }
    if (i < steps.length - 1 && !s.analysis && !(s.holdMinutes > 0)) {
      throw new RangeError(`steps[${i}] needs holdMinutes (above 0) or analysis: true, or it would never end`);
    }
  });
  if (steps.at(-1).weight !== 100) throw new RangeError(`the last step must be weight 100, got ${steps.at(-1).weight}`);
}
