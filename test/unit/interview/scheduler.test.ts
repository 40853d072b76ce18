import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../../src/progress/calendar';
import { dueForReview, INITIAL_EASE, isDue, isLow, MAX_INTERVAL_DAYS, MIN_EASE, quality, schedule, scoreShare, type ReviewState } from '../../../src/interview/scheduler';

describe('self-score to quality', () => {
  it('is the share of rubric points covered, less a fifth per red flag, as 0 to 5', () => {
    expect(quality({ covered: 5, total: 5, redFlags: 0 })).toBe(5);
    expect(quality({ covered: 4, total: 5, redFlags: 0 })).toBe(4);
    expect(quality({ covered: 4, total: 5, redFlags: 1 })).toBe(3);
    expect(quality({ covered: 1, total: 4, redFlags: 3 })).toBe(0);
    expect(scoreShare({ covered: 3, total: 4, redFlags: 0 })).toBe(0.75);
    expect(isLow({ covered: 2, total: 5, redFlags: 0 })).toBe(true);
    expect(isLow({ covered: 3, total: 5, redFlags: 0 })).toBe(false);
    expect(() => quality({ covered: 6, total: 5, redFlags: 0 })).toThrow(RangeError);
    expect(() => quality({ covered: 0, total: 0, redFlags: 0 })).toThrow(RangeError);
  });
});

describe('schedule (SM-2 style, calendar days)', () => {
  const today = '2025-03-30'; // a daylight-saving change in Europe: days still count as days

  it('brings a low score back tomorrow and lowers the ease', () => {
    const s = schedule(undefined, 1, today);
    expect(s).toEqual({ ease: 1.96, intervalDays: 1, repetitions: 0, due: '2025-03-31' });
  });

  it('spaces good answers out: 6 days, then times the ease', () => {
    const a = schedule(undefined, 5, today);
    expect(a).toEqual({ ease: 2.6, intervalDays: 6, repetitions: 1, due: '2025-04-05' });
    const b = schedule(a, 5, a.due);
    expect(b).toMatchObject({ repetitions: 2, intervalDays: 16, due: addDays(a.due, 16) });
    const c = schedule(b, 4, b.due);
    expect(c.intervalDays).toBe(Math.round(16 * c.ease));
  });

  it('a lapse after a streak starts the streak again', () => {
    let s: ReviewState | undefined;
    for (const q of [5, 5, 5]) s = schedule(s, q, today);
    const lapse = schedule(s, 2, today);
    expect(lapse).toMatchObject({ repetitions: 0, intervalDays: 1, due: '2025-03-31' });
    expect(lapse.ease).toBeLessThan(s!.ease);
  });

  it('keeps ease and interval in bounds and the due day after today, for any sequence', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 40 }), (qs) => {
        let s: ReviewState | undefined;
        let day = today;
        for (const q of qs) {
          s = schedule(s, q, day);
          expect(s.ease).toBeGreaterThanOrEqual(MIN_EASE);
          expect(s.ease).toBeLessThanOrEqual(5);
          expect(s.intervalDays).toBeGreaterThanOrEqual(1);
          expect(s.intervalDays).toBeLessThanOrEqual(MAX_INTERVAL_DAYS);
          expect(daysBetween(day, s.due)).toBe(s.intervalDays);
          if (q < 3) expect(s.intervalDays).toBe(1);
          day = s.due;
        }
      }),
    );
  });

  it('refuses a quality outside 0..5', () => {
    expect(() => schedule(undefined, 6, today)).toThrow(RangeError);
    expect(() => schedule(undefined, 2.5, today)).toThrow(RangeError);
    expect(INITIAL_EASE).toBe(2.5);
  });
});

describe('due for review', () => {
  const item = (due: string, lastShare: number) => ({ review: { ease: 2.5, intervalDays: 1, repetitions: 0, due }, lastShare });

  it('lists due questions, most overdue first, then the lowest score', () => {
    const items = { a: item('2025-01-03', 0.2), b: item('2025-01-01', 0.9), c: item('2025-01-03', 0.1), d: item('2025-01-09', 0) };
    expect(dueForReview(items, '2025-01-03')).toEqual(['b', 'c', 'a']);
    expect(dueForReview(items, '2024-12-31')).toEqual([]);
    expect(isDue(items.d.review, '2025-01-09')).toBe(true);
  });
});
