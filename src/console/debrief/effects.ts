/**
 * What each action did, measured: the run is replayed without that one action (same scenario,
 * seed and warm-up, every other action at its time) and compared with the real run. A harmful
 * action shows as harmful because it was, not because a list said so.
 *
 * The learner's log is replayed once, stopping just before each measured action to take a
 * checkpoint; the run without action i starts from the checkpoint before it (everything up to
 * there is the same run), so no replay starts at second zero. When the console hands over the
 * checkpoints its own run kept (`kept`), that pass jumps ahead to the latest one before each
 * action instead of simulating the whole way there. An injected fault is part of the scenario from
 * the start, so the run without one is replayed whole.
 *
 * A generator, so the worker can do one replay per turn, report progress, and stop when asked.
 */
import type { SimulationSummary } from '../../sim/index';
import { isCommsAction, type LoggedAction } from '../protocol';
import type { RunCheckpoint } from '../checkpoints';
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

/** The debrief's replays build no frames and keep no checkpoints (even resumed from a console's). */
const NO_FRAMES = { frames: false, checkpointEvery: 0 } as const;

function summaryOf(run: ConsoleRun): SimulationSummary {
  return JSON.parse(run.summaryJson()) as SimulationSummary;
}

type Entry = { at: number; action: unknown };

/** The run of `log` to `end`, from `from` when it serves that log, else from second zero. */
function replay(settings: RunSettings, log: Entry[], end: number, from: ReturnType<ConsoleRun['runToEntry']> | null): SimulationSummary {
  if (from && ConsoleRun.serves(from, log)) return summaryOf(ConsoleRun.resume({ ...settings, log }, from, end, NO_FRAMES).run);
  return summaryOf(ConsoleRun.load({ ...settings, log }, end, NO_FRAMES).run);
}

export function* measureEffects(
  settings: RunSettings,
  log: readonly LoggedAction[],
  end: number,
  actual?: SimulationSummary,
  kept: readonly RunCheckpoint[] = [],
): Generator<EffectsProgress, ActionEffect[]> {
  const systemIndexes = log.map((l, i) => (isCommsAction(l.action) || !l.accepted ? -1 : i)).filter((i) => i >= 0);
  const total = systemIndexes.length + (actual ? 0 : 1);
  let done = 0;
  const entries: Entry[] = log.map((l) => ({ at: l.at, action: l.action }));
  // The learner's own run, replayed once: it stops before each measured action to leave a checkpoint.
  const pass = new LazyPass(settings, entries, kept);
  const withouts = new Map<number, SimulationSummary>();
  for (const index of systemIndexes) {
    withouts.set(index, replay(settings, entries.filter((_, i) => i !== index), end, pass.before(index)));
    yield { done: ++done, total };
  }
  const base = actual ?? pass.finish(end);
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
    const without = withouts.get(index)!;
    const failedSaved = without.errors + without.shed - (base.errors + base.shed);
    const budgetSaved = Math.round((without.errorBudget.burnedPercent - base.errorBudget.burnedPercent) * 1e4) / 1e4;
    const threshold = Math.max(MIN_REQUESTS, MIN_SHARE * (base.errors + base.shed));
    effects[index] = {
      ...effects[index]!,
      failedSaved,
      budgetSaved,
      verdict: Math.abs(failedSaved) < threshold ? 'no measurable effect' : failedSaved > 0 ? 'helped' : 'hurt',
    };
  }
  return effects;
}

/** The learner's log replayed once, without frames, as far as the next checkpoint asked for. */
class LazyPass {
  #run: ConsoleRun | null = null;

  readonly #kept: readonly RunCheckpoint[];

  constructor(
    private readonly settings: RunSettings,
    private readonly entries: Entry[],
    kept: readonly RunCheckpoint[],
  ) {
    // Only the console's checkpoints of this very log can stand in for the pass.
    this.#kept = kept.filter((c) => ConsoleRun.serves(c, entries)).sort((a, b) => a.t - b.t);
  }

  get run(): ConsoleRun {
    // Loaded to second zero: nothing is taken before the first runToEntry.
    this.#run ??= ConsoleRun.load({ ...this.settings, log: this.entries }, 0, NO_FRAMES).run;
    return this.#run;
  }

  /** The checkpoint just before entry `index`, or null when the pass is already past it (an action at second zero). */
  before(index: number): ReturnType<ConsoleRun['runToEntry']> | null {
    this.#jump(index);
    try {
      return this.run.runToEntry(index);
    } catch {
      return null;
    }
  }

  /** Moves the pass to the latest kept checkpoint before entry `index` when that is ahead of it. */
  #jump(index: number): void {
    const at = this.entries[index]?.at ?? -Infinity;
    let best: RunCheckpoint | null = null;
    for (const c of this.#kept) if (c.t <= at && c.log.length <= index) best = c;
    if (best && (!this.#run || this.#run.t < best.t)) this.#run = ConsoleRun.resume({ ...this.settings, log: this.entries }, best, best.t, NO_FRAMES).run;
  }

  finish(end: number): SimulationSummary {
    this.run.advance(end);
    return summaryOf(this.run);
  }
}

/** Runs the generator to the end (tests, the CLI). */
export function measureEffectsNow(settings: RunSettings, log: readonly LoggedAction[], end: number, actual?: SimulationSummary, kept?: readonly RunCheckpoint[]): ActionEffect[] {
  const it = measureEffects(settings, log, end, actual, kept);
  for (;;) {
    const step = it.next();
    if (step.done) return step.value;
  }
}
