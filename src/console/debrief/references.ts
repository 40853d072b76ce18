/**
 * The two runs a learner's run is judged against, on the learner's own scenario, seed and
 * warm-up: the reference play (par) and doing nothing. Computed, never scripted.
 */
import type { SimulationSummary } from '../../sim/index';
import type { RunCheckpoint } from '../checkpoints';
import { ConsoleRun, resolveScenario, type RunSettings } from '../run';

/** Par's actions at console time: the scenario's times moved past the warm-up. */
export function parLog(settings: RunSettings): { at: number; action: unknown }[] {
  return resolveScenario(settings.source).par.map((p) => ({ at: p.at + settings.warmupSeconds, action: p.action }));
}

const NO_FRAMES = { frames: false, checkpointEvery: 0 } as const;

function summaryOf(run: ConsoleRun): SimulationSummary {
  return JSON.parse(run.summaryJson()) as SimulationSummary;
}

export function parSummary(settings: RunSettings): SimulationSummary {
  return summaryOf(ConsoleRun.load({ ...settings, log: parLog(settings) }, Infinity, NO_FRAMES).run);
}

export function doNothingSummary(settings: RunSettings): SimulationSummary {
  return summaryOf(ConsoleRun.load({ ...settings, log: [] }, Infinity, NO_FRAMES).run);
}

/** The latest kept checkpoint that a run doing nothing up to `t` can start from. */
function nothingFrom(kept: readonly RunCheckpoint[], t: number): RunCheckpoint | null {
  let from: RunCheckpoint | null = null;
  for (const c of kept) if (c.t <= t && (!from || c.t > from.t) && ConsoleRun.serves(c, [])) from = c;
  return from;
}

/** About how many simulated seconds `referenceRuns` simulates, to share work between workers. */
export function referencesCost(settings: RunSettings, end: number, kept: readonly RunCheckpoint[] = []): number {
  const first = parLog(settings)[0]?.at ?? end;
  return 2 * end - first - (nothingFrom(kept, first)?.t ?? 0);
}

/**
 * Par and doing nothing are the same run until par's first action: that prefix runs once, par
 * starts from its checkpoint and doing nothing carries on. Two steps, so a worker can yield between.
 * The learner's run is that run too until the learner's first action: a checkpoint the console kept
 * before it (`kept`) saves simulating the prefix again. Measured against two separate runs in
 * `npm run bench:debrief -- --only g` (bench/README.md).
 */
export function referenceRuns(settings: RunSettings, kept: readonly RunCheckpoint[] = []): { par(): SimulationSummary; doNothing(): SimulationSummary } {
  const log = parLog(settings);
  let nothing: ConsoleRun | null = null;
  /** A run of doing nothing up to `t`, from the latest kept checkpoint that serves it. */
  const nothingTo = (t: number): ConsoleRun => {
    const from = nothingFrom(kept, t);
    const s = { ...settings, log: [] };
    return from ? ConsoleRun.resume(s, from, t, NO_FRAMES).run : ConsoleRun.load(s, t, NO_FRAMES).run;
  };
  return {
    par() {
      if (log.length === 0) return summaryOf(nothingTo(Infinity));
      nothing = nothingTo(log[0]!.at);
      return summaryOf(ConsoleRun.resume({ ...settings, log }, nothing.checkpoint(), Infinity, NO_FRAMES).run);
    },
    doNothing() {
      if (!nothing) return summaryOf(nothingTo(Infinity));
      nothing.advance(Infinity);
      return summaryOf(nothing);
    },
  };
}
