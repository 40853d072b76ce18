// A circuit breaker with Hystrix's semantics and defaults:
//   closed     calls go through; outcomes are counted in a rolling 10 s window (ten 1 s buckets).
//              It opens when the window holds at least 20 requests AND at least 50% of them failed.
//   open       every call is rejected at once with a CircuitOpenError; the dependency is not called.
//   half-open  after a 5 s sleep window the next call is the single trial; other calls are still
//              rejected. Trial succeeds: closed, counts reset. Trial fails: open for another 5 s.
// Time comes from the injected now(), in ms: never Date.now(), or the checks cannot move time.
//
// Right now the breaker never opens: every call goes through, however badly the dependency is
// doing. Your job is the TODOs below. Run node scripts/breaker-states.js to watch its state.

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
    this.state = 'closed'; // 'closed' | 'open' | 'half-open'
    this.openedAt = 0;
    // TODO 1: the rolling window. Keep `buckets` buckets of bucketMs each (ten of 1 s by default),
    //   each counting successes and failures, and remember which stretch of time each one holds,
    //   so a bucket can be reused (emptied) when time has moved past it.
  }

  /** Requests and failures in the rolling window: { total, failed }. */
  counts() {
    // TODO 2: add up the buckets that are still inside the window (the last windowMs, by bucket).
    return { total: 0, failed: 0 };
  }

  /** May a call go through now? While half-open, only the one trial may. */
  allowRequest() {
    // TODO 3: closed: yes. Open: no, until sleepMs have passed since it opened; then this caller
    //   becomes the single trial (state 'half-open') and every other caller is refused until the
    //   trial's outcome is known.
    return true;
  }

  onSuccess() {
    // TODO 4: a successful trial closes the circuit and empties the window. Otherwise count a
    //   success in the current bucket and check the thresholds (after EVERY outcome: ten failures
    //   then ten successes reach 20 requests at 50% on the twentieth call).
  }

  onFailure() {
    // TODO 5: a failed trial opens the circuit again (a new sleep window starts now). Otherwise
    //   count a failure, then check: at least volumeThreshold requests in the window AND at least
    //   errorThresholdPct percent of them failed ("at least": exactly 50% opens) -> open.
  }

  /**
   * Runs fn() through the breaker. A rejected call never runs fn: it goes to fallback(error) with a
   * CircuitOpenError. A failed call is recorded, then goes to fallback(error). Without a fallback,
   * errors are thrown.
   */
  async call(fn, fallback = (err) => Promise.reject(err)) {
    // TODO 6: when allowRequest() says no, return fallback(new CircuitOpenError()) without calling fn.
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
