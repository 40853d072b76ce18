/**
 * Judges a game day while it runs, one frame a second: the steady-state hypothesis over whole
 * minutes (a minute's mean must meet every condition: one slow second is not a broken steady
 * state), and the abort conditions second by second (one held for its forSeconds stops the
 * experiment). No React, no worker: ConsoleRun feeds it, tests drive it with frames.
 */
import type { AbortCondition, GameDay, SteadyStateCondition } from '../../sim/scenarios/game-day';
import type { Frame } from '../protocol';
import { compare, conditionText, metricValue, valueText } from './metrics';
import type { ConditionVerdict, GameDayReport } from './report';

export type { ConditionVerdict, GameDayReport };

/** The hypothesis is judged per minute of play. */
export const WINDOW_SECONDS = 60;
/** A last, partial minute counts once it holds this many seconds. */
export const MIN_PARTIAL_SECONDS = 10;

interface Window {
  start: number;
  seconds: number;
  sums: number[];
  counts: number[];
}

/** How far a value is on the wrong side of a condition (bigger is worse), for picking the worst window. */
function badness(c: SteadyStateCondition, value: number): number {
  return c.op === '<' || c.op === '<=' ? value - c.threshold : c.threshold - value;
}

/** Everything the monitor has judged so far, as plain data: kept in a run's checkpoints, so a rewound run judges on. */
export interface GameDayState {
  windows: { start: number; means: number[] }[];
  open: Window | null;
  streaks: number[];
  aborted: { at: number; because: string } | null;
}

export class GameDayMonitor {
  #windows: { start: number; means: number[] }[] = [];
  #open: Window | null = null;
  #streaks: number[];
  #aborted: { at: number; because: string } | null = null;

  constructor(
    private readonly gameDay: GameDay,
    /** Simulated seconds before the player's T+0 (the warm-up): nothing before it is judged. */
    private readonly startAt: number,
    from?: GameDayState,
  ) {
    this.#streaks = gameDay.abort.map(() => 0);
    if (from) {
      const copy = structuredClone(from);
      this.#windows = copy.windows;
      this.#open = copy.open;
      this.#streaks = copy.streaks;
      this.#aborted = copy.aborted;
    }
  }

  get state(): GameDayState {
    return structuredClone({ windows: this.#windows, open: this.#open, streaks: this.#streaks, aborted: this.#aborted });
  }

  /** Simulated time (warm-up included) at which the experiment was stopped, or null. */
  get abortedAtSimTime(): number | null {
    return this.#aborted === null ? null : this.#aborted.at + this.startAt;
  }

  /** One closed second. Frames from the warm-up and after an abort are ignored. */
  observe(frame: Frame): void {
    const t = frame.t - this.startAt;
    if (t <= 0 || this.#aborted) return;
    this.#measure(t, frame);
    this.gameDay.abort.forEach((c, i) => {
      const v = metricValue(frame, c.metric);
      this.#streaks[i] = Number.isFinite(v) && compare(v, c.op, c.threshold) ? this.#streaks[i]! + 1 : 0;
      if (!this.#aborted && this.#streaks[i]! >= Math.max(1, c.forSeconds)) this.#aborted = { at: t, because: abortReason(c, v) };
    });
  }

  #measure(t: number, frame: Frame): void {
    const start = Math.floor((t - 1) / WINDOW_SECONDS) * WINDOW_SECONDS;
    if (this.#open && this.#open.start !== start) this.#close(this.#open);
    const n = this.gameDay.hypothesis.length;
    this.#open ??= { start, seconds: 0, sums: new Array<number>(n).fill(0), counts: new Array<number>(n).fill(0) };
    const w = this.#open;
    w.seconds++;
    this.gameDay.hypothesis.forEach((c, i) => {
      const v = metricValue(frame, c.metric);
      if (Number.isFinite(v)) {
        w.sums[i]! += v;
        w.counts[i]!++;
      }
    });
    if (w.seconds >= WINDOW_SECONDS) this.#close(w);
  }

  #close(w: Window): void {
    this.#windows.push({ start: w.start, means: w.sums.map((s, i) => (w.counts[i]! > 0 ? s / w.counts[i]! : NaN)) });
    this.#open = null;
  }

  report(): GameDayReport {
    const windows = [...this.#windows];
    const open = this.#open;
    if (open && open.seconds >= MIN_PARTIAL_SECONDS) windows.push({ start: open.start, means: open.sums.map((s, i) => (open.counts[i]! > 0 ? s / open.counts[i]! : NaN)) });
    const conditions = this.gameDay.hypothesis.map((c, i): ConditionVerdict => {
      let worst: { value: number; at: number } | null = null;
      let held = true;
      for (const w of windows) {
        const v = w.means[i]!;
        if (!Number.isFinite(v)) continue;
        if (!compare(v, c.op, c.threshold)) held = false;
        if (worst === null || badness(c, v) > badness(c, worst.value)) worst = { value: v, at: w.start };
      }
      return { text: conditionText(c), held: held && worst !== null, worst: worst ? valueText(c.metric, worst.value) : null, worstAt: worst?.at ?? null };
    });
    const evaluated = windows.length > 0;
    return {
      hypothesis: { evaluated, held: evaluated && conditions.every((c) => c.held), windows: windows.length, conditions },
      aborted: this.#aborted,
    };
  }
}

function abortReason(c: AbortCondition, value: number): string {
  const lasted = c.forSeconds > 1 ? ` for ${c.forSeconds} s` : '';
  return `${conditionText(c)}${lasted} (measured ${valueText(c.metric, value)})`;
}
