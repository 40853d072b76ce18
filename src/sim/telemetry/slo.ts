import type { SloConfig } from '../scenarios/schema';
import { stopIfReviving } from '../checkpoint/blank';

/**
 * Service level objectives on client-observed requests at the edge: availability (not an error) and
 * latency (served faster than the threshold). Counts are kept as cumulative sums at every second
 * boundary in a ring covering the longest alert window, so any window's error ratio is two lookups.
 */
export class SloTracker {
  private cumTotal: Float64Array;
  private cumBad: Float64Array;
  private cumSlow: Float64Array;
  private size: number;
  /** Closed seconds so far. */
  closed = 0;
  secTotal = 0;
  secBad = 0;
  secSlow = 0;
  total = 0;
  bad = 0;
  slow = 0;
  readonly threshold: number;

  constructor(
    readonly config: SloConfig,
    horizonSeconds: number,
  ) {
    stopIfReviving(this, new.target);
    this.size = horizonSeconds + 1;
    this.cumTotal = new Float64Array(this.size);
    this.cumBad = new Float64Array(this.size);
    this.cumSlow = new Float64Array(this.size);
    this.threshold = config.latencyThresholdMs / 1000;
  }

  /** One request outcome as the client saw it; `slow` = took longer than the latency threshold. */
  record(ok: boolean, slow: boolean): void {
    this.secTotal++;
    if (!ok) this.secBad++;
    else if (slow) this.secSlow++;
  }

  closeSecond(): void {
    this.total += this.secTotal;
    this.bad += this.secBad;
    this.slow += this.secSlow;
    this.closed++;
    const i = this.closed % this.size;
    this.cumTotal[i] = this.total;
    this.cumBad[i] = this.bad;
    this.cumSlow[i] = this.slow;
    this.secTotal = 0;
    this.secBad = 0;
    this.secSlow = 0;
  }

  /** Prefilled history: the system served this many good requests per second before time 0. */
  private historyRate = 0;

  /**
   * Assume the service ran healthy at `ratePerSecond` before the simulation started, so that long
   * windows (1 h .. 3 d) are not judged on a few seconds of data. Without this, one early error would
   * look like a huge burn rate.
   */
  prefillHistory(ratePerSecond: number): void {
    this.historyRate = ratePerSecond;
  }

  private ratio(seconds: number, cum: Float64Array): number {
    const w = Math.min(seconds, this.size - 1);
    const have = Math.min(w, this.closed);
    const now = this.closed % this.size;
    const then = (this.closed - have) % this.size;
    const total = this.cumTotal[now]! - this.cumTotal[then]! + (w - have) * this.historyRate;
    return total > 0 ? (cum[now]! - cum[then]!) / total : 0;
  }

  /** Share of bad requests over the last `seconds` closed seconds (0 without traffic). */
  errorRatio(seconds: number): number {
    return this.ratio(seconds, this.cumBad);
  }

  slowRatio(seconds: number): number {
    return this.ratio(seconds, this.cumSlow);
  }

  /** Burn rate of the availability budget over a window: error ratio / (1 - SLO). */
  burnRate(seconds: number): number {
    return this.errorRatio(seconds) / (1 - this.config.availability);
  }

  /**
   * Share of the whole window's (e.g. 30-day) error budget consumed so far, assuming the traffic seen
   * is representative: mean burn rate * elapsed / window.
   */
  budgetBurned(elapsedSeconds: number): { availability: number; latency: number } {
    const window = this.config.windowDays * 86400;
    const errRatio = this.total > 0 ? this.bad / this.total : 0;
    const slowRatio = this.total > 0 ? this.slow / this.total : 0;
    return {
      availability: ((errRatio / (1 - this.config.availability)) * elapsedSeconds) / window,
      latency: ((slowRatio / (1 - this.config.latencyTarget)) * elapsedSeconds) / window,
    };
  }
}
