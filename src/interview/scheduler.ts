/**
 * Spaced repetition for interview questions, SM-2 style, in whole calendar days (no millisecond
 * arithmetic, so a daylight-saving change cannot move a due date). A self-score becomes a quality
 * from 0 to 5; a low one (below 3) brings the question back tomorrow and makes it come back more
 * often; a good one pushes it further out each time it is answered well.
 */
import { addDays, daysBetween } from '../progress/calendar';

export interface ReviewState {
  /** How fast intervals grow after good answers (SM-2's easiness factor), 1.3 to 5. */
  ease: number;
  /** Days from the last answer to the next review. */
  intervalDays: number;
  /** Good answers in a row since the last low one. */
  repetitions: number;
  /** The calendar day the question is due again, YYYY-MM-DD. */
  due: string;
}

export interface SelfScore {
  /** Rubric points the learner ticked as covered. */
  covered: number;
  /** Rubric points in all. */
  total: number;
  /** Red flags the learner admits their answer had. */
  redFlags: number;
}

export const INITIAL_EASE = 2.5;
export const MIN_EASE = 1.3;
export const MAX_EASE = 5;
export const MAX_INTERVAL_DAYS = 365;
/** Each red flag costs this share of the rubric. */
export const RED_FLAG_COST = 0.2;
/** Qualities below this count as "scored low". */
export const LOW_QUALITY = 3;

/** The share of the rubric earned, 0 to 1: points covered, less a fifth for each red flag. */
export function scoreShare({ covered, total, redFlags }: SelfScore): number {
  if (!(total > 0) || covered < 0 || redFlags < 0 || covered > total) {
    throw new RangeError(`a self-score needs 0 <= covered <= total and total > 0; got ${covered}/${total}, ${redFlags} red flags`);
  }
  return Math.min(1, Math.max(0, covered / total - RED_FLAG_COST * redFlags));
}

/** SM-2 quality, 0 (nothing) to 5 (everything, no red flags). */
export function quality(score: SelfScore): number {
  return Math.round(scoreShare(score) * 5);
}

export function isLow(score: SelfScore): boolean {
  return quality(score) < LOW_QUALITY;
}

/** The next review after answering with quality `q` on `today`. `previous` is undefined the first time. */
export function schedule(previous: ReviewState | undefined, q: number, today: string): ReviewState {
  if (!Number.isInteger(q) || q < 0 || q > 5) throw new RangeError(`quality must be a whole number from 0 to 5, got ${q}`);
  const ease0 = previous?.ease ?? INITIAL_EASE;
  const ease = Math.round(Math.min(MAX_EASE, Math.max(MIN_EASE, ease0 + 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02))) * 100) / 100;
  let repetitions: number;
  let intervalDays: number;
  if (q < LOW_QUALITY) {
    repetitions = 0;
    intervalDays = 1;
  } else {
    repetitions = (previous?.repetitions ?? 0) + 1;
    // First good answer: 1, 3 or 6 days for quality 3, 4 or 5; then the last interval times the ease.
    intervalDays = repetitions === 1 ? [1, 3, 6][q - 3]! : Math.max((previous?.intervalDays ?? 1) + 1, Math.round((previous?.intervalDays ?? 1) * ease));
  }
  intervalDays = Math.min(MAX_INTERVAL_DAYS, intervalDays);
  return { ease, intervalDays, repetitions, due: addDays(today, intervalDays) };
}

export function isDue(state: ReviewState, today: string): boolean {
  return daysBetween(state.due, today) >= 0;
}

export interface ReviewItem {
  review: ReviewState;
  /** The share of the rubric earned last time, 0 to 1. */
  lastShare: number;
}

/** Ids of questions due on `today`: the most overdue first, then the lowest last score. */
export function dueForReview(items: Readonly<Record<string, ReviewItem>>, today: string): string[] {
  return Object.entries(items)
    .filter(([, item]) => isDue(item.review, today))
    .sort(([ia, a], [ib, b]) => a.review.due.localeCompare(b.review.due) || a.lastShare - b.lastShare || ia.localeCompare(ib))
    .map(([id]) => id);
}
