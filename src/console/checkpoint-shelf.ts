/**
 * The checkpoints one console run keeps for rewinds: when the next is due, which stay when there
 * are too many (by count and by bytes), and which one a rewind can start from. Plain data in, no
 * simulation: the run hands it a checkpoint when one is due.
 */
import { CHECKPOINT_BYTES_KEPT, CHECKPOINTS_KEPT, checkpointBytes, thinningIndex, type RunCheckpoint } from './checkpoints';

export class CheckpointShelf {
  /** Oldest first. */
  #kept: RunCheckpoint[];
  #every: number;
  #next: number;

  /**
   * `every` simulated seconds (0: keep none). The first is due at the first multiple of `every` after
   * `after` (a run resumed from a checkpoint at `after`, or a load whose earlier checkpoints another
   * pass fills in: see CheckpointFill).
   */
  constructor(every: number, after = 0, kept: RunCheckpoint[] = []) {
    this.#every = every;
    this.#kept = kept;
    this.#next = every > 0 ? (Math.floor(after / every) + 1) * every : Infinity;
  }

  /** The spacing now (it doubles when the count is thinned). */
  get every(): number {
    return this.#every;
  }

  get kept(): readonly RunCheckpoint[] {
    return this.#kept;
  }

  /** Whether a checkpoint is due at simulated second `now`. */
  due(now: number): boolean {
    return now >= this.#next;
  }

  /**
   * Memory stays bounded: past CHECKPOINTS_KEPT, every other checkpoint goes and the spacing doubles
   * (a rewind then replays at most twice as far); past CHECKPOINT_BYTES_KEPT, single old ones go.
   */
  keep(checkpoint: RunCheckpoint): void {
    this.#kept.push(checkpoint);
    if (this.#kept.length > CHECKPOINTS_KEPT) {
      this.#kept = this.#kept.filter((_, i) => i % 2 === 1);
      this.#every *= 2;
    }
    this.#trim();
    this.#next = (Math.floor(checkpoint.t / this.#every) + 1) * this.#every;
  }

  /**
   * Takes in older checkpoints (of an earlier run, or of a pass that filled in the past) before the
   * ones kept; the byte budget applies again at the next `keep`.
   */
  adopt(older: readonly RunCheckpoint[]): void {
    const first = this.#kept[0]?.t ?? Infinity;
    this.#kept = [...older.filter((c) => c.t < first), ...this.#kept];
  }

  /** Within the byte budget: older ones thin out evenly (the newest always stays). */
  #trim(): void {
    let bytes = this.#kept.reduce((sum, c) => sum + checkpointBytes(c), 0);
    while (bytes > CHECKPOINT_BYTES_KEPT && this.#kept.length > 1) {
      const [gone] = this.#kept.splice(thinningIndex(this.#kept), 1);
      bytes -= checkpointBytes(gone!);
    }
  }

  /** The latest checkpoint at or before second `t` that `fits` (a run with the log in question can start from it). */
  latest(t: number, fits: (c: RunCheckpoint) => boolean): RunCheckpoint | null {
    for (let i = this.#kept.length - 1; i >= 0; i--) {
      const c = this.#kept[i]!;
      if (c.t <= t && fits(c)) return c;
    }
    return null;
  }
}
