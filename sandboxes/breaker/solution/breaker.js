// A circuit breaker with Hystrix's semantics and defaults:
//   closed     calls go through; outcomes are counted in a rolling 10 s window (ten 1 s buckets).
//              It opens when the window holds at least 20 requests AND at least 50% of them failed.
//   open       every call is rejected at once with a CircuitOpenError; the dependency is not called.
//   half-open  after a 5 s sleep window the next call is the single trial; other calls are still
//              rejected. Trial succeeds: closed, counts reset. Trial fails: open for another 5 s.
// Time comes from the injected now(), in ms.

export class CircuitOpenError extends Error {
  constructor() {
    super('circuit open: the call was not attempted');
    this.name = 'CircuitOpenError';
  }
}

export const HYSTRIX_DEFAULTS = { windowMs: 10_000, buckets: 10, volumeThreshold: 20, errorThresholdPct: 50, sleepMs: 5_000 };

export class CircuitBreaker {
  constructor({ now, ...options } = {}) {
    if (typeof now !== 'function') throw new TypeError('CircuitBreaker needs { now: () => ms }');
    const { windowMs, buckets, volumeThreshold, errorThresholdPct, sleepMs } = { ...HYSTRIX_DEFAULTS, ...options };
    Object.assign(this, { now, windowMs, volumeThreshold, errorThresholdPct, sleepMs });
    this.bucketMs = windowMs / buckets;
    this.buckets = Array.from({ length: buckets }, () => ({ index: -1, ok: 0, failed: 0 }));
    this.state = 'closed';
    this.openedAt = 0;
  }

  /** The bucket for the current time, emptied first if it last held an older second. */
  #bucketNow() {
    const index = Math.floor(this.now() / this.bucketMs);
    const bucket = this.buckets[index % this.buckets.length];
    if (bucket.index !== index) Object.assign(bucket, { index, ok: 0, failed: 0 });
    return bucket;
  }

  /** Requests and failures in the rolling window. */
  counts() {
    const oldest = Math.floor(this.now() / this.bucketMs) - this.buckets.length + 1;
    let total = 0;
    let failed = 0;
    for (const b of this.buckets) {
      if (b.index < oldest) continue;
      total += b.ok + b.failed;
      failed += b.failed;
    }
    return { total, failed };
  }

  /** May a call go through now? While half-open, only the one trial may. */
  allowRequest() {
    if (this.state === 'closed') return true;
    if (this.state === 'open' && this.now() - this.openedAt >= this.sleepMs) {
      this.state = 'half-open'; // this caller is the trial
      return true;
    }
    return false;
  }

  onSuccess() {
    if (this.state === 'half-open') return this.#close();
    this.#bucketNow().ok += 1;
    this.#evaluate();
  }

  onFailure() {
    if (this.state === 'half-open') return this.#open();
    this.#bucketNow().failed += 1;
    this.#evaluate();
  }

  #evaluate() {
    if (this.state !== 'closed') return;
    const { total, failed } = this.counts();
    if (total >= this.volumeThreshold && failed * 100 >= this.errorThresholdPct * total) this.#open();
  }

  #open() {
    this.state = 'open';
    this.openedAt = this.now();
  }

  #close() {
    this.state = 'closed';
    for (const b of this.buckets) Object.assign(b, { index: -1, ok: 0, failed: 0 });
  }

  /**
   * Runs fn() through the breaker. A rejected call never runs fn: it goes to fallback(error) with a
   * CircuitOpenError. A failed call is recorded, then goes to fallback(error). Without a fallback,
   * errors are thrown.
   */
  async call(fn, fallback = (err) => Promise.reject(err)) {
    if (!this.allowRequest()) return fallback(new CircuitOpenError());
    let value;
    try {
      value = await fn();
    } catch (err) {
      this.onFailure();
      return fallback(err);
    }
    this.onSuccess();
    return value;
  }
}
