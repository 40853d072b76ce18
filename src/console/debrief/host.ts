/**
 * The debrief's side of its worker, without the worker: given a finished run (scenario, seed,
 * warm-up, log and the run's own summary) it replays par and doing nothing, then the run without
 * each action, one replay per step, posting progress after each so the page can show a bar. A new
 * request (a rewound branch finished) cancels the one in flight. worker.ts wires it to `self`;
 * tests drive it with their own scheduler.
 */
import type { SimulationSummary } from '../../sim/index';
import type { RunCheckpoint } from '../checkpoints';
import type { LoggedAction, RunSource } from '../protocol';
import { resolveScenario, type RunSettings } from '../run';
import { measureEffects, shareEffects, type ActionEffect } from './effects';
import { grade, runFigures, type GradeResult, type RunFigures } from './figures';
import type { HintTaken } from './hints';
import { draftPostmortem, type PostmortemDraft } from './postmortem';
import { referenceRuns, referencesCost } from './references';

export interface DebriefRequest {
  type: 'debrief';
  /** Echoed in every answer, so late answers to an older request are recognised and dropped. */
  id: number;
  source: RunSource;
  seed: number;
  warmupSeconds: number;
  log: LoggedAction[];
  /** The run's end (simulated seconds, warm-up included) and its summary as the console judged it. */
  end: number;
  summary: SimulationSummary;
  hints?: HintTaken[];
  /** The checkpoints the console kept during the run: replays start from them instead of second zero. */
  checkpoints?: readonly RunCheckpoint[];
}

/**
 * The page may share one debrief between workers (a machine has more than one core): each gets the
 * same request with its `share`; part 0 also replays par and doing nothing and, once the page hands
 * it the other parts' effects ('effects-from'), drafts the postmortem and answers 'effects'.
 */
export interface DebriefShare {
  part: number;
  parts: number;
}

export type ToDebrief =
  | (DebriefRequest & { share?: DebriefShare })
  | { type: 'cancel' }
  /** Another part's measured effects, or null when it failed (part 0 then measures them itself). */
  | { type: 'effects-from'; id: number; part: number; effects: ActionEffect[] | null };

export type FromDebrief =
  | { type: 'references'; id: number; learner: RunFigures; par: RunFigures; doNothing: RunFigures; grade: GradeResult }
  /** A scenario without a reference play (free play): no grade, only the measured effects. */
  | { type: 'no-par'; id: number; learner: RunFigures }
  | { type: 'progress'; id: number; done: number; total: number }
  /** One action's effect, as soon as it is measured. */
  | { type: 'effect'; id: number; effect: ActionEffect }
  /** A part other than 0 is done: the effects it measured. */
  | { type: 'part'; id: number; part: number; effects: ActionEffect[] }
  | { type: 'effects'; id: number; effects: ActionEffect[]; postmortem: PostmortemDraft }
  | { type: 'error'; id: number; message: string };

/** Runs `step` later (the worker: a zero timeout, so a cancel message can arrive between replays). */
export type Defer = (step: () => void) => void;

/** What a step yields when it cannot go on until another part's effects arrive. */
const WAIT = Symbol('wait');

export class DebriefHost {
  #current = 0;
  /** Other parts' effects for the current request, by part (null: that part failed). */
  #others = new Map<number, ActionEffect[] | null>();
  /** The stopped request's next step, while it waits for other parts. */
  #waiting: (() => void) | null = null;

  constructor(
    private readonly post: (message: FromDebrief) => void,
    private readonly defer: Defer = (step) => setTimeout(step, 0),
  ) {}

  handle(message: ToDebrief): void {
    if (message?.type === 'cancel') {
      this.#current = 0;
      this.#waiting = null;
      return;
    }
    if (message?.type === 'effects-from') {
      if (message.id !== this.#current) return;
      this.#others.set(message.part, message.effects);
      const resume = this.#waiting;
      this.#waiting = null;
      if (resume) this.defer(resume);
      return;
    }
    if (message?.type !== 'debrief') return;
    this.#current = message.id;
    this.#others = new Map();
    this.#waiting = null;
    const id = message.id;
    const steps = this.#steps(message, message.share ?? { part: 0, parts: 1 });
    const next = () => {
      if (this.#current !== id) return;
      try {
        const step = steps.next();
        if (step.done) return;
        if (step.value === WAIT) this.#waiting = next;
        else this.defer(next);
      } catch (error) {
        this.post({ type: 'error', id, message: `The debrief could not replay this run: ${(error as Error).message}` });
      }
    };
    this.defer(next);
  }

  *#steps(r: DebriefRequest, share: DebriefShare): Generator<void | typeof WAIT> {
    const settings: RunSettings = { source: r.source, seed: r.seed, warmupSeconds: r.warmupSeconds };
    const scenario = resolveScenario(r.source);
    const learner = runFigures(r.summary);
    const hasPar = scenario.par.length > 0;
    const kept = r.checkpoints ?? [];
    const lead = share.part === 0;
    const shares = shareEffects(r.log, r.end, kept, share.parts, hasPar ? referencesCost(settings, r.end, kept) : 0);
    const mine = shares[share.part] ?? [];
    // Two reference runs (part 0, when there is a par), then one replay per action of this part.
    let total = (lead && hasPar ? 2 : 0) + mine.length;
    let done = 0;
    const progress = () => this.post({ type: 'progress', id: r.id, done, total });
    progress();
    if (lead && hasPar) {
      yield;
      const references = referenceRuns(settings, kept);
      const par = runFigures(references.par());
      done++;
      progress();
      yield;
      const doNothing = runFigures(references.doNothing());
      done++;
      this.post({ type: 'references', id: r.id, learner, par, doNothing, grade: grade(learner, par, doNothing) });
      progress();
    } else if (lead) {
      this.post({ type: 'no-par', id: r.id, learner });
    }
    const measure = function* (this: DebriefHost, indexes: readonly number[]): Generator<void, ActionEffect[]> {
      const measuring = measureEffects(settings, r.log, r.end, r.summary, kept, indexes);
      for (;;) {
        yield;
        const step = measuring.next();
        if (step.done) return step.value;
        done++;
        if (step.value.effect) this.post({ type: 'effect', id: r.id, effect: step.value.effect });
        progress();
      }
    }.bind(this);
    const effects = yield* measure(mine);
    if (!lead) {
      this.post({ type: 'part', id: r.id, part: share.part, effects: mine.map((i) => effects[i]!) });
      return;
    }
    for (let part = 1; part < share.parts; part++) {
      while (!this.#others.has(part)) yield WAIT;
      const theirs = this.#others.get(part);
      if (theirs) {
        for (const e of theirs) effects[e.index] = e;
      } else {
        // That worker failed: its actions are measured here.
        total += shares[part]!.length;
        progress();
        const again = yield* measure(shares[part]!);
        for (const i of shares[part]!) effects[i] = again[i]!;
      }
    }
    const postmortem = draftPostmortem({
      title: scenario.title,
      warmupSeconds: r.warmupSeconds,
      summary: r.summary,
      log: r.log,
      effects,
      rootCause: scenario.rootCause.summary,
      contributingFactors: scenario.rootCause.contributingFactors,
      hints: r.hints,
    });
    this.post({ type: 'effects', id: r.id, effects, postmortem });
  }
}
