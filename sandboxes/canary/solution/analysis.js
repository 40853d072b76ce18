// The judge: compares the canary with its baseline, metric by metric, the way Kayenta's
// NetflixACAJudge does, and turns the comparison into a verdict.
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
//     metrics: per metric { name, critical, classification, points: { canary, baseline }, estimate, lower, upper }
//       classification: 'Pass', 'High', 'Low' or 'NODATA'
import { mannWhitney } from './lib/stats.js';

/** About 50 points per metric before any verdict (Spinnaker's canary best practices). */
export const MIN_POINTS = 50;
/**
 * How long the analysis may wait for those points: gaps delay the verdict, but a metric that is
 * still short of MIN_POINTS real points after an hour is NODATA (like the lifetime of a Kayenta
 * canary run), so a side that never reports cannot hold the rollout at 10% for ever.
 */
export const MAX_MINUTES = 60;
/** Kayenta's judge uses a 98% confidence interval. */
export const CONFIDENCE = 0.98;
/** How far the interval must clear zero, as a share of the estimated shift (Kayenta's default). */
export const TOLERANCE = 0.25;
/** Start with pass at 95 and marginal at 75 (Kayenta's suggested starting point). */
export const THRESHOLDS = { pass: 95, marginal: 75 };

const DIRECTIONS = ['increase', 'decrease', 'either'];

export function analyse(
  metrics,
  { minPoints = MIN_POINTS, maxMinutes = MAX_MINUTES, confidence = CONFIDENCE, tolerance = TOLERANCE, thresholds = THRESHOLDS } = {},
) {
  checkMetrics(metrics);

  // 1. No verdict until every series holds minPoints real points: a handful of points decides
  //    nothing, and an empty minute is no point at all (the tripwire has already counted it as a
  //    failed check). The same count decides NODATA below, so one gap only delays the verdict by a
  //    minute. After maxMinutes the analysis stops waiting and judges what it has.
  const fewest = metrics.length === 0 ? 0 : Math.min(...metrics.flatMap((m) => [realPoints(m.canary), realPoints(m.baseline)]));
  const minutes = Math.max(0, ...metrics.flatMap((m) => [m.canary.length, m.baseline.length]));
  if (metrics.length === 0 || (fewest < minPoints && minutes < maxMinutes)) {
    return {
      verdict: 'wait',
      score: null,
      reason: `collecting data: ${fewest} of ${minPoints} real points per metric after ${minutes} minutes (NODATA from minute ${maxMinutes})`,
      metrics: metrics.map((m) => ({ ...describe(m), classification: 'NODATA', ...counts(m) })),
    };
  }

  // 2. Judge each metric on its real points. One still short of minPoints (the wait ran out) is NODATA.
  const results = metrics.map((m) => classify(m, { minPoints, confidence, tolerance }));

  // 3. No data is not evidence of health: a critical metric must pass, and a judge that could only
  //    see half of its metrics has not seen the canary (Kayenta fails at 50% NODATA).
  const criticalFailure = results.find((r) => r.critical && r.classification !== 'Pass');
  const judged = results.filter((r) => r.classification !== 'NODATA');
  const score = judged.length === 0 ? 0 : (100 * judged.filter((r) => r.classification === 'Pass').length) / judged.length;
  if (criticalFailure) {
    return { verdict: 'fail', score, reason: `critical metric "${criticalFailure.name}" is ${criticalFailure.classification}`, metrics: results };
  }
  const nodata = results.length - judged.length;
  if (nodata * 2 >= results.length) {
    return { verdict: 'fail', score, reason: `${nodata} of ${results.length} metrics have no data`, metrics: results };
  }
  const verdict = score >= thresholds.pass ? 'pass' : score >= thresholds.marginal ? 'marginal' : 'fail';
  return { verdict, score, reason: `score ${round(score)} (pass at ${thresholds.pass}, marginal at ${thresholds.marginal})`, metrics: results };
}

function classify(metric, { minPoints, confidence, tolerance }) {
  const canary = metric.canary.filter(isPoint);
  const baseline = metric.baseline.filter(isPoint);
  const base = { ...describe(metric), ...counts(metric) };
  if (canary.length < minPoints || baseline.length < minPoints) return { ...base, classification: 'NODATA' };

  const { estimate, lower, upper } = mannWhitney(canary, baseline, { confidence });
  // Kayenta's margin: the interval must clear zero by a share of the estimated shift, so a
  // difference the data can barely see is not called a regression.
  const margin = tolerance * Math.abs(estimate);
  const higher = lower > margin;
  const lowerThanBaseline = upper < -margin;
  const direction = metric.direction ?? 'increase';
  let classification = 'Pass';
  if (higher && direction !== 'decrease') classification = 'High';
  else if (lowerThanBaseline && direction !== 'increase') classification = 'Low';
  return { ...base, classification, estimate, lower, upper };
}

function describe(metric) {
  return { name: metric.name, critical: metric.critical === true };
}

function counts(metric) {
  return { points: { canary: realPoints(metric.canary), baseline: realPoints(metric.baseline) } };
}

function realPoints(series) {
  return series.filter(isPoint).length;
}

function isPoint(value) {
  return typeof value === 'number' && Number.isFinite(value);
}

function round(n) {
  return Math.round(n * 100) / 100;
}

function checkMetrics(metrics) {
  if (!Array.isArray(metrics)) throw new TypeError('analyse(metrics) needs an array of { name, canary, baseline } metrics');
  for (const [i, m] of metrics.entries()) {
    const label = `metrics[${i}]${typeof m?.name === 'string' ? ` ("${m.name}")` : ''}`;
    if (typeof m?.name !== 'string' || m.name === '') throw new TypeError(`${label} needs a name`);
    if (!Array.isArray(m.canary) || !Array.isArray(m.baseline)) throw new TypeError(`${label} needs canary and baseline arrays (one point per minute, null for a gap)`);
    if (m.direction !== undefined && !DIRECTIONS.includes(m.direction)) {
      throw new RangeError(`${label}: direction must be one of ${DIRECTIONS.join(', ')}, got ${JSON.stringify(m.direction)}`);
    }
  }
}
