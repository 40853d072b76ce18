// The judge: compares the canary with its baseline, metric by metric, and turns the comparison
// into a verdict.
//
// Right now it does what a person glancing at a dashboard does: compare averages, at once. One
// unlucky minute fails a healthy canary, a wobble inside the noise is called a regression, a metric
// with no data looks perfect, and nothing is marked critical. Your job is the TODOs below.
//
//   analyse(metrics, options) -> { verdict, score, reason, metrics: [...] }
//     metrics: [{ name, canary: [..], baseline: [..], critical = false, direction = 'increase' }]
//       canary, baseline   one point per minute of the analysis, in order; a minute in which a side
//                          served nothing is a gap (null or NaN): a minute, but not a data point
//     options: minPoints (50), maxMinutes (60), confidence (0.98), tolerance (0.25), thresholds
//       critical           a failing critical metric fails the canary whatever the score
//       direction          which change is bad: 'increase' (errors, latency), 'decrease' or 'either'
//     verdict: 'wait' (not enough data yet), 'pass', 'marginal' (ask a human) or 'fail'
//     score:   100 x the share of judged metrics that pass, or null while waiting
//     metrics: per metric { name, critical, classification, ... }
//       classification: 'Pass', 'High', 'Low' or 'NODATA'
//
// lib/stats.js has the statistics: mannWhitney(canary, baseline, { confidence }) gives the shift
// canary - baseline with its confidence interval (estimate, lower, upper); also mean, percentile.
import { mannWhitney, mean } from './lib/stats.js';

/** About 50 points per metric before any verdict (Spinnaker's canary best practices). */
export const MIN_POINTS = 50;
/** How long the analysis may wait for those points before a metric still short of them is NODATA. */
export const MAX_MINUTES = 60;
/** Kayenta's judge uses a 98% confidence interval. */
export const CONFIDENCE = 0.98;
/** How far the interval must clear zero, as a share of the estimated shift (Kayenta's default). */
export const TOLERANCE = 0.25;
/** Start with pass at 95 and marginal at 75 (Kayenta's suggested starting point). */
export const THRESHOLDS = { pass: 95, marginal: 75 };

export function analyse(
  metrics,
  { minPoints = MIN_POINTS, maxMinutes = MAX_MINUTES, confidence = CONFIDENCE, tolerance = TOLERANCE, thresholds = THRESHOLDS } = {},
) {
  // TODO 1: count REAL points: drop the gaps (null, NaN) first. While any metric has fewer than
  //   minPoints real points on either side, return { verdict: 'wait', score: null } and classify
  //   every metric 'NODATA': an empty minute is not a data point, so it delays the verdict by a
  //   minute and never fails it on its own (the tripwire has already counted it as a failed
  //   check). Stop waiting once the series span maxMinutes minutes: from then on, a metric still
  //   short of minPoints real points is 'NODATA' (no data is not evidence of health).
  //
  // TODO 2: classify each metric with mannWhitney at `confidence`: 'High' when the interval's
  //   lower end is above tolerance x |estimate| (the canary is clearly higher), 'Low' when its
  //   upper end is below -tolerance x |estimate|, 'Pass' otherwise. Only a change in the metric's
  //   bad direction counts: for 'increase', a canary that is lower simply passes.
  //
  // TODO 3: the verdict. score = 100 x Pass / (metrics that are not NODATA). A critical metric
  //   that is not 'Pass' (NODATA included: no data is not evidence of health) fails the canary
  //   whatever the score, and so does NODATA on half of the metrics or more. Otherwise pass at
  //   thresholds.pass or more, marginal at thresholds.marginal or more, fail below.

  const results = metrics.map((m) => {
    const canary = m.canary.filter((v) => v !== null);
    const baseline = m.baseline.filter((v) => v !== null);
    const worse = canary.length > 0 && baseline.length > 0 && mean(canary) > mean(baseline);
    return { name: m.name, critical: m.critical === true, classification: worse ? 'High' : 'Pass' };
  });
  const passed = results.filter((r) => r.classification === 'Pass').length;
  const score = results.length === 0 ? 100 : (100 * passed) / results.length;
  const verdict = passed === results.length ? 'pass' : 'fail';
  return { verdict, score, reason: `averages compared: ${passed} of ${results.length} metrics no worse`, metrics: results };
}
