import type { Prng } from '../engine/prng';
import { stopIfReviving } from '../checkpoint/blank';

/**
 * Client retry behaviour: backoff with jitter (AWS "Exponential Backoff And Jitter"), gRPC retry
 * throttling, a retry budget, and the SRE book's client-side adaptive throttling.
 */

export type Jitter = 'none' | 'full' | 'equal' | 'decorrelated';

export interface BackoffPolicy {
  kind: 'none' | 'fixed' | 'exponential';
  /** Total attempts including the first (SRE book: at most 3). */
  maxAttempts: number;
  baseMs: number;
  capMs: number;
  jitter: Jitter;
}

/**
 * Delay before retry number `retry` (0 for the first retry), in seconds.
 * `previousSleep` is the last delay this request slept (seconds), used only by decorrelated jitter.
 */
export function backoffDelay(policy: BackoffPolicy, retry: number, previousSleep: number, rng: Prng): number {
  const base = policy.baseMs / 1000;
  const cap = policy.capMs / 1000;
  if (policy.kind === 'none') return 0;
  if (policy.jitter === 'decorrelated') {
    // sleep = min(cap, U(base, 3 * previous)); the first retry starts from previous = base.
    const prev = previousSleep > 0 ? previousSleep : base;
    const hi = Math.max(base, 3 * prev);
    return Math.min(cap, rng.uniform(base, hi));
  }
  const v = policy.kind === 'fixed' ? Math.min(cap, base) : Math.min(cap, base * Math.pow(2, retry));
  switch (policy.jitter) {
    case 'full':
      return rng.uniform(0, v);
    case 'equal':
      return v / 2 + rng.uniform(0, v / 2);
    default:
      return v;
  }
}

/**
 * gRPC retry throttling (proposal A6): a token count starts at maxTokens; each failure removes one,
 * each success adds tokenRatio; retries are allowed only while tokens > maxTokens / 2.
 */
export class RetryThrottle {
  tokens: number;
  constructor(
    readonly maxTokens: number,
    readonly tokenRatio: number,
  ) {
    stopIfReviving(this, new.target);
    if (!(maxTokens > 0)) throw new Error('retry throttle maxTokens must be > 0');
    if (!(tokenRatio > 0)) throw new Error('retry throttle tokenRatio must be > 0');
    this.tokens = maxTokens;
  }
  onFailure(): void {
    this.tokens = Math.max(0, this.tokens - 1);
  }
  onSuccess(): void {
    // Rounded to 3 decimals like the proposal, so 5 + 0.1 is exactly 5.1.
    this.tokens = Math.min(this.maxTokens, Math.round((this.tokens + this.tokenRatio) * 1000) / 1000);
  }
  allowsRetry(): boolean {
    return this.tokens > this.maxTokens / 2;
  }
}

/**
 * A retry budget in the Finagle style: every original request deposits `ratio` of a retry, a retry
 * withdraws one, and a small allowance per second lets low-traffic clients retry at all. Keeps retries
 * under about `ratio` of requests (the SRE book's "under 10%").
 */
export class RetryBudget {
  balance: number;
  private lastRefill = 0;
  constructor(
    readonly ratio: number,
    readonly minPerSecond: number,
    readonly cap: number,
  ) {
    stopIfReviving(this, new.target);
    this.balance = Math.min(cap, minPerSecond);
  }
  onRequest(): void {
    this.balance = Math.min(this.cap, this.balance + this.ratio);
  }
  tryWithdraw(now: number): boolean {
    if (now > this.lastRefill) {
      this.balance = Math.min(this.cap, this.balance + (now - this.lastRefill) * this.minPerSecond);
      this.lastRefill = now;
    }
    if (this.balance >= 1) {
      this.balance -= 1;
      return true;
    }
    return false;
  }
}

/** SRE book ch. 21: probability that a client rejects a request locally, K typically 2. */
export function adaptiveThrottleProbability(requests: number, accepts: number, k: number): number {
  return Math.max(0, (requests - k * accepts) / (requests + 1));
}
