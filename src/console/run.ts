/**
 * One console run, without any UI or worker: the simulation of a scenario after its warm-up, the
 * player's actions (system and comms) in one timed log, and frames out. The worker drives it in
 * the browser; tests and the CLI drive it directly. A run is a pure function of (scenario, seed,
 * warm-up, log): `ConsoleRun.load` with a log replays it exactly.
 */
// Not from the '../sim/index' barrel: it also brings in every built-in scenario, which the simulation
// worker loads only when a drill needs them (scenario-catalogue.ts).
import { Simulation } from '../sim/core/simulation';
import type { SecondStats } from '../sim/core/types';
import type { Scenario } from '../sim/scenarios/schema';
import { FrameBuilder } from './frame';
import { describeComms, describeFault } from './action-messages';
import { injectedKey, resolveScenario, RunError, withInjected, type Timed } from './run-scenario';
import type { RunCheckpoint } from './checkpoints';
import { CheckpointShelf } from './checkpoint-shelf';
import { playerScenario } from './player-scenario';
import {
  type Annotation,
  isCommsAction,
  isInjectFault,
  parseConsoleAction,
  type ConsoleAction,
  type Frame,
  type LoggedAction,
  type PlayerScenario,
  type Reveal,
  type RunSource,
} from './protocol';
export { INJECT_AFTER_SECONDS, resolveScenario, RunError } from './run-scenario';
import { withWarmup } from './warmup';
import { GameDayMonitor } from './gameday/monitor';

export interface RunSettings {
  source: RunSource;
  seed: number;
  warmupSeconds: number;
  /** Actions to replay, with their simulated times (warm-up included). */
  log?: readonly { at: number; action: unknown }[];
}

/** How a run keeps checkpoints and frames (the debrief's replays need neither frames nor checkpoints). */
export interface RunOptions {
  /** Build a frame per second (default true). */
  frames?: boolean;
  /** Keep a checkpoint every this many simulated seconds for rewinds (0: none; default none). */
  checkpointEvery?: number;
  /**
   * Keep none up to this second at load (default 0): a replay shows sooner, and a CheckpointFill
   * builds the earlier ones afterwards (the host hands them over with adoptCheckpoints).
   */
  checkpointsAfter?: number;
}

function entryKey(e: { at: number; action: unknown }): string {
  return JSON.stringify([e.at, e.action]);
}

export class ConsoleRun {
  readonly player: PlayerScenario;
  readonly log: LoggedAction[] = [];
  readonly #base: Scenario;
  #scenario!: Scenario;
  #sim!: Simulation;
  #builder: FrameBuilder | null = null;
  #collected: Frame[] = [];
  /** A log being replayed: each action is taken when the clock reaches its time, as it was live. */
  #replay: Timed[] = [];
  #replayIndex = 0;
  /** Replayed entries from this index on wait (runToEntry stops just before one). */
  #stopIndex = Infinity;
  readonly #options: RunOptions;
  /** Checkpoints kept for rewinds. */
  #shelf = new CheckpointShelf(0);
  /** The injected faults in the simulated scenario (injectedKey of the log it was built for). */
  #injected = '[]';
  /** A designed game day's judge: it can end the run early (an abort condition held). */
  #gameDay: GameDayMonitor | null = null;

  private constructor(
    readonly settings: RunSettings,
    options: RunOptions = {},
    from?: RunCheckpoint,
  ) {
    this.#options = options;
    this.#base = withWarmup(resolveScenario(settings.source), settings.warmupSeconds);
    this.player = playerScenario(resolveScenario(settings.source), settings.warmupSeconds);
    const replay = (settings.log ?? []).map((entry, i) => {
      try {
        return { at: entry.at, action: parseConsoleAction(entry.action) };
      } catch (error) {
        throw new RunError(`Action ${i + 1} of the log: ${(error as Error).message}`);
      }
    });
    for (let i = 1; i < replay.length; i++) {
      if (replay[i]!.at < replay[i - 1]!.at) throw new RunError(`The action log is out of order at entry ${i + 1} (t=${replay[i]!.at}).`);
    }
    if (!this.player.faultsAllowed && replay.some((e) => isInjectFault(e.action))) throw new RunError(FAULTS_REFUSED);
    if (from) this.#resume(replay, from);
    else this.#start(replay, options.checkpointsAfter ?? 0);
  }

