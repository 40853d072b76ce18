// A token bucket, the metering behind RFC 2697 and RFC 2698: tokens drip in at `rate` per second
// up to `burst`, each request takes one, and a request that finds no whole token is refused.
// It starts full, so a client that has been quiet may send a burst of `burst` at once. Over any
// window of T seconds at most burst + rate x T requests pass.
//
// No timer is needed: the refill is worked out from the time elapsed whenever the bucket is used.

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
    this.tokens = burst; // starts full
    this.updatedAt = clock.now();
  }

  /** Adds what dripped in since the last look. Fractions are kept: dropping them would lose rate. */
  #refill() {
    const now = this.clock.now();
    const elapsedSec = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsedSec * this.rate);
    this.updatedAt = now;
  }

  /** Tokens in the bucket now (may be fractional). */
  available() {
    this.#refill();
    return this.tokens;
  }

  /** Takes one token if there is one: true lets the request through, false refuses it. */
  tryTake() {
    this.#refill();
    if (this.tokens < 1) return false; // a refused request takes nothing, so it cannot push the client further back
    this.tokens -= 1;
    return true;
  }

  /**
   * Whole seconds until one token is back, for Retry-After (delay-seconds is an integer, so round
   * up: a client that waits exactly this long is let through). At least 1.
   */
  retryAfterSeconds() {
    this.#refill();
    const missing = Math.max(0, 1 - this.tokens);
    return Math.max(1, Math.ceil(missing / this.rate));
  }
}
