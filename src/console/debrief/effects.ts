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

/** The actions whose effect is measured (indexes into the log): accepted ones that touch the system. */
export function measuredIndexes(log: readonly LoggedAction[]): number[] {
  return log.map((l, i) => (isCommsAction(l.action) || !l.accepted ? -1 : i)).filter((i) => i >= 0);
}

/**
 * Measures the effect of the actions at `only` (default: every measured one, in log order), one
 * replay per step; each step carries the effect it measured when the learner's summary is given.
 */
export function* measureEffects(
  settings: RunSettings,
  log: readonly LoggedAction[],
  end: number,
  actual?: SimulationSummary,
  kept: readonly RunCheckpoint[] = [],
  only?: readonly number[],
): Generator<EffectsProgress & { effect?: ActionEffect }, ActionEffect[]> {
  const indexes = only ?? measuredIndexes(log);
  const total = indexes.length + (actual ? 0 : 1);
  let done = 0;
  const entries: Entry[] = log.map((l) => ({ at: l.at, action: l.action }));
  // The learner's own run, replayed once: it stops before each measured action to leave a checkpoint.
  const pass = new LazyPass(settings, entries, kept);
  const withouts = new Map<number, SimulationSummary>();
  const effects: ActionEffect[] = log.map((l, index) => ({
    index,
    at: l.at,
    type: l.action.type,
    failedSaved: 0,
    budgetSaved: 0,
    verdict: isCommsAction(l.action) ? 'communication' : 'no measurable effect',
  }));
  for (const index of indexes) {
    const without = replay(settings, entries.filter((_, i) => i !== index), end, pass.before(index));
    if (actual) {
      effects[index] = effectOf(effects[index]!, without, actual);
      yield { done: ++done, total, effect: effects[index] };
    } else {
      withouts.set(index, without);
      yield { done: ++done, total };
    }
  }
  if (actual) return effects;
  const base = pass.finish(end);
  yield { done: ++done, total };
  for (const [index, without] of withouts) effects[index] = effectOf(effects[index]!, without, base);
  return effects;
}

function effectOf(action: ActionEffect, without: SimulationSummary, base: SimulationSummary): ActionEffect {
  const failedSaved = without.errors + without.shed - (base.errors + base.shed);
  const budgetSaved = Math.round((without.errorBudget.burnedPercent - base.errorBudget.burnedPercent) * 1e4) / 1e4;
  const threshold = Math.max(MIN_REQUESTS, MIN_SHARE * (base.errors + base.shed));
  return { ...action, failedSaved, budgetSaved, verdict: Math.abs(failedSaved) < threshold ? 'no measurable effect' : failedSaved > 0 ? 'helped' : 'hurt' };
}

/** The latest kept checkpoint of the learner's run before entry `index` (it has not taken it), if any. */
function keptBefore(kept: readonly RunCheckpoint[], entries: readonly Entry[], index: number): RunCheckpoint | null {
  const at = entries[index]?.at ?? -Infinity;
  let best: RunCheckpoint | null = null;
  for (const c of kept) if (c.t <= at && c.log.length <= index && (!best || c.t > best.t)) best = c;
  return best;
}

/**
 * Splits the measured actions between `parts` workers so that they finish about together. A replay
 * costs about the simulated seconds from where it can start (the console's latest checkpoint before
 * the action, else second zero) to the end; part 0 also carries `extra` seconds (par and doing
 * nothing). Longest first (the earliest actions, which tend to matter most), each to the part with
 * the least work so far; each part in that order.
 */
export function shareEffects(log: readonly LoggedAction[], end: number, kept: readonly RunCheckpoint[], parts: number, extra = 0): number[][] {
  const entries: Entry[] = log.map((l) => ({ at: l.at, action: l.action }));
  const serving = kept.filter((c) => ConsoleRun.serves(c, entries));
  const cost = (i: number) => end - (keptBefore(serving, entries, i)?.t ?? 0);
  const order = measuredIndexes(log).sort((a, b) => cost(b) - cost(a) || a - b);
  const shares: number[][] = Array.from({ length: Math.max(1, parts) }, () => []);
  const load = shares.map((_, p) => (p === 0 ? extra : 0));
  for (const i of order) {
    const p = load.indexOf(Math.min(...load));
    shares[p]!.push(i);
    load[p]! += cost(i);
  }
  return shares;
}

/** The learner's log replayed once, without frames, as far as the next checkpoint asked for. */
class LazyPass {
  #run: ConsoleRun | null = null;
  /** How many entries of the log the pass has taken. */
  #taken = 0;

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
    // Measured out of log order, the pass may be past this entry: it starts again.
    if (this.#run && (this.#taken > index || this.#run.t > this.entries[index]!.at)) this.#run = null;
    const best = keptBefore(this.#kept, this.entries, index);
    // A kept checkpoint that has taken every entry before this one is itself the checkpoint wanted.
    // (Resuming it would not do when it sits on the action's own second: the resumed run takes the
    // entries due at its second, this one included, and the replay would start from zero.)
    if (best && best.log.length === index) return best;
    if (best && (!this.#run || this.#run.t < best.t)) this.#run = ConsoleRun.resume({ ...this.settings, log: this.entries }, best, best.t, NO_FRAMES).run;
    try {
      return this.run.runToEntry(index);
    } catch {
      return null;
    } finally {
      this.#taken = this.run.log.length;
    }
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
