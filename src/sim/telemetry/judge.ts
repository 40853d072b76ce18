/**
 * Canary judgement in the spirit of Kayenta's NetflixACAJudge: each metric compares canary against a
 * baseline started at the same time; a metric fails ("High") when the canary is significantly worse
 * (98% confidence) AND worse by more than an effect margin; too few data points give NODATA. The
 * error metric is critical: if it fails, the canary fails. Score = share of passing metrics; pass at
 * >= 95, marginal at >= 75 (judged inconclusive here, so the analysis runs again), fail below.
 */

export interface PoolSample {
  requests: number;
  errors: number;
  latencies: number[];
}

export type MetricResult = 'pass' | 'high' | 'nodata';

export interface Judgement {
  verdict: 'pass' | 'fail' | 'inconclusive';
  score: number;
  errors: { result: MetricResult; canary: number; baseline: number; z: number };
  latency: { result: MetricResult; canaryMedian: number; baselineMedian: number; z: number };
}

export const MIN_POINTS = 50;
/** Two-sided 98% interval -> |z| > 2.326. */
export const Z_98 = 2.326;

/**
 * Mann-Whitney U test, normal approximation with tie correction. Returns z for "a tends to be larger
 * than b" (positive when a is larger).
 */
export function mannWhitneyZ(a: readonly number[], b: readonly number[]): number {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return 0;
  const all: Array<[number, number]> = [];
  for (const v of a) all.push([v, 0]);
  for (const v of b) all.push([v, 1]);
  all.sort((x, y) => x[0] - y[0]);
  const n = n1 + n2;
  let rankSumA = 0;
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && all[j + 1]![0] === all[i]![0]) j++;
    const avgRank = (i + j) / 2 + 1;
    const t = j - i + 1;
    if (t > 1) tieTerm += t * t * t - t;
    for (let k = i; k <= j; k++) if (all[k]![1] === 0) rankSumA += avgRank;
    i = j + 1;
  }
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return 0;
  return (u - mean) / Math.sqrt(variance);
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface JudgeOptions {
  /** Canary error ratio must exceed baseline's by this much (absolute) to fail. */
  errorMargin: number;
  /** Canary median latency must exceed baseline's by this factor to fail. */
  latencyMargin: number;
}

export const DEFAULT_JUDGE: JudgeOptions = { errorMargin: 0.01, latencyMargin: 1.2 };

export function judgeCanary(canary: PoolSample, baseline: PoolSample, opts: JudgeOptions = DEFAULT_JUDGE): Judgement {
  // Errors: two-proportion z test.
  let errResult: MetricResult = 'nodata';
  let zErr = 0;
  const pc = canary.requests > 0 ? canary.errors / canary.requests : 0;
  const pb = baseline.requests > 0 ? baseline.errors / baseline.requests : 0;
  if (canary.requests >= MIN_POINTS && baseline.requests >= MIN_POINTS) {
    const p = (canary.errors + baseline.errors) / (canary.requests + baseline.requests);
    const se = Math.sqrt(p * (1 - p) * (1 / canary.requests + 1 / baseline.requests));
    zErr = se > 0 ? (pc - pb) / se : 0;
    errResult = zErr > Z_98 && pc - pb > opts.errorMargin ? 'high' : 'pass';
  }
  // Latency: Mann-Whitney U on successful requests.
  let latResult: MetricResult = 'nodata';
  let zLat = 0;
  const mc = median(canary.latencies);
  const mb = median(baseline.latencies);
  if (canary.latencies.length >= MIN_POINTS && baseline.latencies.length >= MIN_POINTS) {
    zLat = mannWhitneyZ(canary.latencies, baseline.latencies);
    latResult = zLat > Z_98 && mc > mb * opts.latencyMargin ? 'high' : 'pass';
  }
  const results = [errResult, latResult];
  const judged = results.filter((r) => r !== 'nodata');
  const score = judged.length ? (100 * judged.filter((r) => r === 'pass').length) / judged.length : 0;
  let verdict: Judgement['verdict'];
  if (errResult === 'high') verdict = 'fail';
  else if (judged.length < results.length) verdict = 'inconclusive';
  else if (score >= 95) verdict = 'pass';
  else if (score >= 75) verdict = 'inconclusive';
  else verdict = 'fail';
  return {
    verdict,
    score,
    errors: { result: errResult, canary: pc, baseline: pb, z: zErr },
    latency: { result: latResult, canaryMedian: mc, baselineMedian: mb, z: zLat },
  };
}
