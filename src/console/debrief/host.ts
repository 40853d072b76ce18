/**
 * The debrief's side of its worker, without the worker: given a finished run (scenario, seed,
 * warm-up, log and the run's own summary) it replays par and doing nothing, then the run without
 * each action, one replay per step, posting progress after each so the page can show a bar. A new
 * request (a rewound branch finished) cancels the one in flight. worker.ts wires it to `self`;
 * tests drive it with their own scheduler.
 */
import type { SimulationSummary } from '../../sim/index';
import type { RunCheckpoint } from '../checkpoints';
import { isCommsAction, type LoggedAction, type RunSource } from '../protocol';
import { resolveScenario, type RunSettings } from '../run';
import { measureEffects, type ActionEffect } from './effects';
import { grade, runFigures, type GradeResult, type RunFigures } from './figures';
import type { HintTaken } from './hints';
import { draftPostmortem, type PostmortemDraft } from './postmortem';
import { referenceRuns } from './references';

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
  checkpoints?: RunCheckpoint[];
}

export type ToDebrief = DebriefRequest | { type: 'cancel' };

export type FromDebrief =
  | { type: 'references'; id: number; learner: RunFigures; par: RunFigures; doNothing: RunFigures; grade: GradeResult }
  /** A scenario without a reference play (free play): no grade, only the measured effects. */
  | { type: 'no-par'; id: number; learner: RunFigures }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'effects'; id: number; effects: ActionEffect[]; postmortem: PostmortemDraft }
  | { type: 'error'; id: number; message: string };

/** Runs `step` later (the worker: a zero timeout, so a cancel message can arrive between replays). */
export type Defer = (step: () => void) => void;

export class DebriefHost {
  #current = 0;

  constructor(
    private readonly post: (message: FromDebrief) => void,
    private readonly defer: Defer = (step) => setTimeout(step, 0),
  ) {}

  handle(message: ToDebrief): void {
    if (message?.type === 'cancel') {
      this.#current = 0;
      return;
    }
    if (message?.type !== 'debrief') return;
    this.#current = message.id;
    const id = message.id;
    const steps = this.#steps(message);
    const next = () => {
      if (this.#current !== id) return;
      try {
        if (!steps.next().done) this.defer(next);
      } catch (error) {
        this.post({ type: 'error', id, message: `The debrief could not replay this run: ${(error as Error).message}` });
      }
    };
    this.defer(next);
  }

  *#steps(r: DebriefRequest): Generator<void> {
    const settings: RunSettings = { source: r.source, seed: r.seed, warmupSeconds: r.warmupSeconds };
    const scenario = resolveScenario(r.source);
    const learner = runFigures(r.summary);
    const hasPar = scenario.par.length > 0;
    // Two reference runs (when there is a par), then one replay per accepted system action.
    const replays = r.log.filter((l) => l.accepted && !isCommsAction(l.action)).length;
    const total = (hasPar ? 2 : 0) + replays;
    let done = 0;
    const progress = () => this.post({ type: 'progress', id: r.id, done, total });
    progress();
    if (hasPar) {
      yield;
      const references = referenceRuns(settings, r.checkpoints);
      const par = runFigures(references.par());
      done++;
      progress();
      yield;
      const doNothing = runFigures(references.doNothing());
      done++;
      this.post({ type: 'references', id: r.id, learner, par, doNothing, grade: grade(learner, par, doNothing) });
      progress();
    } else {
      this.post({ type: 'no-par', id: r.id, learner });
    }
    const measuring = measureEffects(settings, r.log, r.end, r.summary, r.checkpoints);
    let effects: ActionEffect[];
    for (;;) {
      yield;
      const step = measuring.next();
      if (step.done) {
        effects = step.value;
        break;
      }
      done++;
      progress();
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
