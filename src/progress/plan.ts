import { addDays, daysBetween, localCalendarDate } from './calendar';

/** The plan is 90 days split into 12 weeks; week 13 stands for "beyond day 90" (the staff lessons). */
export const PLAN_DAYS = 90;
export const PLAN_WEEKS = 12;
export const BEYOND_PLAN_WEEK = 13;

function asCalendarDate(today: string | Date): string {
  return typeof today === 'string' ? today : localCalendarDate(today);
}

/**
 * Day of the plan `today` falls on: 1 on the start date itself. Null when no start date is set or the
 * plan starts in the future. A Date is read as the local calendar day it falls on.
 */
export function planDay(startDate: string | null, today: string | Date): number | null {
  if (startDate === null) return null;
  const day = daysBetween(startDate, asCalendarDate(today)) + 1;
  return day >= 1 ? day : null;
}

/**
 * The plan week for a plan day: 1..12, or 13 past day 90. Weeks are seven calendar days so each starts
 * on the same weekday; 90 does not divide by 7, so the last week (12) runs from day 78 through day 90.
 */
export function weekOfDay(day: number): number {
  if (!Number.isInteger(day) || day < 1) throw new RangeError(`plan days start at 1, got ${day}`);
  if (day > PLAN_DAYS) return BEYOND_PLAN_WEEK;
  return Math.min(PLAN_WEEKS, Math.ceil(day / 7));
}

/** 1..12 during the plan, 13 beyond day 90, null when no start date is set or it is still in the future. */
export function currentWeek(startDate: string | null, today: string | Date): number | null {
  const day = planDay(startDate, today);
  return day === null ? null : weekOfDay(day);
}

/** First and last calendar day of a plan week (1..12), for headings like "Week 3: 15-21 March". */
export function planWeekRange(startDate: string, week: number): { first: string; last: string } {
  if (!Number.isInteger(week) || week < 1 || week > PLAN_WEEKS) {
    throw new RangeError(`plan weeks run from 1 to ${PLAN_WEEKS}, got ${week}`);
  }
  const firstDay = (week - 1) * 7 + 1;
  const lastDay = week === PLAN_WEEKS ? PLAN_DAYS : firstDay + 6;
  return { first: addDays(startDate, firstDay - 1), last: addDays(startDate, lastDay - 1) };
}
