// Latency summaries. Percentiles use the nearest-rank method: the p99 of 3,000 values is the
// 2,970th smallest (the 31st slowest).

/** The p-th percentile (0 < p <= 100) of a list of numbers, or NaN for an empty list. */
export function percentile(values, p) {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile(values, p) needs 0 < p <= 100, got ${p}`);
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.ceil((p / 100) * sorted.length - 1e-9) - 1];
}

/** { count, mean, p50, p99, p999, max } of a list of latencies. */
export function summarize(values) {
  const count = values.length;
  let sum = 0;
  let max = count ? -Infinity : NaN;
  for (const v of values) {
    sum += v;
    if (v > max) max = v;
  }
  return { count, mean: count ? sum / count : NaN, p50: percentile(values, 50), p99: percentile(values, 99), p999: percentile(values, 99.9), max };
}

/** A number for a table: "1,234", or "-" when there is nothing to show. */
export function fmt(value, digits = 0) {
  if (value === undefined || value === null || Number.isNaN(value)) return '-';
  if (!Number.isFinite(value)) return String(value);
  const [whole, fraction] = Math.abs(value).toFixed(digits).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = value < 0 && Number(whole) + Number(fraction ?? 0) > 0;
  return `${negative ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}
