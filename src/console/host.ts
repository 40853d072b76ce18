/**
 * The worker's side of the console protocol, without the worker: commands in, messages out,
 * paced by a clock the caller drives. worker.ts wires it to `self`; tests drive it in-process.
 */
import { ConsoleRun, RunError, resolveScenario, type RunSettings } from './run';
import { CHECKPOINT_EVERY_SECONDS } from './checkpoints';
import { CheckpointFill } from './checkpoint-fill';
import { loadScenarioCatalogue, scenarioCatalogueReady } from './scenario-catalogue';
import { nextRung, type HintTaken } from './debrief/hints';
import { decodeRun } from './share';
import { loadCommand, requestOfRun } from './load-command';
import { SPEEDS, type ClockState, type Frame, type FromWorker, type Speed, type ToWorker } from './protocol';

/**
 * How far the clock may fall behind wall time, in wall seconds: a late tick (a busy machine, a
 * collection) is caught up in full, a backgrounded tab does not run minutes at once.
 */
const MAX_BEHIND_SECONDS = 3;

/**
 * A load posts its frames in batches of this many simulated seconds while it runs (see 'history');
 * the 'loaded' that ends it keeps one to two batches (a workshop's players catch up from it).
 */
export const HISTORY_BATCH_SECONDS = 300;

/** How often the worker paces the run and posts its frames, in wall milliseconds (see worker.ts). */
export function tickMs(speed: number): number {
  return speed >= 60 ? 250 : 100;
}

export class ConsoleHost {
  #run: ConsoleRun | null = null;
  #settings: RunSettings | null = null;
  #playing = false;
  #speed: Speed = 1;
  /** Simulated seconds owed by pacing but not yet run (fractions carry over). */
  #owed = 0;
  /** Hint rungs asked for in this run (kept across a rewind up to its second). */
  #hints: HintTaken[] = [];
  /** The checkpoints the current run's load skipped, being built between commands (see `background`). */
  #fill: CheckpointFill | null = null;
  /** While the built-in scenarios load, commands wait here in order (see scenario-catalogue.ts). */
  #waiting: Promise<void> | null = null;

  constructor(private readonly post: (message: FromWorker) => void) {}

  get playing(): boolean {
    return this.#playing;
  }

  get speed(): Speed {
    return this.#speed;
  }

  clock(): ClockState {
    return { t: this.#run?.t ?? 0, playing: this.#playing, speed: this.#speed, ended: this.#run?.ended ?? false };
  }

  /** Handles one command; anything malformed is answered with an error message, never thrown. */
  handle(message: ToWorker): void {
    if (message?.type === 'load-shared') this.#after(() => this.#loadShared(message.run));
    else if (this.#waiting || !this.#ready(message)) this.#after(() => this.#handleWhenReady(message));
    else this.#handleNow(message);
  }

  /** Whether `message` can be handled now: one naming a built-in scenario waits for the catalogue. */
  #ready(message: ToWorker): boolean {
    return (message as { source?: { kind?: unknown } } | null)?.source?.kind !== 'builtin' || scenarioCatalogueReady();
  }

  /** Handles `message` once the built-in scenarios it may name are in. */
  #handleWhenReady(message: ToWorker): void | Promise<void> {
    if (this.#ready(message)) return this.#handleNow(message);
    return loadScenarioCatalogue().then(
      () => this.#handleNow(message),
      (error: unknown) => this.post({ type: 'error', message: `The drills could not be loaded (${error instanceof Error ? error.message : String(error)}); reload the page to try again.` }),
    );
  }

  /** A share link's load: the link read here (the page reads it too, for itself), then loaded as usual. */
  async #loadShared(run: unknown): Promise<void> {
    let command: ToWorker;
    try {
      if (typeof run !== 'string') throw new Error('The shared link is missing its run.');
      command = loadCommand(requestOfRun(await decodeRun(run)));
    } catch (error) {
      this.post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
      return;
    }
    await this.#handleWhenReady(command);
  }

  /** Runs `step` after the commands already waiting, keeping their order. */
  #after(step: () => void | Promise<void>): void {
    const next = (this.#waiting ?? Promise.resolve()).then(step);
    this.#waiting = next;
    void next.then(() => {
      if (this.#waiting === next) this.#waiting = null;
    });
  }

  #handleNow(message: ToWorker): void {
    try {
      this.#handle(message);
    } catch (error) {
      const text = error instanceof RunError || error instanceof Error ? error.message : String(error);
      this.post({ type: 'error', message: text });
    }
  }

