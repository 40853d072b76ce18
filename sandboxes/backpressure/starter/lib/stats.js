// Latency summaries. Percentiles use the nearest-rank method: p99 of 200 values is the 198th smallest.

/** The p-th percentile (0 < p <= 100) of a list of numbers, or NaN for an empty list. */
export function percentile(values, p) {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile(values, p) needs 0 < p <= 100, got ${p}`);
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.ceil((p / 100) * sorted.length) - 1];
}

/** { count, p50, p99, max } of a list of latencies. */
export function summarize(values) {
  return {
    count: values.length,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: values.reduce((m, v) => (v > m ? v : m), values.length ? -Infinity : NaN),
  };
}

/** A number for a table: "1,234", or "-" when there is nothing to show. */
export function fmt(value, digits = 0) {
  if (value === undefined || Number.isNaN(value)) return '-';
  if (!Number.isFinite(value)) return String(value);
  const [whole, fraction] = Math.abs(value).toFixed(digits).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = value < 0 && Number(whole) + Number(fraction ?? 0) > 0;
  return `${negative ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}
