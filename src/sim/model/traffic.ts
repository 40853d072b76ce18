import type { Prng } from '../engine/prng';
import { DeadlineFifo } from '../engine/fifo';
import { AliasTable } from '../engine/alias';
import { RetryBudget, RetryThrottle } from './retry';
import type { RetryConfig, SourceConfig } from './topology';
import { stopIfReviving } from '../checkpoint/blank';

/**
 * A population of clients: Poisson arrivals whose rate follows a daily curve plus spikes, held
 * constant within each simulated second. Because Poisson arrivals are memoryless, drawing an
 * exponential gap and restarting at the next second boundary when the gap crosses it is exact for a
 * piecewise-constant rate.
 */
export class TrafficSource {
  retry: RetryConfig;
  throttle: RetryThrottle | null = null;
  budget: RetryBudget | null = null;
  readonly timeout: number;
  readonly timeouts = new DeadlineFifo(256);
  readonly routePicker: AliasTable;
  readonly routeIndex: Int32Array;
  /** Index of the only route, or -1 when there are several. */
  readonly singleRoute: number;
  readonly users: number;
  /** Extra multiplier from faults (traffic spikes). */
  faultFactor = 1;
  private cachedSecond = -1;
  private cachedRate = 0;
  // Adaptive throttling window (SRE book): 120 one-second buckets of requests and accepts.
  private atRequests = new Float64Array(120);
  private atAccepts = new Float64Array(120);
  private atSecond = -1;
  atTotalRequests = 0;
  atTotalAccepts = 0;

  constructor(
    readonly index: number,
    readonly config: SourceConfig,
    routeIds: string[],
    readonly rng: Prng,
  ) {
    stopIfReviving(this, new.target);
    this.retry = config.retry;
    this.applyBudget();
    this.timeout = config.timeoutMs === null ? Infinity : config.timeoutMs / 1000;
    const entries = Object.entries(config.routes);
    this.routePicker = new AliasTable(entries.map(([, w]) => w));
    this.routeIndex = new Int32Array(entries.map(([r]) => routeIds.indexOf(r)));
    const used = entries.filter(([, w]) => w > 0);
    this.singleRoute = used.length === 1 ? routeIds.indexOf(used[0]![0]) : -1;
    this.users = config.users;
  }

  setRetry(retry: RetryConfig): void {
    this.retry = retry;
    this.applyBudget();
  }

  private applyBudget(): void {
    const b = this.retry.budget;
    this.throttle = b.kind === 'throttle' ? new RetryThrottle(b.maxTokens, b.tokenRatio) : null;
    this.budget = b.kind === 'ratio' ? new RetryBudget(b.ratio, b.minPerSecond, b.cap) : null;
  }

  invalidateRate(): void {
    this.cachedSecond = -1;
  }

  rateAt(second: number): number {
    if (second === this.cachedSecond) return this.cachedRate;
    const c = this.config;
    const hour = c.daily.startHour + second / 3600;
    let r = c.rate * (1 + c.daily.amplitude * Math.cos((2 * Math.PI * (hour - c.daily.peakHour)) / 24));
    for (const s of c.spikes) if (second >= s.at && second < s.at + s.duration) r *= s.factor;
    r *= this.faultFactor;
    this.cachedSecond = second;
    this.cachedRate = r;
    return r;
  }

  /** Time of the next arrival after `now`. */
  nextArrival(now: number): number {
    this.clock[0] = now;
    this.computeNext();
    return this.nextAt[0]!;
  }

  /** The simulated clock (Scheduler.clock); set by the data plane. */
  clock = new Float64Array(1);

  /** The next arrival time is left in nextAt[0] (a typed array, so no double is boxed per call). */
  readonly nextAt = new Float64Array(1);

  computeNext(): void {
    let t = this.clock[0]!;
    for (let guard = 0; guard < 1_000_000; guard++) {
      const sec = Math.floor(t);
      const r = sec === this.cachedSecond ? this.cachedRate : this.rateAt(sec);
      if (r > 0) {
        const next = t - Math.log(this.rng.nextOpen()) / r;
        if (next < sec + 1) {
          this.nextAt[0] = next;
          return;
        }
      }
      t = sec + 1;
    }
    this.nextAt[0] = Infinity;
  }

  pickRoute(): number {
    return this.routeIndex[this.routePicker.sample(this.rng)]!;
  }

  private atAdvance(now: number): void {
    const sec = Math.floor(now);
    if (sec === this.atSecond) return;
    const from = this.atSecond < 0 || sec - this.atSecond > 120 ? sec - 119 : this.atSecond + 1;
    for (let s = from; s <= sec; s++) {
      const i = ((s % 120) + 120) % 120;
      this.atTotalRequests -= this.atRequests[i]!;
      this.atTotalAccepts -= this.atAccepts[i]!;
      this.atRequests[i] = 0;
      this.atAccepts[i] = 0;
    }
    this.atSecond = sec;
  }

  /** Adaptive throttling bookkeeping: the client sends a request. */
  noteRequest(now: number): void {
    this.atAdvance(now);
    this.atRequests[Math.floor(now) % 120]!++;
    this.atTotalRequests++;
  }

  /** Adaptive throttling bookkeeping: the backend accepted (answered) a request. */
  noteAccept(now: number): void {
    this.atAdvance(now);
    this.atAccepts[Math.floor(now) % 120]!++;
    this.atTotalAccepts++;
  }

  windowCounts(now: number): { requests: number; accepts: number } {
    this.atAdvance(now);
    return { requests: this.atTotalRequests, accepts: this.atTotalAccepts };
  }
}