  #handle(message: ToWorker): void {
    if (typeof message !== 'object' || message === null || typeof (message as { type?: unknown }).type !== 'string') {
      throw new Error('The console sent a message the simulation does not understand.');
    }
    if (message.type === 'load') {
      this.#playing = false;
      this.#owed = 0;
      const settings: RunSettings = { source: message.source, seed: message.seed, warmupSeconds: message.warmupSeconds, log: message.log ?? [] };
      const runTo = message.runTo ?? message.warmupSeconds;
      // No checkpoints on the way to the second the page opens at: `background` builds them after.
      const { run } = ConsoleRun.load(settings, 0, { checkpointEvery: CHECKPOINT_EVERY_SECONDS, checkpointsAfter: runTo });
      const last = Math.min(runTo, run.end);
      // (A game day's abort can end the run early: `ended` then stops the batches.)
      while (!run.ended && last - run.t > 2 * HISTORY_BATCH_SECONDS) this.post({ type: 'history', frames: run.advance(run.t + HISTORY_BATCH_SECONDS) });
      const frames = run.advance(last);
      this.#run = run;
      this.#settings = settings;
      this.#hints = [];
      this.#fill = run.t >= CHECKPOINT_EVERY_SECONDS ? new CheckpointFill(settings, run.t, CHECKPOINT_EVERY_SECONDS) : null;
      this.post({ type: 'loaded', scenario: run.player, clock: this.clock(), frames, log: [...run.log] });
      return;
    }
    const run = this.#run;
    if (!run) throw new Error('No scenario is loaded yet.');
    switch (message.type) {
      case 'play':
        this.#playing = !run.ended;
        this.#owed = 0;
        this.#clockOnly();
        return;
      case 'pause':
        this.#playing = false;
        this.#clockOnly();
        return;
      case 'speed':
        if (!(SPEEDS as readonly number[]).includes(message.speed)) throw new Error(`Speed must be one of ${SPEEDS.join(', ')}.`);
        this.#speed = message.speed;
        this.#clockOnly();
        return;
      case 'step': {
        const seconds = Math.max(1, Math.min(3600, Math.floor(Number(message.seconds) || 1)));
        this.#playing = false;
        this.#frames(run.advance(run.t + seconds));
        return;
      }
      case 'run-to-alert':
        this.#playing = false;
        this.#frames(run.runToAlert());
        return;
      case 'act': {
        const record = run.act(message.action);
        this.post({ type: 'acted', record, clock: this.clock(), annotations: run.takeLate() });
        return;
      }
      case 'seek': {
        // Rewind: the same scenario, seed and warm-up, with the actions taken before `t`, run to `t`.
        const t = Math.max(this.#settings!.warmupSeconds, Math.min(Number(message.t), run.end));
        if (!Number.isFinite(t)) throw new Error('Rewind needs a time in seconds.');
        const hints = this.#hints.filter((h) => h.at <= t);
        const log = run.log.filter((l) => l.at <= t);
        if (this.#fill) {
          // The load's skipped checkpoints up to `t`, now (cheaper than replaying from second zero).
          this.#fill.advance(t);
          run.adoptCheckpoints(this.#fill.checkpoints);
          this.#fill = null;
        }
        const from = run.checkpointFor(log, t);
        if (from) {
          // From the nearest checkpoint: only the seconds after it are simulated again.
          this.#playing = false;
          this.#owed = 0;
          const settings: RunSettings = { ...this.#settings!, log };
          const { run: next, frames } = ConsoleRun.resume(settings, from, t);
          next.adoptCheckpoints(run.checkpoints);
          this.#run = next;
          this.#settings = settings;
          this.post({ type: 'loaded', scenario: next.player, clock: this.clock(), frames, log: [...next.log], keepUpTo: from.t });
        } else {
          this.handle({ type: 'load', source: this.#settings!.source, seed: this.#settings!.seed, warmupSeconds: this.#settings!.warmupSeconds, log, runTo: t });
        }
        this.#hints = hints;
        return;
      }
      case 'finish':
        this.#playing = false;
        // The kept checkpoints go along (copied with the message): the debrief's replays start from them.
        this.post({ type: 'finished', reveal: { ...run.reveal(), hints: [...this.#hints], checkpoints: [...run.checkpoints] }, clock: this.clock() });
        return;
      case 'hint': {
        const ladder = resolveScenario(this.#settings!.source).drill?.hints;
        if (!ladder) throw new Error('This run has no hints: only drills carry a hint ladder.');
        const rung = nextRung(ladder, this.#hints.length);
        if (!rung) throw new Error('All three hints are already shown.');
        const hint: HintTaken = { at: run.t, ...rung };
        this.#hints.push(hint);
        this.post({ type: 'hint', hint, remaining: 3 - this.#hints.length });
        return;
      }
      default:
        throw new Error(`Unknown command "${(message as { type: string }).type}".`);
    }
  }

  /** Whether `background` has work left (the worker then gives it slices between commands). */
  get busyInBackground(): boolean {
    return this.#fill !== null;
  }

  /**
   * Background work for about `budgetMs`: the checkpoints the last load skipped. Once built they join
   * the run's own (a rewind then starts from the nearest one instead of replaying from second zero).
   */
  background(budgetMs: number): void {
    const fill = this.#fill;
    if (!fill || !this.#run) return;
    try {
      if (!fill.step(budgetMs)) return;
      this.#run.adoptCheckpoints(fill.checkpoints);
    } catch {
      // Only rewinds get slower without them: the run itself is unaffected.
    }
    this.#fill = null;
  }

  /** Pacing: `wallSeconds` of real time passed; runs speed x that much simulated time. */
  tick(wallSeconds: number): void {
    const run = this.#run;
    if (!run || !this.#playing) return;
    try {
      // Simulated time follows wall time since play, not the number of ticks: what a tick owes is
      // speed x the wall time since the last one, fractions carried, late ticks caught up.
      this.#owed = Math.min(this.#owed + this.#speed * Math.max(0, wallSeconds), this.#speed * MAX_BEHIND_SECONDS);
      const whole = Math.floor(this.#owed);
      if (whole < 1) return;
      this.#owed -= whole;
      const frames = run.advance(run.t + whole);
      if (run.ended) this.#playing = false;
      this.#frames(frames);
    } catch (error) {
      this.#playing = false;
      this.post({ type: 'error', message: `The simulation stopped: ${(error as Error).message}` });
    }
  }

  #frames(frames: Frame[]): void {
    this.post({ type: 'frames', frames, clock: this.clock() });
  }

  #clockOnly(): void {
    this.post({ type: 'frames', frames: [], clock: this.clock() });
  }
}
