/**
 * The rewind checkpoints a load skipped, built afterwards a slice at a time. Opening a shared run
 * replays up to an hour and a half at full speed; keeping checkpoints on the way costs about a
 * seventh of that, so the load keeps none before the second it opens at (RunOptions.checkpointsAfter)
 * and this second pass of the same run (same scenario, seed, warm-up and log: the same states, so the
 * same checkpoints) takes them while the learner looks at the page.
 */
import { ConsoleRun, type RunSettings } from './run';
import type { RunCheckpoint } from './checkpoints';

/** Simulated seconds per advance inside a slice (the slice checks its wall-time budget between them). */
const STEP_SECONDS = 30;

export class CheckpointFill {
  readonly #run: ConsoleRun;
  readonly #upTo: number;

  /** Fills checkpoints up to second `upTo` (the load's) of the run `settings` describe, kept every `every` seconds. */
  constructor(settings: RunSettings, upTo: number, every: number) {
    // Frames are built (and dropped): a checkpoint carries the frame builder's state.
    this.#run = ConsoleRun.load(settings, 0, { checkpointEvery: every }).run;
    this.#upTo = Math.min(upTo, this.#run.end);
  }

  get done(): boolean {
    return this.#run.t >= this.#upTo;
  }

  /** Runs for about `budgetMs` of wall time (`now` reads the clock); returns whether it is done. */
  step(budgetMs: number, now: () => number = () => performance.now()): boolean {
    const start = now();
    while (!this.done && now() - start < budgetMs) this.#run.advance(Math.min(this.#upTo, this.#run.t + STEP_SECONDS));
    return this.done;
  }

  /** Runs on to second `t` (never past the load's second) at once: a rewind to `t` needs the checkpoints before it. */
  advance(t: number): void {
    this.#run.advance(Math.min(t, this.#upTo));
  }

  /** The checkpoints taken (those up to `upTo`; all of them once done). */
  get checkpoints(): readonly RunCheckpoint[] {
    return this.#run.checkpoints;
  }
}
