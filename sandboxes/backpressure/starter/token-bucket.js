// A token bucket, the metering behind RFC 2697 and RFC 2698: tokens drip in at `rate` per second
// up to `burst`, each request takes one, and a request that finds no whole token is refused.
// It starts full, so a client that has been quiet may send a burst of `burst` at once. Over any
// window of T seconds at most burst + rate x T requests pass.
//
// Right now it lets everything through. Your job is the TODOs below.
// Time comes from the injected clock: clock.now() is in ms. Never call Date.now() here, or the
// checks cannot move time.

export class TokenBucket {
  /**
   * @param {{ rate: number, burst: number, clock: { now(): number } }} options
   *   rate: tokens added per second; burst: the most tokens the bucket holds; clock.now(): ms.
   */
  constructor({ rate, burst, clock } = {}) {
    if (!(Number.isFinite(rate) && rate > 0)) throw new TypeError(`rate must be a positive number of tokens per second, got ${rate}`);
    if (!(Number.isFinite(burst) && burst >= 1)) throw new TypeError(`burst must be a number of at least 1 (one request must fit), got ${burst}`);
    if (typeof clock?.now !== 'function') throw new TypeError('pass a clock: { now() } in ms (the scheduler works)');
    this.rate = rate;
    this.burst = burst;
    this.clock = clock;
    // TODO 1: the bucket starts full. Keep how many tokens it holds and when you last counted them.
  }

  /** Tokens in the bucket now (may be fractional). */
  available() {
    // TODO 2: refill lazily, with no timer: add (seconds since you last counted) x rate, never
    //   above burst. Keep the fractions, or a client that asks often never earns a whole token.
    return this.burst;
  }

  /** Takes one token if there is one: true lets the request through, false refuses it. */
  tryTake() {
    // TODO 3: refill, then take a token if at least one whole token is there. A refusal takes nothing.
    return true;
  }

  /** Whole seconds until one token is back, for Retry-After. */
  retryAfterSeconds() {
    // TODO 4: (1 - tokens) / rate seconds, rounded up (Retry-After is a whole number), at least 1.
    return 1;
  }
}
