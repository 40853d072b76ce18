import type { Prng } from '../engine/prng';
import { stopIfReviving } from '../checkpoint/blank';

/**
 * Sampled structured logs. Successful requests are logged with a small probability; errors are all
 * logged up to a per-second cap (as a real log pipeline would rate-limit). Every line carries the
 * request's correlation id, shared by all its attempts, so a retry chain can be followed.
 */
export interface LogEntry {
  t: number;
  level: 'info' | 'warn' | 'error';
  service: string;
  instance: string | null;
  route: string;
  status: number;
  latencyMs: number;
  attempt: number;
  correlationId: string;
  msg: string;
}

/**
 * How many successes to skip before the next sampled one, for sampling probability p. One draw per
 * log line (a geometric gap) instead of one per request; the sample is the same.
 */
export function sampleGap(rng: Prng, p: number): number {
  if (p <= 0) return Infinity;
  if (p >= 1) return 0;
  return Math.floor(Math.log(rng.nextOpen()) / Math.log(1 - p));
}

export class LogBook {
  private ring: LogEntry[] = [];
  private next = 0;
  written = 0;
  dropped = 0;
  errorsThisSecond = 0;

  constructor(
    readonly capacity: number,
    readonly errorCap: number,
  ) {
    stopIfReviving(this, new.target);
  }

  newSecond(): void {
    this.errorsThisSecond = 0;
  }

  /** Whether an error line may still be written this second. */
  errorSlot(): boolean {
    if (this.errorsThisSecond >= this.errorCap) {
      this.dropped++;
      return false;
    }
    this.errorsThisSecond++;
    return true;
  }

  write(e: LogEntry): void {
    if (this.ring.length < this.capacity) this.ring.push(e);
    else this.ring[this.next] = e;
    this.next = (this.next + 1) % this.capacity;
    this.written++;
  }

  /** Retained lines, oldest first. */
  entries(): LogEntry[] {
    if (this.ring.length < this.capacity) return this.ring.slice();
    return [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
  }
}

export interface Annotation {
  t: number;
  kind: 'deploy' | 'action' | 'fault' | 'alert' | 'incident' | 'autoscaler' | 'breaker' | 'database' | 'stakeholder';
  text: string;
  /** Faults are the hidden root cause: shown only in the debrief. */
  hidden: boolean;
}

export class Annotations {
  readonly list: Annotation[] = [];
  add(t: number, kind: Annotation['kind'], text: string, hidden = false): void {
    this.list.push({ t, kind, text, hidden });
  }
  visible(): Annotation[] {
    return this.list.filter((a) => !a.hidden);
  }
}
