import type { BreakerConfig } from './topology';
import { stopIfReviving } from '../checkpoint/blank';

export const BREAKER_CLOSED = 0;
export const BREAKER_OPEN = 1;
export const BREAKER_HALF_OPEN = 2;
export const BREAKER_STATE_NAMES = ['closed', 'open', 'half-open'] as const;

/**
 * The data-plane half of a circuit breaker: a rolling window of per-second buckets that every call
 * updates in O(1), and the breaker state as plain data. The state itself is decided by the xstate
 * breaker machine (machines/breaker.machine.ts); this window only tells the machine when the trip
 * condition becomes true and when a half-open trial ends, so the machine sees a handful of events
 * instead of one per request.
 */
export class BreakerWindow {
  state = BREAKER_CLOSED;
  trialInFlight = false;
  totalRequests = 0;
  totalFailures = 0;
  shortCircuited = 0;
  private reqs: Float64Array;
  private fails: Float64Array;
  private lastSecond = -1;
  /** Wired by the control plane. */
  onTrip: () => void = () => {};
  onTrialResult: (ok: boolean) => void = () => {};

  constructor(readonly config: BreakerConfig) {
    stopIfReviving(this, new.target);
    this.reqs = new Float64Array(config.windowSeconds);
    this.fails = new Float64Array(config.windowSeconds);
  }

  /** Drops the buckets that fell out of the window by time `now`. */
  private advance(now: number): void {
    const sec = Math.floor(now);
    if (sec === this.lastSecond) return;
    const w = this.reqs.length;
    const from = this.lastSecond < 0 || sec - this.lastSecond > w ? sec - w + 1 : this.lastSecond + 1;
    for (let s = from; s <= sec; s++) {
      const i = ((s % w) + w) % w;
      this.totalRequests -= this.reqs[i]!;
      this.totalFailures -= this.fails[i]!;
      this.reqs[i] = 0;
      this.fails[i] = 0;
    }
    this.lastSecond = sec;
  }

  /** Whether a call may go out now. In half-open state exactly one trial call is let through. */
  allow(): boolean {
    const st = this.state;
    if (st === BREAKER_CLOSED) return true;
    if (st === BREAKER_HALF_OPEN && !this.trialInFlight) {
      this.trialInFlight = true;
      return true;
    }
    this.shortCircuited++;
    return false;
  }

  /** Records the outcome of a call that `allow()` let through; `trial` says it was the half-open trial. */
  record(now: number, ok: boolean, trial: boolean): void {
    if (trial) {
      this.trialInFlight = false;
      this.onTrialResult(ok);
      return;
    }
    this.advance(now);
    const i = Math.floor(now) % this.reqs.length;
    this.reqs[i]!++;
    this.totalRequests++;
    if (!ok) {
      this.fails[i]!++;
      this.totalFailures++;
    }
    if (
      this.state === BREAKER_CLOSED &&
      this.totalRequests >= this.config.minRequests &&
      this.totalFailures >= this.config.errorThreshold * this.totalRequests
    ) {
      this.onTrip();
    }
  }

  reset(): void {
    this.reqs.fill(0);
    this.fails.fill(0);
    this.totalRequests = 0;
    this.totalFailures = 0;
    this.trialInFlight = false;
  }
}
