// The rollout controller: walks the canary through the step plan one minute at a time.
//
// Right now it does what Roomly's engineer did: hold each step for ten minutes and move on, with
// no rule written down. Nothing trips on a canary failing 4% of its requests, nothing compares it
// with a baseline, and nothing ever rolls back. Your job is the TODOs below.
//
//   const rollout = createRollout({ steps, tripwire, metrics, analyse })
//   rollout.weight          the canary's share of users now (0 after a rollback, 100 once promoted)
//   rollout.status          'progressing' | 'promoted' | 'rolled-back' | 'held' (a human must decide)
//   rollout.observe(point)  one minute of metrics from lib/traffic.js:
//                           { minute, canary: { requests, errors, errorRate, p99 }, baseline: {...}, primary: {...} }
//                           errorRate and p99 are null when that side served nothing that minute
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
  let step = 0;
  let status = 'progressing';
  let minutesInStep = 0;
  const lastAnalysis = null;
  const events = [];

  const weight = () => (status === 'rolled-back' ? 0 : steps[step].weight);
  const log = (minute, type, detail) => events.push({ minute, type, weight: weight(), detail });

  function advance(minute, why) {
    step += 1;
    minutesInStep = 0;
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
      minutesInStep += 1;

      // TODO 1: the tripwire, every minute at every step (Flagger-style, fixed limits, no
      //   statistics): the minute fails when the canary's error rate is above
      //   tripwire.maxErrorRate, its p99 is above tripwire.maxP99Ms, or it has no data at all
      //   (it served no requests). Count failed minutes over the whole rollout; at
      //   tripwire.threshold, roll back (status 'rolled-back', weight 0). A failed minute also
      //   halts advancement: only clean minutes count towards holdMinutes.
      //
      // TODO 2: at a step with analysis: true, collect this step's points and ask
      //   analyse(metrics.map(...)) every minute, with one series per metric for the canary and one
      //   for the BASELINE (point.baseline[field], never point.primary: production has been warm
      //   for days). 'wait' keeps collecting; 'pass' moves to the next step; 'fail' rolls back;
      //   'marginal' stops and holds (status 'held') for a human. Keep the result in lastAnalysis.

      const holdMinutes = steps[step].holdMinutes ?? 10; // "watched the dashboard for ten minutes"
      if (minutesInStep >= holdMinutes) advance(point.minute, `${minutesInStep} minutes at ${weight()}%`);
    },
  };
}
