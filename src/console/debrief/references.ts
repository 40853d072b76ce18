/**
 * The two runs a learner's run is judged against, on the learner's own scenario, seed and
 * warm-up: the reference play (par) and doing nothing. Computed, never scripted.
 */
import type { SimulationSummary } from '../../sim/index';
import { ConsoleRun, resolveScenario, type RunSettings } from '../run';

/** Par's actions at console time: the scenario's times moved past the warm-up. */
export function parLog(settings: RunSettings): { at: number; action: unknown }[] {
  return resolveScenario(settings.source).par.map((p) => ({ at: p.at + settings.warmupSeconds, action: p.action }));
}

const NO_FRAMES = { frames: false } as const;

function summaryOf(run: ConsoleRun): SimulationSummary {
  return JSON.parse(run.summaryJson()) as SimulationSummary;
}

export function parSummary(settings: RunSettings): SimulationSummary {
  return summaryOf(ConsoleRun.load({ ...settings, log: parLog(settings) }, Infinity, NO_FRAMES).run);
}

export function doNothingSummary(settings: RunSettings): SimulationSummary {
  return summaryOf(ConsoleRun.load({ ...settings, log: [] }, Infinity, NO_FRAMES).run);
}

/**
 * Par and doing nothing are the same run until par's first action: that prefix runs once, par
 * starts from its checkpoint and doing nothing carries on. Two steps, so a worker can yield between.
 */
export function referenceRuns(settings: RunSettings): { par(): SimulationSummary; doNothing(): SimulationSummary } {
  const log = parLog(settings);
  let nothing: ConsoleRun | null = null;
  return {
    par() {
      if (log.length === 0) return doNothingSummary(settings);
      nothing = ConsoleRun.load({ ...settings, log: [] }, log[0]!.at, NO_FRAMES).run;
      return summaryOf(ConsoleRun.resume({ ...settings, log }, nothing.checkpoint(), Infinity, NO_FRAMES).run);
    },
    doNothing() {
      if (!nothing) return doNothingSummary(settings);
      nothing.advance(Infinity);
      return summaryOf(nothing);
    },
  };
}
