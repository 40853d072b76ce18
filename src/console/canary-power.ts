/**
 * What the canary judge's verdict means, per metric: its test, p-value, effect and samples, and its
 * power: the smallest regression it would have caught (four times in five) with the samples it had.
 * A canary that "passed" on 200 requests has not shown that errors did not go up tenfold; this
 * module says how far the evidence goes. Mirrors src/sim/telemetry/judge.ts (98% one-sided
 * threshold z > 2.326, error margin 1 percentage point, latency margin 1.2x, 50 points minimum).
 */

export const JUDGE = { zCritical: 2.326, errorMargin: 0.01, latencyMargin: 1.2, minPoints: 50, latencyReservoir: 256 } as const;
/** The power conventionally asked of a test: catch the effect four times in five. */
export const TARGET_POWER = 0.8;

/** The shape of the simulator's canary Judgement (frames carry it as plain data). */
export interface JudgementLike {
  verdict: 'pass' | 'fail' | 'inconclusive';
  score: number;
  errors: { result: 'pass' | 'high' | 'nodata'; canary: number; baseline: number; z: number };
  latency: { result: 'pass' | 'high' | 'nodata'; canaryMedian: number; baselineMedian: number; z: number };
}

export function isJudgement(x: unknown): x is JudgementLike {
  const j = x as JudgementLike | null;
  return typeof j === 'object' && j !== null && typeof j.verdict === 'string' && typeof j.errors?.z === 'number' && typeof j.latency?.z === 'number';
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 through erf; error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** One-sided p-value of a z statistic for "the canary is worse". */
export function pValue(z: number): number {
  return 1 - normalCdf(z);
}

/** ln Gamma(x) for x > 0 (Lanczos, g = 7): enough digits for binomial probabilities. */
function lnGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Binomial probabilities over the range that holds all but ~1e-12 of the mass. */
function binomial(n: number, p: number): { from: number; probs: number[] } {
  if (p <= 0) return { from: 0, probs: [1] };
  if (p >= 1) return { from: n, probs: [1] };
  const sd = Math.sqrt(n * p * (1 - p));
  const from = Math.max(0, Math.floor(n * p - 8 * sd - 2));
  const to = Math.min(n, Math.ceil(n * p + 8 * sd + 2));
  const lnc = lnGamma(n + 1);
  const probs: number[] = [];
  for (let k = from; k <= to; k++) probs.push(Math.exp(lnc - lnGamma(k + 1) - lnGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log(1 - p)));
  return { from, probs };
}

/** Whether the judge flags these observed counts (src/sim/telemetry/judge.ts, errors). */
function flags(xc: number, nc: number, xb: number, nb: number): boolean {
  const pc = xc / nc;
  const pb = xb / nb;
  const p = (xc + xb) / (nc + nb);
  const se = Math.sqrt(p * (1 - p) * (1 / nc + 1 / nb));
  const z = se > 0 ? (pc - pb) / se : 0;
  return z > JUDGE.zCritical && pc - pb > JUDGE.errorMargin;
}

/** Above this many requests per arm the normal approximation is as good as the exact sum, and cheaper. */
const EXACT_UP_TO = 2000;

/**
 * Probability that the judge flags the error metric ("high") when the canary's true error ratio is
 * `canary` and the baseline's is `baseline`: summed exactly over the binomial outcomes of both arms
 * for the sample sizes canaries have (a few hundred requests, where the normal approximation is
 * poor), approximated by a normal difference above EXACT_UP_TO.
 */
export function errorTestPower(o: { baseline: number; canary: number; nCanary: number; nBaseline: number }): number {
  const nc = Math.round(o.nCanary);
  const nb = Math.round(o.nBaseline);
  const { baseline: pb, canary: pc } = o;
  if (nc < JUDGE.minPoints || nb < JUDGE.minPoints) return 0;
  if (nc > EXACT_UP_TO || nb > EXACT_UP_TO) {
    const pooled = (pc * nc + pb * nb) / (nc + nb);
    const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / nc + 1 / nb));
    const se1 = Math.sqrt((pc * (1 - pc)) / nc + (pb * (1 - pb)) / nb);
    const threshold = Math.max(JUDGE.zCritical * se0, JUDGE.errorMargin);
    if (se1 === 0) return pc - pb > threshold ? 1 : 0;
    return 1 - normalCdf((threshold - (pc - pb)) / se1);
  }
  const c = binomial(nc, pc);
  const b = binomial(nb, pb);
  // Tail sums of the canary arm, so each baseline outcome costs one scan to its first flagged count.
  const tail = new Array<number>(c.probs.length + 1).fill(0);
  for (let i = c.probs.length - 1; i >= 0; i--) tail[i] = tail[i + 1]! + c.probs[i]!;
  let power = 0;
  b.probs.forEach((pbx, j) => {
    const xb = b.from + j;
    // Flagging only gets likelier as the canary's error count grows: binary search the first flagged count.
    let lo = 0;
    let hi = c.probs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (flags(c.from + mid, nc, xb, nb)) hi = mid;
      else lo = mid + 1;
    }
    power += pbx * tail[lo]!;
  });
  return Math.min(1, power);
}