  /** (Re)creates the simulation for a log: its injected faults are part of the scenario from the start. */
  #start(replay: Timed[], checkpointsAfter = 0): void {
    this.#scenario = withInjected(this.#base, replay);
    this.#injected = injectedKey(replay);
    this.#attach(new Simulation(this.#scenario, { seed: this.settings.seed }));
    this.#replay = replay;
    this.#replayIndex = 0;
    this.log.length = 0;
    this.#shelf = new CheckpointShelf(this.#options.checkpointEvery ?? 0, checkpointsAfter);
  }

  #attach(sim: Simulation, from?: RunCheckpoint): void {
    this.#sim = sim;
    this.#collected = [];
    this.#builder = null;
    // A game day's judge reads frames and can end the run, so its runs build frames even when the
    // caller keeps none (the debrief's replays): a replay must end where the real run ended.
    const gameDay = this.#base.gameDay ? new GameDayMonitor(this.#base.gameDay, this.settings.warmupSeconds, from?.gameDay ?? undefined) : null;
    this.#gameDay = gameDay;
    const keep = this.#options.frames !== false;
    if (!keep && !gameDay) return;
    const builder = new FrameBuilder(sim, from?.builder ?? undefined);
    this.#builder = builder;
    sim.onSecond((s: SecondStats) => {
      const frame = builder.build(s);
      if (keep) this.#collected.push(frame);
      gameDay?.observe(frame);
    });
  }

  /**
   * Carries on from a checkpoint of a run whose log began like `replay`: the same entries up to the
   * checkpoint and the same injected faults (they are in the scenario from the start).
   */
  #resume(replay: Timed[], from: RunCheckpoint): void {
    if (!ConsoleRun.serves(from, replay)) throw new RunError('This checkpoint belongs to another run; load the run from the start.');
    this.#scenario = withInjected(this.#base, replay);
    this.#injected = from.injected;
    this.#attach(Simulation.restore(from.sim), from);
    this.#replay = replay;
    this.#replayIndex = from.log.length;
    this.log.length = 0;
    this.log.push(...from.log);
    // A replay that keeps none (the debrief's) says so; otherwise a resumed run keeps the spacing it had.
    this.#shelf = new CheckpointShelf(this.#options.checkpointEvery === 0 ? 0 : from.every, from.t, [from]);
  }

  /** Whether a run with this log can start from `checkpoint` (the log it had taken is a prefix, and the same faults are injected). */
  static serves(checkpoint: RunCheckpoint, raw: readonly { at: number; action: unknown }[]): boolean {
    // Compared as parsed (defaults filled in), as the run took them.
    let log: Timed[];
    try {
      log = raw.map((e) => ({ at: e.at, action: parseConsoleAction(e.action) }));
    } catch {
      return false;
    }
    if (checkpoint.injected !== injectedKey(log)) return false;
    if (log.length < checkpoint.log.length) return false;
    for (let i = 0; i < checkpoint.log.length; i++) if (entryKey(log[i]!) !== entryKey(checkpoint.log[i]!)) return false;
    // What comes after must not be earlier than the checkpoint (it would have been taken before it).
    return log.length === checkpoint.log.length || log[checkpoint.log.length]!.at >= checkpoint.t;
  }

  /** Loads a run and plays its warm-up (and, for a replay, up to `runTo`); returns the frames so far. */
  static load(settings: RunSettings, runTo = settings.warmupSeconds, options: RunOptions = {}): { run: ConsoleRun; frames: Frame[] } {
    const run = new ConsoleRun(settings, options);
    const frames = run.advance(Math.min(runTo, run.end));
    return { run, frames };
  }

  /**
   * Like `load`, but starting from a checkpoint taken by an earlier run of the same scenario, seed and
   * warm-up whose log `settings.log` continues (see `serves`). The frames are those after the checkpoint.
   */
  static resume(settings: RunSettings, from: RunCheckpoint, runTo = from.t, options: RunOptions = {}): { run: ConsoleRun; frames: Frame[] } {
    const run = new ConsoleRun(settings, options, from);
    const frames = run.advance(Math.min(runTo, run.end));
    return { run, frames };
  }

  /** The whole state of the run now, as plain data (Simulation.checkpoint plus the console's own). */
  checkpoint(): RunCheckpoint {
    return {
      t: this.#sim.now,
      every: this.#shelf.every,
      sim: this.#sim.checkpoint(),
      log: this.log.map((l) => ({ ...l })),
      injected: this.#injected,
      builder: this.#builder?.state ?? null,
      gameDay: this.#gameDay?.state ?? null,
    };
  }

  /** Takes over an earlier run's checkpoints that this run's log still fits (a rewound run keeps its past). */
  adoptCheckpoints(list: readonly RunCheckpoint[]): void {
    const log = this.#replay;
    this.#shelf.adopt(list.filter((c) => ConsoleRun.serves(c, log)));
  }

  /** The checkpoints kept so far (oldest first). */
  get checkpoints(): readonly RunCheckpoint[] {
    return this.#shelf.kept;
  }

  /** The latest kept checkpoint a run with this log can start from at or before second `t`. */
  checkpointFor(log: readonly { at: number; action: unknown }[], t: number): RunCheckpoint | null {
    return this.#shelf.latest(t, (c) => ConsoleRun.serves(c, log));
  }

  /**
   * Runs a replay up to the time of its entry `index`, without taking it (nor anything after it), and
   * returns the checkpoint there: a run whose log differs from this one only from `index` on can
   * start from it.
   */
  runToEntry(index: number): RunCheckpoint {
    const entry = this.#replay[index];
    if (!entry) throw new RunError(`The log has no entry ${index + 1}.`);
    if (index < this.#replayIndex) throw new RunError(`Entry ${index + 1} is already taken.`);
    this.#stopIndex = index;
    try {
      this.#collected.push(...this.advance(entry.at));
    } finally {
      this.#stopIndex = Infinity;
    }
    return this.checkpoint();
  }

  /** The scenario as simulated: warm-up shifted, with any injected faults. */
  get scenario(): Scenario {
    return this.#scenario;
  }

  get t(): number {
    return this.#sim.now;
  }

  /** The scenario's end, or the second a game day's abort condition stopped the experiment. */
  get end(): number {
    return Math.min(this.#base.durationSeconds, this.#gameDay?.abortedAtSimTime ?? Infinity);
  }

  get ended(): boolean {
    return this.#sim.now >= this.end;
  }

  /**
   * Runs to simulated time `t` (never past the end) and returns the frames of the seconds that
   * closed. Replayed actions are taken at their times, after that second's events, exactly as a
   * live action taken between two seconds is (Simulation.apply).
   */
  advance(t: number): Frame[] {
    const target = Math.min(t, this.end);
    // Actions due at a second whose frame went out before this call (a run resumed from a checkpoint
    // at that second): the page has that frame, and what they set off is in it already.
    if (this.#takeDueReplayed()) this.takeLate();
    while (this.#sim.now < Math.min(target, this.end)) {
      const nextAction = this.#replayIndex < this.#replay.length ? this.#replay[this.#replayIndex]!.at : Infinity;
      this.#sim.runUntil(Math.min(target, Math.floor(this.#sim.now) + 1, nextAction));
      // Before the actions due now, as in live play (an action comes after the advance that kept
      // the checkpoint): the debrief can then start the run without that action from it.
      if (this.#shelf.due(this.#sim.now)) this.#shelf.keep(this.checkpoint());
      if (this.#takeDueReplayed()) this.#lateIntoFrame();
    }
    const out = this.#collected;
    this.#collected = [];
    return out;
  }

  /** Takes the replayed actions due by now; returns whether it took any. */
  #takeDueReplayed(): boolean {
    const before = this.#replayIndex;
    while (this.#replayIndex < this.#stopIndex && this.#replayIndex < this.#replay.length && this.#replay[this.#replayIndex]!.at <= this.#sim.now) {
      this.#take(this.#replay[this.#replayIndex++]!.action, true);
    }
    return this.#replayIndex > before;
  }

  /**
   * A replayed action's annotations go in the frame of the second it was taken in, as a live
   * action's do (the page adds those from the 'acted' message): a replay's frames match the run's.
   */
  #lateIntoFrame(): void {
    const frame = this.#collected.at(-1);
    if (!frame || frame.t !== this.#sim.now) return;
    const late = this.takeLate();
    if (late.length > 0) frame.annotations = [...frame.annotations, ...late];
  }

  /** Whether a replayed log still has actions ahead of the clock. */
  get replaying(): boolean {
    return this.#replayIndex < this.#replay.length;
  }

  /** Runs until an alert starts firing (or `limitSeconds` pass, or the end). */
  runToAlert(limitSeconds = 3600): Frame[] {
    const firing = () => new Set(this.#sim.snapshot().alerts.filter((a) => a.state === 'firing').map((a) => a.id));
    const before = firing();
    const frames: Frame[] = [];
    const stop = Math.min(this.end, this.#sim.now + limitSeconds);
    while (this.#sim.now < Math.min(stop, this.end)) {
      frames.push(...this.advance(this.#sim.now + 1));
      const now = firing();
      if ([...now].some((id) => !before.has(id))) break;
    }
    return frames;
  }

  /**
   * What the actions taken since the last frame set off (annotations: deploys, scaling, breakers),
   * for the frame of the second they were taken in. The next frame does not repeat them.
   */
  takeLate(): Annotation[] {
    return this.#builder?.late() ?? [];
  }

  /** Takes a player action now. Throws a RunError with a readable message when it is invalid. */
  act(input: unknown): LoggedAction {
    if (this.ended) throw new RunError('The run is over; start it again or rewind to act.');
    let action: ConsoleAction;
    try {
      action = parseConsoleAction(input);
    } catch (error) {
      throw new RunError((error as Error).message);
    }
    return this.#take(action, false);
  }

  #take(action: ConsoleAction, replayed: boolean): LoggedAction {
    const at = this.#sim.now;
    let record: LoggedAction;
    if (isInjectFault(action)) {
      if (!replayed) this.#inject(at, action);
      record = { at, action, accepted: true, message: `fault injected: ${describeFault(action.fault)}` };
    } else if (isCommsAction(action)) {
      // A status update is what answers the scenario's stakeholder questions.
      const answered = action.type === 'status-update' ? this.#sim.statusUpdate() : 0;
      const message = describeComms(action) + (answered > 0 ? `; answers ${answered} stakeholder question${answered === 1 ? '' : 's'}` : '');
      record = { at, action, accepted: true, message };
    } else {
      const outcome = this.#sim.apply(action);
      record = { at, action, accepted: outcome.accepted, message: outcome.message };
    }
    this.log.push(record);
    return record;
  }

  /**
   * The simulator takes faults only up front, so injecting one live rebuilds the run with the fault
   * in its scenario and replays everything so far (deterministic: the same frames up to now, which
   * the page already has). Exactly what loading a shared run with this log does.
   */
  #inject(at: number, action: Extract<ConsoleAction, { type: 'inject-fault' }>): void {
    if (!this.player.faultsAllowed) throw new RunError(FAULTS_REFUSED);
    const replay: Timed[] = [...this.log.map((l) => ({ at: l.at, action: l.action })), { at, action }];
    withInjected(this.#base, replay); // throws a readable error before anything changes
    const done = this.log.length;
    this.#start(replay);
    this.#replay = replay.slice(0, done); // the new fault is logged by the caller, not replayed
    this.advance(at);
  }

  /** Everything that was hidden, for the debrief. */
  reveal(): Reveal {
    const summary = this.#sim.summary();
    return {
      summary,
      rootCause: this.#scenario.rootCause,
      annotations: this.#sim.annotationList(true),
      faults: this.#scenario.faults.map((f) => ({ id: f.id ?? null, type: f.type, at: f.at, until: f.duration === undefined ? null : f.at + f.duration })),
      log: [...this.log],
      ...(this.#gameDay ? { gameDay: this.#gameDay.report() } : {}),
    };
  }

  /** JSON-ready summary bytes: what replay determinism is judged on. */
  summaryJson(): string {
    return JSON.stringify(this.#sim.summary());
  }
}

const FAULTS_REFUSED = 'Faults can be injected in free play only (/sim/): a drill\'s own faults are hidden and judged.';
