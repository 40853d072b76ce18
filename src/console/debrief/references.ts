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

function summaryOf(settings: RunSettings, log: { at: number; action: unknown }[]): SimulationSummary {
  const { run } = ConsoleRun.load({ ...settings, log }, Infinity);
  return JSON.parse(run.summaryJson()) as SimulationSummary;
}

export function parSummary(settings: RunSettings): SimulationSummary {
  return summaryOf(settings, parLog(settings));
}

export function doNothingSummary(settings: RunSettings): SimulationSummary {
  return summaryOf(settings, []);
}
