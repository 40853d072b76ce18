/**
 * Log-linear latency histogram (the HDR histogram idea): values are kept in microseconds; below 64 us
 * every microsecond has its own bucket, above that each power of two is split into 32 equal buckets.
 * Recording is a couple of integer operations; a reported percentile is the middle of its bucket, so
 * it is within 1/64 (about 1.6%) of the true sample quantile. Percentiles over a window come from
 * merging bucket counts, never from averaging percentiles.
 */
export const HISTOGRAM_BUCKETS = 864;
const MAX_US = 2147483647;

/** Seconds to whole microseconds, clamped to [0, 2^31 - 1] (about 35 minutes). */
export function toMicros(seconds: number): number {
  const us = seconds * 1e6;
  return us > 0 ? (us < MAX_US ? us | 0 : MAX_US) : 0;
}

/** Bucket of a value in whole microseconds. */
export function bucketOfMicros(v: number): number {
  if (v < 64) return v;
  const e = 31 - Math.clz32(v);
  return 64 + (e - 6) * 32 + ((v >>> (e - 5)) & 31);
}

export function bucketOf(seconds: number): number {
  return bucketOfMicros(toMicros(seconds));
}

/** Lower edge of a bucket, in seconds. */
export function bucketLower(idx: number): number {
  if (idx < 64) return idx / 1e6;
  const e = 6 + ((idx - 64) >> 5);
  const sub = (idx - 64) & 31;
  return ((32 + sub) * Math.pow(2, e - 5)) / 1e6;
}

/** Width of a bucket, in seconds. */
export function bucketWidth(idx: number): number {
  if (idx < 64) return 1 / 1e6;
  const e = 6 + ((idx - 64) >> 5);
  return Math.pow(2, e - 5) / 1e6;
}

export class Histogram {
  readonly counts = new Float64Array(HISTOGRAM_BUCKETS);
  count = 0;
  private sumUs = 0;
  private minUs = Infinity;
  private maxUs = 0;
  /** Lowest and highest touched bucket, so that reading and clearing skip the empty tails. */
  lo = HISTOGRAM_BUCKETS;
  hi = -1;

  record(seconds: number): void {
    this.recordMicros(toMicros(seconds));
  }

  /**
   * Records a value given in whole microseconds (an integer, so hot callers pass it without boxing a
   * double). Sum, min and max are kept in microseconds and reported in seconds.
   */
  recordMicros(us: number): void {
    const idx = bucketOfMicros(us);
    this.counts[idx]!++;
    this.count++;
    this.sumUs += us;
    if (us < this.minUs) this.minUs = us;
    if (us > this.maxUs) this.maxUs = us;
    if (idx < this.lo) this.lo = idx;
    if (idx > this.hi) this.hi = idx;
  }

  get sum(): number {
    return this.sumUs / 1e6;
  }
  get min(): number {
    return this.minUs === Infinity ? Infinity : this.minUs / 1e6;
  }
  get max(): number {
    return this.maxUs / 1e6;
  }

  mean(): number {
    return this.count > 0 ? this.sum / this.count : 0;
  }

  /**
   * Nearest-rank quantile (the smallest recorded value v with at least q * count values <= v), reported
   * as the middle of v's bucket and clamped to the observed min/max. 0 when empty.
   */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = this.lo; i <= this.hi; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return this.representative(i);
    }
    return this.max;
  }

  /** Several quantiles in one pass; `qs` must be ascending. Writes into `out`. */
  quantilesInto(qs: readonly number[], out: number[]): void {
    if (this.count === 0) {
      for (let k = 0; k < qs.length; k++) out[k] = 0;
      return;
    }
    let k = 0;
    let rank = Math.max(1, Math.ceil(qs[0]! * this.count));
    let seen = 0;
    for (let i = this.lo; i <= this.hi && k < qs.length; i++) {
      seen += this.counts[i]!;
      while (k < qs.length && seen >= rank) {
        out[k++] = this.representative(i);
        if (k < qs.length) rank = Math.max(1, Math.ceil(qs[k]! * this.count));
      }
    }
    while (k < qs.length) out[k++] = this.max;
  }

  private representative(i: number): number {
    const mid = bucketLower(i) + bucketWidth(i) / 2;
    const lo = this.min;
    const hi = this.max;
    return mid < lo ? lo : mid > hi ? hi : mid;
  }

  merge(other: Histogram): void {
    if (other.count === 0) return;
    for (let i = other.lo; i <= other.hi; i++) this.counts[i]! += other.counts[i]!;
    this.count += other.count;
    this.sumUs += other.sumUs;
    if (other.minUs < this.minUs) this.minUs = other.minUs;
    if (other.maxUs > this.maxUs) this.maxUs = other.maxUs;
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
  }

  clear(): void {
    if (this.hi >= this.lo) this.counts.fill(0, this.lo, this.hi + 1);
    this.count = 0;
    this.sumUs = 0;
    this.minUs = Infinity;
    this.maxUs = 0;
    this.lo = HISTOGRAM_BUCKETS;
    this.hi = -1;
  }
}
