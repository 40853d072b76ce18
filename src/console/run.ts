/**
 * One console run, without any UI or worker: the simulation of a scenario after its warm-up, the
 * player's actions (system and comms) in one timed log, and frames out. The worker drives it in
 * the browser; tests and the CLI drive it directly. A run is a pure function of (scenario, seed,
 * warm-up, log): `ConsoleRun.load` with a log replays it exactly.
 */
import { getScenario, parseScenario, SCENARIO_IDS, Simulation, type Fault, type Scenario, type SecondStats } from '../sim/index';
import { FrameBuilder } from './frame';
import { playerScenario } from './player-scenario';
import {
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
import { withWarmup } from './warmup';
import { GameDayMonitor } from './gameday/monitor';

export interface RunSettings {
  source: RunSource;
  seed: number;
  warmupSeconds: number;
  /** Actions to replay, with their simulated times (warm-up included). */
  log?: readonly { at: number; action: unknown }[];
}

export class RunError extends Error {
  override readonly name = 'RunError';
}

/**
 * An injected fault starts this long after the second it was injected in closed: after that
 * second's frame (already on screen), before anything of the next one, as an action would.
 */
export const INJECT_AFTER_SECONDS = 0.001;

/** The scenario a source names, validated; the error says which field is wrong. */
export function resolveScenario(source: RunSource): Scenario {
  if (source.kind === 'builtin') {
    if (!SCENARIO_IDS.includes(source.id)) throw new RunError(`There is no scenario "${source.id}". Known: ${SCENARIO_IDS.join(', ')}.`);
    return getScenario(source.id);
  }
  try {
    return parseScenario(source.scenario);
  } catch (error) {
    throw new RunError((error as Error).message);
  }
}

type Timed = { at: number; action: ConsoleAction };

/** The scenario with the player's injected faults added at their times (the simulator schedules faults up front). */
function withInjected(scenario: Scenario, log: readonly Timed[]): Scenario {
  const injected = log.flatMap((e): Fault[] => (isInjectFault(e.action) ? [{ ...e.action.fault, at: e.at + INJECT_AFTER_SECONDS } as Fault] : []));
  if (injected.length === 0) return scenario;
  try {
    return parseScenario({ ...scenario, faults: [...scenario.faults, ...injected] });
  } catch (error) {
    throw new RunError(`This fault cannot run on this system: ${(error as Error).message.replace(/^invalid scenario:\s*/, '')}`);
  }
}

export class ConsoleRun {
  readonly player: PlayerScenario;
  readonly log: LoggedAction[] = [];
  readonly #base: Scenario;
  #scenario!: Scenario;
  #sim!: Simulation;
  #collected: Frame[] = [];
  /** A log being replayed: each action is taken when the clock reaches its time, as it was live. */
  #replay: Timed[] = [];
  #replayIndex = 0;
  /** A designed game day's judge: it can end the run early (an abort condition held). */
  #gameDay: GameDayMonitor | null = null;

  private constructor(readonly settings: RunSettings) {
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
    this.#start(replay);
  }

  /** (Re)creates the simulation for a log: its injected faults are part of the scenario from the start. */
  #start(replay: Timed[]): void {
    this.#scenario = withInjected(this.#base, replay);
    this.#sim = new Simulation(this.#scenario, { seed: this.settings.seed });
    const builder = new FrameBuilder(this.#sim);
    const gameDay = this.#base.gameDay ? new GameDayMonitor(this.#base.gameDay, this.settings.warmupSeconds) : null;
    this.#gameDay = gameDay;
    this.#sim.onSecond((s: SecondStats) => {
      const frame = builder.build(s);
      this.#collected.push(frame);
      gameDay?.observe(frame);
    });
    this.#collected = [];
    this.#replay = replay;
    this.#replayIndex = 0;
    this.log.length = 0;
  }

  /** Loads a run and plays its warm-up (and, for a replay, up to `runTo`); returns the frames so far. */
  static load(settings: RunSettings, runTo = settings.warmupSeconds): { run: ConsoleRun; frames: Frame[] } {
    const run = new ConsoleRun(settings);
    const frames = run.advance(Math.min(runTo, run.end));
    return { run, frames };
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
    this.#takeDueReplayed();
    while (this.#sim.now < Math.min(target, this.end)) {
      const nextAction = this.#replayIndex < this.#replay.length ? this.#replay[this.#replayIndex]!.at : Infinity;
      this.#sim.runUntil(Math.min(target, Math.floor(this.#sim.now) + 1, nextAction));
      this.#takeDueReplayed();
    }
    const out = this.#collected;
    this.#collected = [];
    return out;
  }

  #takeDueReplayed(): void {
    while (this.#replayIndex < this.#replay.length && this.#replay[this.#replayIndex]!.at <= this.#sim.now) {
      this.#take(this.#replay[this.#replayIndex++]!.action, true);
    }
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

function describeFault(fault: Record<string, unknown>): string {
  const { type, ...params } = fault;
  const p = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  return p ? `${String(type)} ${p}` : String(type);
}

function describeComms(action: ConsoleAction): string {
  switch (action.type) {
    case 'declare-incident':
      return `incident declared, SEV-${action.severity}`;
    case 'set-severity':
      return `severity set to SEV-${action.severity}`;
    case 'assign-role':
      return `${action.role}: ${action.person}`;
    case 'status-update':
      return `status update posted; next in ${action.nextUpdateMinutes} min`;
    case 'note':
      return 'note added';
    case 'viewed':
      return `looked at ${action.panel}${action.focus ? `: ${action.focus}` : ''}`;
    default:
      return '';
  }
}
