import { describe, expect, it } from 'vitest';
import { createProgressStore, MemoryStorage } from '../../../src/progress';
import { checkpointLine, describeDrillResult, lessonsDone, planStatus } from '../../../src/components/progress/status-text';

const store = () => createProgressStore(new MemoryStorage(), { events: null });

describe('lessonsDone (level and week bars)', () => {
  it('counts completed lessons of the set only, and says so in words', () => {
    const s = store();
    s.markLessonComplete('idempotency');
    s.markLessonComplete('not-in-this-set');
    expect(lessonsDone(s.get(), ['idempotency', 'caching-strategies', 'fail-fast'])).toEqual({ done: 1, total: 3, pct: 33, text: '1 of 3 lessons complete' });
    expect(lessonsDone(s.get(), ['idempotency']).text).toBe('1 of 1 lesson complete');
    expect(lessonsDone(s.get(), [])).toMatchObject({ pct: 0, text: 'No lessons yet' });
  });

  it('is unknown (null, an empty bar) before progress is read', () => {
    expect(lessonsDone(null, ['a', 'b'])).toEqual({ done: null, total: 2, pct: 0, text: '0 of 2 lessons complete' });
  });
});

describe('checkpointLine', () => {
  it('says nothing before progress is known, "not passed yet", then the date it was passed', () => {
    const s = store();
    expect(checkpointLine(null, 'junior', 'Junior')).toBeNull();
    expect(checkpointLine(s.get(), 'junior', 'Junior')).toEqual({ passed: false, text: 'Junior checkpoint not passed yet' });
    s.passCheckpoint('junior', 'checkpoint-junior');
    const line = checkpointLine(s.get(), 'junior', 'Junior')!;
    expect(line.passed).toBe(true);
    expect(line.text).toBe(`Junior checkpoint passed on ${new Date(s.get().checkpoints.junior!.passedAt).toLocaleDateString()}`);
  });
});

describe('describeDrillResult', () => {
  it('names the outcome, the budget burned and the time to mitigate', () => {
    const at = '2026-12-01T10:00:00.000Z';
    const date = new Date(at).toLocaleDateString();
    expect(describeDrillResult({ at, passed: true, budgetBurnedPercent: 12.345, mitigatedSeconds: 600, seed: 1 })).toBe(
      `Passed · 12.3% of the error budget burned · mitigated in 10 min · ${date}`,
    );
    expect(describeDrillResult({ at, passed: false, budgetBurnedPercent: 100, mitigatedSeconds: null, seed: 1 })).toBe(
      `Not passed · 100.0% of the error budget burned · not mitigated · ${date}`,
    );
  });
});

describe('planStatus', () => {
  it('asks for a date, counts down to a future start, places the learner in a week, then past day 90', () => {
    expect(planStatus(null, '2026-12-05')).toEqual({ text: 'Set the day you start, and the plan will show which week you are in.', week: null });
    expect(planStatus('2026-12-10', '2026-12-05').text).toMatch(/^Your plan starts on .*2026\.$/);
    expect(planStatus('2026-12-05', '2026-12-05')).toEqual({ text: 'Day 1 of 90: you are in week 1.', week: 1 });
    expect(planStatus('2026-12-01', '2026-12-15')).toEqual({ text: 'Day 15 of 90: you are in week 3.', week: 3 });
    expect(planStatus('2026-01-01', '2026-12-05')).toEqual({ text: 'Day 339: you are past day 90. The staff lessons are next.', week: 13 });
  });
});
