import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addDays,
  BEYOND_PLAN_WEEK,
  currentWeek,
  daysBetween,
  localCalendarDate,
  parseCalendarDate,
  planDay,
  planWeekRange,
  weekOfDay,
} from '../../../src/progress';

describe('calendar dates', () => {
  it('parses real days and refuses impossible ones', () => {
    expect(parseCalendarDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of ['2023-02-29', '2100-02-29', '2025-04-31', '2025-00-10', '2025-1-1', '']) {
      expect(parseCalendarDate(bad), bad).toBeNull();
    }
    expect(parseCalendarDate('2000-02-29')).not.toBeNull();
  });

  it('counts days across month, year and leap-day boundaries', () => {
    expect(daysBetween('2025-01-31', '2025-02-01')).toBe(1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('2024-12-31', '2025-01-01')).toBe(1);
    expect(daysBetween('2025-03-01', '2025-01-01')).toBe(-59);
    expect(addDays('2025-01-31', 29)).toBe('2025-03-01');
    expect(addDays('2024-01-31', 29)).toBe('2024-02-29');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });

  it('agrees with UTC date arithmetic for any two days', () => {
    const day = fc
      .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const utc = (s: string) => Date.parse(`${s}T00:00:00Z`);
        expect(daysBetween(a, b)).toBe((utc(b) - utc(a)) / 86_400_000);
        expect(addDays(a, daysBetween(a, b))).toBe(b);
      }),
    );
  });

  it('says what is wrong with a bad date', () => {
    expect(() => daysBetween('2025-02-30', '2025-03-01')).toThrow(/from must be a real calendar date written YYYY-MM-DD, got "2025-02-30"/);
  });
});

describe('plan weeks', () => {
  it('is null with no start date or a start date in the future', () => {
    expect(currentWeek(null, '2025-03-01')).toBeNull();
    expect(currentWeek('2025-03-02', '2025-03-01')).toBeNull();
    expect(planDay('2025-03-02', '2025-03-01')).toBeNull();
  });

  it.each([
    [1, 1],
    [7, 1],
    [8, 2],
    [28, 4],
    [29, 5],
    [77, 11],
    [78, 12],
    [84, 12],
    [90, 12], // the last week stretches to the end of the plan
    [91, BEYOND_PLAN_WEEK],
    [400, BEYOND_PLAN_WEEK],
  ])('day %i is week %i', (day, week) => {
    expect(weekOfDay(day)).toBe(week);
    expect(currentWeek('2025-01-01', addDays('2025-01-01', day - 1))).toBe(week);
  });

  it('counts calendar days across month ends', () => {
    // Started on the 31st of January: 1 March is day 30 (week 5), not thrown off by February's 28 days.
    expect(planDay('2025-01-31', '2025-03-01')).toBe(30);
    expect(currentWeek('2025-01-31', '2025-03-01')).toBe(5);
    expect(currentWeek('2025-01-31', '2025-02-06')).toBe(1);
    expect(currentWeek('2025-01-31', '2025-02-07')).toBe(2);
    // day 90 and day 91 of a plan starting 1 December, across the year end
    expect(planDay('2024-12-01', '2025-02-28')).toBe(90);
    expect(currentWeek('2024-12-01', '2025-02-28')).toBe(12);
    expect(currentWeek('2024-12-01', '2025-03-01')).toBe(13);
  });

  it('gives the first and last day of each week; week 12 runs to day 90', () => {
    expect(planWeekRange('2025-01-31', 1)).toEqual({ first: '2025-01-31', last: '2025-02-06' });
    expect(planWeekRange('2025-01-31', 5)).toEqual({ first: '2025-02-28', last: '2025-03-06' });
    expect(planWeekRange('2025-01-31', 12)).toEqual({ first: addDays('2025-01-31', 77), last: addDays('2025-01-31', 89) });
    expect(() => planWeekRange('2025-01-31', 13)).toThrow(/plan weeks run from 1 to 12/);
  });

  it('every week range contains exactly the days currentWeek gives that week', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), (offset) => {
        const start = '2025-01-31';
        const today = addDays(start, offset);
        const week = currentWeek(start, today)!;
        if (week === BEYOND_PLAN_WEEK) return offset >= 90;
        const { first, last } = planWeekRange(start, week);
        return first <= today && today <= last;
      }),
    );
  });
});

describe('plan weeks and local time zones', () => {
  let savedTz: string | undefined;
  beforeEach(() => {
    savedTz = process.env.TZ;
  });
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  function inZone(tz: string): void {
    process.env.TZ = tz;
    // Guard: if the runtime ignored the change, the assertions below would prove nothing.
    const jan = new Date(2025, 0, 15).getTimezoneOffset();
    const jul = new Date(2025, 6, 15).getTimezoneOffset();
    expect(jan === jul, `${tz} should observe daylight saving time`).toBe(false);
  }

  it('New York, spring forward (9 March 2025 has 23 hours)', () => {
    inZone('America/New_York');
    // Local midnights a week apart are 7 days minus one hour apart: ms arithmetic would say 6 days.
    const start = new Date(2025, 2, 8, 0, 0);
    const weekLater = new Date(2025, 2, 15, 0, 30);
    expect(Math.floor((weekLater.getTime() - start.getTime()) / 86_400_000)).toBe(6);
    expect(localCalendarDate(weekLater)).toBe('2025-03-15');
    expect(planDay('2025-03-08', weekLater)).toBe(8);
    expect(currentWeek('2025-03-08', weekLater)).toBe(2);
    // every hour of the short day is still 9 March
    for (let hour = 0; hour < 24; hour++) {
      expect(localCalendarDate(new Date(2025, 2, 9, hour, 30))).toBe('2025-03-09');
    }
  });

  it('New York, fall back (2 November 2025 has 25 hours)', () => {
    inZone('America/New_York');
    const lateEvening = new Date(2025, 10, 2, 23, 30);
    expect(localCalendarDate(lateEvening)).toBe('2025-11-02');
    expect(planDay('2025-10-27', lateEvening)).toBe(7);
    expect(currentWeek('2025-10-27', lateEvening)).toBe(1);
    expect(currentWeek('2025-10-27', new Date(2025, 10, 3, 0, 0))).toBe(2);
  });

  it('Sydney, where the clocks go back in April, and the day starts before UTC does', () => {
    inZone('Australia/Sydney');
    // 00:30 on 6 April in Sydney is still 5 April in UTC: the learner's day is what counts.
    const earlyMorning = new Date(2025, 3, 6, 0, 30);
    expect(earlyMorning.toISOString().slice(0, 10)).toBe('2025-04-05');
    expect(localCalendarDate(earlyMorning)).toBe('2025-04-06');
    expect(planDay('2025-03-31', earlyMorning)).toBe(7);
    expect(currentWeek('2025-03-31', new Date(2025, 3, 7, 0, 15))).toBe(2);
  });

  it('Lord Howe Island, with a half-hour daylight saving shift', () => {
    inZone('Australia/Lord_Howe');
    expect(localCalendarDate(new Date(2025, 9, 5, 1, 45))).toBe('2025-10-05');
    expect(currentWeek('2025-09-29', new Date(2025, 9, 6, 0, 10))).toBe(2);
  });
});
