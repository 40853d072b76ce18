/**
 * A console run's checkpoint: the simulation's (Simulation.checkpoint) plus what the console adds
 * around it (the log taken so far, which faults the log injects, what the frame builder has sent).
 * Plain data: it can be kept, structuredCloned and posted between workers.
 */
import type { SimulationCheckpoint } from '../sim/index';
import type { FrameBuilderState } from './frame';
import type { GameDayState } from './gameday/monitor';
import type { LoggedAction } from './protocol';

/** Kept during play for rewinds: one every five simulated minutes to begin with... */
export const CHECKPOINT_EVERY_SECONDS = 300;
/** ...and at most this many (then every other one goes and the spacing doubles)... */
export const CHECKPOINTS_KEPT = 24;
/**
 * ...and at most this many bytes in all (as structured clone would copy them). A checkpoint grows
 * with the run (its series and logs): 1 MB early in a drill, 3.5 MB after 90 minutes.
 */
export const CHECKPOINT_BYTES_KEPT = 24e6;

export interface RunCheckpoint {
  /** Simulated time (warm-up included). */
  t: number;
  /** The run's checkpoint spacing when it was taken (a resumed run keeps it). */
  every: number;
  sim: SimulationCheckpoint;
  /** The actions taken up to it. */
  log: LoggedAction[];
  /** The faults the run's log injects (in its scenario from the start); see run.ts. */
  injected: string;
  builder: FrameBuilderState | null;
  /** A designed game day's judge (its minutes so far, abort streaks); null for every other run. */
  gameDay?: GameDayState | null;
}

const sizes = new WeakMap<RunCheckpoint, number>();

/**
 * About how many bytes a checkpoint takes, close to what structured clone (or v8.serialize) makes
 * of it: typed arrays by their bytes, strings by their length, a few bytes per number and per key.
 * Shared objects count once. Remembered per checkpoint: they never change once taken.
 */
export function checkpointBytes(checkpoint: RunCheckpoint): number {
  const known = sizes.get(checkpoint);
  if (known !== undefined) return known;
  const seen = new Set<object>();
  let bytes = 0;
  const stack: unknown[] = [checkpoint];
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x === 'string') bytes += x.length + 2;
    else if (typeof x === 'number') bytes += Number.isInteger(x) && Math.abs(x) < 2 ** 30 ? 3 : 9;
    else if (x === null || typeof x !== 'object') bytes += 1;
    else if (!seen.has(x)) {
      seen.add(x);
      if (ArrayBuffer.isView(x)) bytes += x.byteLength + 8;
      else if (x instanceof Map) {
        bytes += 4;
        for (const [k, v] of x) stack.push(k, v);
      } else if (x instanceof Set) {
        bytes += 4;
        for (const v of x) stack.push(v);
      } else if (Array.isArray(x)) {
        bytes += 4;
        for (const v of x) stack.push(v);
      } else {
        bytes += 4;
        for (const [k, v] of Object.entries(x)) {
          bytes += k.length + 2;
          stack.push(v);
        }
      }
    }
  }
  sizes.set(checkpoint, bytes);
  return bytes;
}

/**
 * Which checkpoint to drop when they take too many bytes: never the newest; of the others the one
 * whose neighbours are closest together, so what is left stays evenly spread (and, on a tie, the
 * older one, as a rewind is likelier to a recent second).
 */
export function thinningIndex(kept: readonly { t: number }[]): number {
  let best = -1;
  let bestGap = Infinity;
  for (let i = 0; i < kept.length - 1; i++) {
    const gap = kept[i + 1]!.t - (i > 0 ? kept[i - 1]!.t : 0);
    if (gap < bestGap) {
      bestGap = gap;
      best = i;
    }
  }
  return best;
}
