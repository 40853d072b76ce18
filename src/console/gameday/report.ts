/**
 * What a game day's judge reports at the end of a run (the reveal's `gameDay`). Plain types with no
 * imports, so the console protocol can name them without an import cycle.
 */

export interface ConditionVerdict {
  text: string;
  held: boolean;
  /** The window that came closest to (or went furthest past) the threshold, as a value in the metric's unit. */
  worst: string | null;
  /** Seconds after the start (T+) of that window. */
  worstAt: number | null;
}

export interface GameDayReport {
  hypothesis: {
    /** At least one window was measured: the hypothesis could be judged. */
    evaluated: boolean;
    held: boolean;
    windows: number;
    conditions: ConditionVerdict[];
  };
  /** When and why the experiment was stopped early; null when it ran to its end. */
  aborted: { at: number; because: string } | null;
}
