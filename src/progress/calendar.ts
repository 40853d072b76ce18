/**
 * Calendar-day arithmetic on 'YYYY-MM-DD' strings. Days are counted as integers (days since 1970-01-01
 * in the proleptic Gregorian calendar), never as milliseconds between two local midnights: a day with
 * a daylight-saving change is 23 or 25 hours long, and ms arithmetic would drift by one around it.
 */

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Parses 'YYYY-MM-DD', or returns null when it is not a real day (2025-02-29, 2025-13-01). */
export function parseCalendarDate(text: string): CalendarDate | null {
  const match = DATE_RE.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function requireDate(text: string, what: string): CalendarDate {
  const date = parseCalendarDate(text);
  if (!date) throw new RangeError(`${what} must be a real calendar date written YYYY-MM-DD, got ${JSON.stringify(text)}`);
  return date;
}

/** Day number of a civil date (1970-01-01 is 0). Howard Hinnant's days_from_civil. */
function dayNumber({ year, month, day }: CalendarDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Inverse of dayNumber (civil_from_days). */
function fromDayNumber(n: number): CalendarDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function format({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The calendar day `date` falls on in the runtime's local time zone: what the learner calls "today". */
export function localCalendarDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('localCalendarDate needs a valid Date');
  return format({ year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() });
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(requireDate(to, 'to')) - dayNumber(requireDate(from, 'from'));
}

export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`addDays needs a whole number of days, got ${days}`);
  return format(fromDayNumber(dayNumber(requireDate(date, 'date')) + days));
}
