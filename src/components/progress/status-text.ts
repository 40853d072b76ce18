import { checkpointStatus } from '../../curriculum/checkpoints';
import { currentWeek, planDay, type DrillResult, type Progress } from '../../progress';
import type { Level } from '../../schemas/lesson';

// What the progress displays say, shared by the React islands and the React-free scripts
// (status-dom.ts) so a page says the same words whichever draws it.

export interface LessonsDone {
  /** Null while progress is unknown (on the server, before the script runs). */
  done: number | null;
  total: number;
  pct: number;
  /** The bar's text equivalent (its aria-valuetext); also shown under it once progress is known. */
  text: string;
}

/** "3 of 6 lessons complete" for a set of lessons. */
export function lessonsDone(progress: Progress | null, lessonIds: readonly string[]): LessonsDone {
  const total = lessonIds.length;
  const done = progress ? lessonIds.filter((id) => progress.lessons[id]?.completedAt).length : null;
  const pct = total === 0 || !done ? 0 : Math.round((done / total) * 100);
  const text = total === 0 ? 'No lessons yet' : `${done ?? 0} of ${total} lesson${total === 1 ? '' : 's'} complete`;
  return { done, total, pct, text };
}

/** A level's checkpoint line: passed (and when) or not yet; null while progress is unknown. */
export function checkpointLine(progress: Progress | null, level: Level, name: string): { passed: boolean; text: string } | null {
  if (!progress) return null;
  const status = checkpointStatus(progress, level);
  if (!status.passed) return { passed: false, text: `${name} checkpoint not passed yet` };
  return { passed: true, text: `${name} checkpoint passed on ${new Date(status.passedAt!).toLocaleDateString()}` };
}

/** One drill result in words: passed or not, budget burned, time to mitigate, date. */
export function describeDrillResult(r: DrillResult): string {
  const mitigated = r.mitigatedSeconds === null ? 'not mitigated' : `mitigated in ${Math.round(r.mitigatedSeconds / 60)} min`;
  return `${r.passed ? 'Passed' : 'Not passed'} · ${r.budgetBurnedPercent.toFixed(1)}% of the error budget burned · ${mitigated} · ${new Date(r.at).toLocaleDateString()}`;
}

const longDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' });
/** A calendar date (YYYY-MM-DD) in words, in the reader's language ("December 5, 2026"). */
export const longCalendarDate = (date: string) => longDate.format(new Date(`${date}T00:00:00Z`));

/** The plan's status before the learner has set a start date (also the page's text until progress is read). */
export const NO_PLAN_START = 'Set the day you start, and the plan will show which week you are in.';

/** Where a plan start date puts the learner today, in words, and the plan week (null before the start). */
export function planStatus(start: string | null, today: string): { text: string; week: number | null } {
  const day = planDay(start, today);
  const week = currentWeek(start, today);
  if (!start) return { text: NO_PLAN_START, week };
  if (day === null) return { text: `Your plan starts on ${longCalendarDate(start)}.`, week };
  if (week !== null && week <= 12) return { text: `Day ${day} of 90: you are in week ${week}.`, week };
  return { text: `Day ${day}: you are past day 90. The staff lessons are next.`, week };
}
