/**
 * What each action did, measured: the run is replayed without that one action (same scenario,
 * seed and warm-up, every other action at its time) and compared with the real run. A harmful
 * action shows as harmful because it was, not because a list said so.
 *
 * A generator, so the worker can do one replay per turn, report progress, and stop when asked.
 */
import type { SimulationSummary } from '../../sim/index';
import { isCommsAction, type LoggedAction } from '../protocol';
import { ConsoleRun, type RunSettings } from '../run';

export interface ActionEffect {
  /** Index of the action in the learner's log. */
  index: number;
  at: number;
  type: string;
  /** Failed requests the action saved (positive) or caused (negative), against the run without it. */
  failedSaved: number;
  /** Error budget (percentage points) the action saved (positive) or cost (negative). */
  budgetSaved: number;
  verdict: 'helped' | 'hurt' | 'no measurable effect' | 'communication';
}

export interface EffectsProgress {
  done: number;
  total: number;
}

/** Below this many requests, or this share of the run's failures, a difference is not called an effect. */
const MIN_REQUESTS = 20;
const MIN_SHARE = 0.02;

function summaryOf(settings: RunSettings, log: readonly LoggedAction[], end: number): SimulationSummary {
  const { run } = ConsoleRun.load({ ...settings, log: log.map((l) => ({ at: l.at, action: l.action })) }, end);
  return JSON.parse(run.summaryJson()) as SimulationSummary;
}

export function* measureEffects(settings: RunSettings, log: readonly LoggedAction[], end: number, actual?: SimulationSummary): Generator<EffectsProgress, ActionEffect[]> {
  const systemIndexes = log.map((l, i) => (isCommsAction(l.action) || !l.accepted ? -1 : i)).filter((i) => i >= 0);
  const total = systemIndexes.length + (actual ? 0 : 1);
  let done = 0;
  const base = actual ?? summaryOf(settings, log, end);
  if (!actual) yield { done: ++done, total };
  const effects: ActionEffect[] = log.map((l, index) => ({
    index,
    at: l.at,
    type: l.action.type,
    failedSaved: 0,
    budgetSaved: 0,
    verdict: isCommsAction(l.action) ? 'communication' : 'no measurable effect',
  }));
  for (const index of systemIndexes) {
    const without = summaryOf(settings, log.filter((_, i) => i !== index), end);
    const failedSaved = without.errors + without.shed - (base.errors + base.shed);
    const budgetSaved = Math.round((without.errorBudget.burnedPercent - base.errorBudget.burnedPercent) * 1e4) / 1e4;
    const threshold = Math.max(MIN_REQUESTS, MIN_SHARE * (base.errors + base.shed));
    effects[index] = {
      ...effects[index]!,
      failedSaved,
      budgetSaved,
      verdict: Math.abs(failedSaved) < threshold ? 'no measurable effect' : failedSaved > 0 ? 'helped' : 'hurt',
    };
    yield { done: ++done, total };
  }
  return effects;
}

/** Runs the generator to the end (tests, the CLI). */
export function measureEffectsNow(settings: RunSettings, log: readonly LoggedAction[], end: number, actual?: SimulationSummary): ActionEffect[] {
  const it = measureEffects(settings, log, end, actual);
  for (;;) {
    const step = it.next();
    if (step.done) return step.value;
  }
}
