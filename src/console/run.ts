/**
 * One console run, without any UI or worker: the simulation of a scenario after its warm-up, the
 * player's actions (system and comms) in one timed log, and frames out. The worker drives it in
 * the browser; tests and the CLI drive it directly. A run is a pure function of (scenario, seed,
 * warm-up, log): `ConsoleRun.load` with a log replays it exactly.
 */
import { getScenario, SCENARIO_IDS } from '../sim/scenarios/index';
import { parseScenario, type Scenario } from '../sim/scenarios/schema';
import { Simulation, type SecondStats } from '../sim/index';
import { FrameBuilder } from './frame';
import { playerScenario } from './player-scenario';
import {
  isCommsAction,
  parseConsoleAction,
  type ConsoleAction,
  type Frame,
  type LoggedAction,
  type PlayerScenario,
  type Reveal,
  type RunSource,
} from './protocol';
import { withWarmup } from './warmup';

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

/** The scenario a source names, validated; the error says which field is wrong. */
export function resolveScenario(source: RunSource): Scenario {
  if (source.kind === 'builtin') {
    if (!SCENARIO_IDS.includes(source.id)) throw new RunError(`There is no scenario "${source.id}". Known: ${SCENARIO_IDS.join(', ')}.`);
    return parseScenario(getScenario(source.id));
  }
  try {
    return parseScenario(source.scenario);
  } catch (error) {
    throw new RunError((error as Error).message);
  }
}

export class ConsoleRun {
  readonly scenario: Scenario;
  readonly player: PlayerScenario;
  readonly log: LoggedAction[] = [];
  readonly #sim: Simulation;
  readonly #frames: FrameBuilder;
  #collected: Frame[] = [];
  readonly #end: number;

  private constructor(readonly settings: RunSettings) {
    const base = resolveScenario(settings.source);
    this.scenario = withWarmup(base, settings.warmupSeconds);
    this.player = playerScenario(base, settings.warmupSeconds);
    this.#end = this.scenario.durationSeconds;
    this.#replay = (settings.log ?? []).map((entry, i) => {
      try {
        return { at: entry.at, action: parseConsoleAction(entry.action) };
      } catch (error) {
        throw new RunError(`Action ${i + 1} of the log: ${(error as Error).message}`);
      }
    });
    for (let i = 1; i < this.#replay.length; i++) {
      if (this.#replay[i]!.at < this.#replay[i - 1]!.at) throw new RunError(`The action log is out of order at entry ${i + 1} (t=${this.#replay[i]!.at}).`);
    }
    this.#sim = new Simulation(this.scenario, { seed: settings.seed });
    this.#frames = new FrameBuilder(this.#sim);
    this.#sim.onSecond((s: SecondStats) => this.#collected.push(this.#frames.build(s)));
  }

  /** A log being replayed: each action is taken when the clock reaches its time, as it was live. */
  readonly #replay: { at: number; action: ConsoleAction }[];
  #replayIndex = 0;

  /** Loads a run and plays its warm-up (and, for a replay, up to `runTo`); returns the frames so far. */
  static load(settings: RunSettings, runTo = settings.warmupSeconds): { run: ConsoleRun; frames: Frame[] } {
    const run = new ConsoleRun(settings);
    const frames = run.advance(Math.min(runTo, run.end));
    return { run, frames };
  }

  get t(): number {
    return this.#sim.now;
  }

  get end(): number {
    return this.#end;
  }

  get ended(): boolean {
    return this.#sim.now >= this.#end;
  }

  /**
   * Runs to simulated time `t` (never past the end) and returns the frames of the seconds that
   * closed. Replayed actions are taken at their times, after that second's events, exactly as a
   * live action taken between two seconds is (Simulation.apply).
   */
  advance(t: number): Frame[] {
    const target = Math.min(t, this.#end);
    this.#takeDueReplayed();
    while (this.#sim.now < target) {
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
      this.#take(this.#replay[this.#replayIndex++]!.action);
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
    const stop = Math.min(this.#end, this.#sim.now + limitSeconds);
    while (this.#sim.now < stop) {
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
    return this.#take(action);
  }

  #take(action: ConsoleAction): LoggedAction {
    const at = this.#sim.now;
    let record: LoggedAction;
    if (isCommsAction(action)) {
      record = { at, action, accepted: true, message: describeComms(action) };
    } else {
      const outcome = this.#sim.apply(action);
      record = { at, action, accepted: outcome.accepted, message: outcome.message };
    }
    this.log.push(record);
    return record;
  }

  /** Everything that was hidden, for the debrief. */
  reveal(): Reveal {
    const summary = this.#sim.summary();
    return {
      summary,
      rootCause: this.scenario.rootCause,
      annotations: this.#sim.annotationList(true),
      faults: this.scenario.faults.map((f) => ({ id: f.id ?? null, type: f.type, at: f.at, until: f.duration === undefined ? null : f.at + f.duration })),
      log: [...this.log],
    };
  }

  /** JSON-ready summary bytes: what replay determinism is judged on. */
  summaryJson(): string {
    return JSON.stringify(this.#sim.summary());
  }
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
    case 'silence-alert':
      return `${action.alert} silenced for ${action.minutes} min`;
    case 'note':
      return 'note added';
    case 'viewed':
      return `looked at ${action.panel}${action.focus ? `: ${action.focus}` : ''}`;
    default:
      return '';
  }
}
