// Statistics helpers you may use in analysis.js. None of them decides anything: they measure,
// and your analysis turns the measurements into a verdict.
//
//   mean(values)                          the average
//   percentile(values, q)                 nearest-rank percentile, e.g. percentile(latencies, 99)
//   normalQuantile(p)                     z such that P(Z < z) = p (normalQuantile(0.99) = 2.326)
//   mannWhitney(canary, baseline, { confidence = 0.98 })
//     The Mann-Whitney U test (Wilcoxon rank-sum), the test Kayenta's judge uses. It only uses the
//     order of the values, so it suits skewed data like latency. Returns
//       { u, z, pValue, estimate, lower, upper }
//     u         pairs (canary point, baseline point) where the canary is higher; ties count half.
//               With m and n points, no difference puts u near m * n / 2.
//     estimate  the typical shift canary - baseline (Hodges-Lehmann: the median of all m * n
//               pairwise differences), in the metric's unit
//     lower, upper   the confidence interval for that shift (98% by default). When lower > 0 the
//               canary is higher with that confidence; when upper < 0 it is lower.
//     Every value must be a finite number: drop the gaps (null or NaN points) first.

export function mean(values) {
  checkNumbers(values, 'mean(values)');
  let sum = 0;
  for (const v of values) sum += v;
  return values.length === 0 ? NaN : sum / values.length;
}

export function percentile(values, q) {
  checkNumbers(values, 'percentile(values, q)');
  if (!(q > 0 && q <= 100)) throw new RangeError(`percentile(values, q): q must be in (0, 100], got ${q}`);
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.ceil((q / 100) * sorted.length) - 1];
}

/** Acklam's rational approximation of the inverse normal CDF (relative error below 1.2e-9). */
export function normalQuantile(p) {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile(p): p must be strictly between 0 and 1, got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** P(Z < z) for a standard normal Z (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
export function normalCdf(z) {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export function mannWhitney(canary, baseline, { confidence = 0.98 } = {}) {
  checkNumbers(canary, 'mannWhitney(canary, baseline): canary');
  checkNumbers(baseline, 'mannWhitney(canary, baseline): baseline');
  if (canary.length === 0 || baseline.length === 0) {
    throw new RangeError(`mannWhitney needs points on both sides, got ${canary.length} canary and ${baseline.length} baseline`);
  }
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be between 0 and 1 (0.98 for 98%), got ${confidence}`);
  const m = canary.length;
  const n = baseline.length;
  const total = m + n;

  // Rank all points together; tied values share the average of their ranks.
  const pooled = [...canary.map((value) => ({ value, canary: true })), ...baseline.map((value) => ({ value, canary: false }))];
  pooled.sort((x, y) => x.value - y.value);
  let canaryRanks = 0;
  let tieTerm = 0;
  for (let i = 0; i < total; ) {
    let j = i;
    while (j + 1 < total && pooled[j + 1].value === pooled[i].value) j += 1;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) if (pooled[k].canary) canaryRanks += rank;
    const tied = j - i + 1;
    tieTerm += tied ** 3 - tied;
    i = j + 1;
  }
  const u = canaryRanks - (m * (m + 1)) / 2;
  const spread = Math.sqrt(((m * n) / 12) * (total + 1 - tieTerm / (total * (total - 1) || 1)));
  // With the usual continuity correction (as R's wilcox.test and ClickHouse's mannWhitneyUTest do).
  const offset = u - (m * n) / 2;
  const z = spread > 0 ? (offset - Math.sign(offset) * 0.5) / spread : 0;
  const pValue = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));

  // The shift and its interval come from the sorted pairwise differences (Hodges-Lehmann).
  const diffs = new Float64Array(m * n);
  let at = 0;
  for (const c of canary) for (const b of baseline) diffs[at++] = c - b;
  diffs.sort();
  const pairs = diffs.length;
  const estimate = pairs % 2 === 1 ? diffs[(pairs - 1) / 2] : (diffs[pairs / 2 - 1] + diffs[pairs / 2]) / 2;
  const zq = normalQuantile(1 - (1 - confidence) / 2);
  const k = Math.max(0, Math.floor(pairs / 2 - zq * Math.sqrt((pairs * (total + 1)) / 12)));
  return { u, z, pValue, estimate, lower: diffs[k], upper: diffs[pairs - 1 - k] };
}

function checkNumbers(values, what) {
  if (!Array.isArray(values)) throw new TypeError(`${what} must be an array of numbers, got ${typeof values}`);
  const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad !== -1) {
    throw new TypeError(`${what}[${bad}] is ${values[bad]}: every value must be a finite number (drop the gaps, null or NaN points, first)`);
  }
}
