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
/** ...and at most this many (then every other one goes and the spacing doubles). */
export const CHECKPOINTS_KEPT = 24;

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
