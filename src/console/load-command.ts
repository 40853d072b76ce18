/**
 * What the console asks the simulation to load, and the command that asks it. Its own module, so a
 * page can start a shared run's load before the console's state machine (and xstate) has arrived
 * (components/console/early-worker.ts): the command it sends early is the one the machine would.
 */
import type { RunSource, ToWorker } from './protocol';
import type { RunRecord } from './share';

export interface LoadRequest {
  source: RunSource;
  seed: number;
  warmupSeconds: number;
  /** A shared or imported run: its log is replayed and the page opens where it ended. */
  replay?: { log: { at: number; action: unknown }[]; reachedSeconds: number };
  /** Free play: the setup was the briefing, so the run opens paused at the player's join. */
  skipBriefing?: boolean;
}

export function loadCommand(r: LoadRequest): Extract<ToWorker, { type: 'load' }> {
  return { type: 'load', source: r.source, seed: r.seed, warmupSeconds: r.warmupSeconds, ...(r.replay ? { log: r.replay.log, runTo: r.replay.reachedSeconds } : {}) };
}

/** What a shared or exported run asks to load: its scenario and seed, its log replayed to where it ended. */
export function requestOfRun(r: RunRecord): LoadRequest {
  return {
    source: typeof r.scenario === 'string' ? { kind: 'builtin', id: r.scenario } : { kind: 'custom', scenario: r.scenario },
    seed: r.seed,
    warmupSeconds: r.warmupSeconds,
    replay: { log: r.log, reachedSeconds: r.reachedSeconds },
  };
}