/** Smallest canary error ratio the judge catches with TARGET_POWER; null when even 100% errors would not be (too few samples). */
export function minimumDetectableErrorRatio(o: { baseline: number; nCanary: number; nBaseline: number; power?: number }): number | null {
  const power = o.power ?? TARGET_POWER;
  const at = (pc: number) => errorTestPower({ baseline: o.baseline, canary: pc, nCanary: o.nCanary, nBaseline: o.nBaseline });
  if (at(1) < power) return null;
  let lo = o.baseline;
  let hi = 1;
  // 30 halvings: a thousandth of a percentage point, far finer than the numbers shown.
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (at(mid) >= power) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Probability that the judge flags latency when the canary's latencies are `ratio` times the
 * baseline's (a shift of lognormal latencies of shape `sigma`): the Mann-Whitney z must pass z*
 * (Noether's approximation) and the observed median ratio the margin (sample medians of lognormals:
 * log-median variance ~ pi/2 sigma^2 / n). The two are treated as independent, which slightly
 * understates the power.
 */
export function latencyTestPower(o: { ratio: number; sigma: number; nCanary: number; nBaseline: number }): number {
  const { ratio, sigma, nCanary: n1, nBaseline: n2 } = o;
  if (n1 < JUDGE.minPoints || n2 < JUDGE.minPoints || !(ratio > 0) || !(sigma > 0)) return 0;
  const delta = Math.log(ratio);
  const theta = normalCdf(delta / (sigma * Math.SQRT2));
  const rank = 1 - normalCdf(JUDGE.zCritical - (theta - 0.5) * Math.sqrt((12 * n1 * n2) / (n1 + n2 + 1)));
  const sdMedian = Math.sqrt((Math.PI / 2) * sigma * sigma * (1 / n1 + 1 / n2));
  const margin = normalCdf((delta - Math.log(JUDGE.latencyMargin)) / sdMedian);
  return rank * margin;
}

/** Smallest latency ratio (canary / baseline) the judge catches with TARGET_POWER; null if none up to 100x. */
export function minimumDetectableLatencyRatio(o: { sigma: number; nCanary: number; nBaseline: number; power?: number }): number | null {
  const power = o.power ?? TARGET_POWER;
  const at = (r: number) => latencyTestPower({ ratio: r, sigma: o.sigma, nCanary: o.nCanary, nBaseline: o.nBaseline });
  if (at(100) < power) return null;
  let lo = 1;
  let hi = 100;
  for (let i = 0; i < 60; i++) {
    const mid = Math.sqrt(lo * hi);
    if (at(mid) >= power) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Lognormal shape from two percentiles of the same latencies: ln(p95 / p50) = 1.645 sigma. */
export function sigmaFromPercentiles(p50: number, p95: number): number | null {
  return p50 > 0 && p95 > p50 ? Math.log(p95 / p50) / 1.645 : null;
}

export interface ArmSamples {
  /** Requests each arm served during the analysis (estimated from the traffic the canary had). */
  requests: number;
  /** Latencies the rank test compared per arm (successes, up to the judge's reservoir). */
  latencies: number;
}

export interface MetricVerdict {
  metric: 'Errors' | 'Latency';
  test: string;
  result: 'pass' | 'high' | 'nodata';
  pValue: number | null;
  effect: string;
  samples: string;
  reason: string;
  /** The smallest regression it could have caught with these samples, in words. */
  power: string;
}

const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 2 : 1)}%`;

/** The judge's verdict as rows for the console: one per metric, with what the test could and could not see. */
export function explainJudgement(j: JudgementLike, arms: ArmSamples, latencySigma: number | null): MetricVerdict[] {
  const n = Math.round(arms.requests);
  const e = j.errors;
  const mdeErr = minimumDetectableErrorRatio({ baseline: e.baseline, nCanary: n, nBaseline: n });
  const errors: MetricVerdict = {
    metric: 'Errors',
    test: 'two-proportion z test',
    result: e.result,
    pValue: e.result === 'nodata' ? null : pValue(e.z),
    effect: `${pct(e.canary)} vs ${pct(e.baseline)} (${e.canary >= e.baseline ? '+' : ''}${((e.canary - e.baseline) * 100).toFixed(2)} points)`,
    samples: `about ${n} requests per arm`,
    reason:
      e.result === 'nodata'
        ? `fewer than ${JUDGE.minPoints} requests per arm: no judgement`
        : e.result === 'high'
          ? `worse at 98% confidence and by more than ${JUDGE.errorMargin * 100} point`
          : e.z > JUDGE.zCritical
            ? `significant, but within the ${JUDGE.errorMargin * 100}-point margin`
            : 'no significant difference',
    power:
      e.result === 'nodata'
        ? 'none: too few requests'
        : mdeErr === null
          ? 'none: even 100% errors might pass'
          : `would catch ${pct(mdeErr)} errors or worse${e.baseline > 0 ? ` (${(mdeErr / e.baseline).toFixed(1)}x the baseline)` : ''} four times in five`,
  };
  const l = j.latency;
  const m = Math.min(JUDGE.latencyReservoir, Math.round(arms.latencies));
  const mdeLat = latencySigma === null ? null : minimumDetectableLatencyRatio({ sigma: latencySigma, nCanary: m, nBaseline: m });
  const ratio = l.baselineMedian > 0 ? l.canaryMedian / l.baselineMedian : NaN;
  const latency: MetricVerdict = {
    metric: 'Latency',
    test: 'Mann-Whitney U test',
    result: l.result,
    pValue: l.result === 'nodata' ? null : pValue(l.z),
    effect: Number.isFinite(ratio) ? `median ${(l.canaryMedian * 1000).toFixed(1)} vs ${(l.baselineMedian * 1000).toFixed(1)} ms (${ratio.toFixed(2)}x)` : 'no latencies',
    samples: `up to ${m} sampled latencies per arm`,
    reason:
      l.result === 'nodata'
        ? `fewer than ${JUDGE.minPoints} latencies per arm: no judgement`
        : l.result === 'high'
          ? `slower at 98% confidence and by more than ${JUDGE.latencyMargin}x`
          : l.z > JUDGE.zCritical
            ? `significant, but within the ${JUDGE.latencyMargin}x margin`
            : 'no significant difference',
    power:
      l.result === 'nodata' ? 'none: too few latencies' : mdeLat === null ? 'unknown: no latency spread measured' : `would catch a ${mdeLat.toFixed(2)}x slowdown or worse four times in five`,
  };
  return [errors, latency];
}
