import type { Prng } from '../engine/prng';
import { stopIfReviving } from '../checkpoint/blank';

/**
 * Server-side outcomes per traffic pool (stable / canary / baseline) since the last canary analysis,
 * with a reservoir sample of latencies per pool for the rank test.
 */
export class PoolStats {
  readonly requests = new Float64Array(4);
  readonly errors = new Float64Array(4);
  readonly samples: Float64Array[];
  readonly sampleCount = new Int32Array(4);

  constructor(
    readonly reservoir: number,
    private rng: Prng,
  ) {
    stopIfReviving(this, new.target);
    this.samples = [0, 1, 2, 3].map(() => new Float64Array(reservoir));
  }

  record(pool: number, latency: number, error: boolean): void {
    const n = ++this.requests[pool]!;
    if (error) this.errors[pool]!++;
    else {
      // Reservoir sampling (algorithm R) over successful latencies.
      const seen = n - this.errors[pool]!;
      if (this.sampleCount[pool]! < this.reservoir) this.samples[pool]![this.sampleCount[pool]!++] = latency;
      else {
        const j = Math.floor(this.rng.next() * seen);
        if (j < this.reservoir) this.samples[pool]![j] = latency;
      }
    }
  }

  take(pool: number): { requests: number; errors: number; latencies: number[] } {
    const out = {
      requests: this.requests[pool]!,
      errors: this.errors[pool]!,
      latencies: Array.from(this.samples[pool]!.subarray(0, this.sampleCount[pool]!)),
    };
    return out;
  }

  reset(): void {
    this.requests.fill(0);
    this.errors.fill(0);
    this.sampleCount.fill(0);
  }
}
