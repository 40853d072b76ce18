import { Histogram } from './histogram';
import { stopIfReviving } from '../checkpoint/blank';

/**
 * RED for one service (rate, errors, duration): O(1) per request. Requests go into the per-second
 * histogram only; at every second boundary it is read, merged into the run histogram (for the
 * summary) and cleared. Readers of `run` therefore see closed seconds.
 */
export class RedMeter {
  readonly second = new Histogram();
  readonly run = new Histogram();
  count = 0;
  errors = 0;
  totalCount = 0;
  totalErrors = 0;

  constructor(readonly name: string) {
    stopIfReviving(this, new.target);
  }

  /** One request; its latency in whole microseconds (see Histogram.recordMicros). */
  record(latencyUs: number, error: boolean): void {
    this.count++;
    if (error) this.errors++;
    this.second.recordMicros(latencyUs);
  }

  /** Counts without a latency (e.g. requests rejected before any work). */
  recordError(): void {
    this.count++;
    this.errors++;
  }

  /** Closes the second: returns [rate, errors, p50, p95, p99] and resets the per-second state. */
  closeSecond(out: number[], percentiles = true): void {
    out[0] = this.count;
    out[1] = this.errors;
    if (percentiles) {
      this.second.quantilesInto(QS, qtmp);
      out[2] = qtmp[0]!;
      out[3] = qtmp[1]!;
      out[4] = qtmp[2]!;
    } else out[2] = out[3] = out[4] = NaN;
    this.totalCount += this.count;
    this.totalErrors += this.errors;
    this.count = 0;
    this.errors = 0;
    this.run.merge(this.second);
    this.second.clear();
  }
}

const QS = [0.5, 0.95, 0.99] as const;
const qtmp: number[] = [0, 0, 0];
