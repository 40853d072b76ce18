import { describe, expect, it } from 'vitest';
import {
  addDays,
  createProgressStore,
  exportProgress,
  importProgress,
  localCalendarDate,
  MAX_MOCK_RESULTS,
  MemoryStorage,
  PROGRESS_KEY,
  type Progress,
} from '../../../src/progress';
import { recordInterviewAnswer } from '../../../src/interview/review-progress';
import { FaultyStorage, NOW } from './helpers';

function clock(start = NOW) {
  let t = start.getTime();
  return { now: () => new Date(t), days: (n: number) => (t += n * 86_400_000) };
}

describe('interview practice in the progress store', () => {
  it('recordInterviewAnswer counts attempts, keeps the last score and schedules the next review by calendar day', () => {
    const c = clock();
    const store = createProgressStore(new FaultyStorage(), { now: c.now, events: null });
    const today = localCalendarDate(NOW);
    // Scored low (1 of 5, a red flag): back tomorrow.
    expect(recordInterviewAnswer(store, 'idempotency-why', { mode: 'mock', covered: 1, total: 5, redFlags: 1, seconds: 240 })).toBe(addDays(today, 1));
    const first = store.get().interview.questions['idempotency-why']!;
    expect(first).toMatchObject({ attempts: 1, last: { mode: 'mock', covered: 1, total: 5, redFlags: 1, seconds: 240, at: NOW.toISOString() }, review: { repetitions: 0, intervalDays: 1 } });
    // Everything covered the next day: out for longer.
    c.days(1);
    const due = recordInterviewAnswer(store, 'idempotency-why', { mode: 'review', covered: 5, total: 5, redFlags: 0 });
    expect(due).toBe(addDays(today, 1 + 6));
    expect(store.get().interview.questions['idempotency-why']).toMatchObject({ attempts: 2, review: { repetitions: 1, intervalDays: 6, due } });
  });

  it('refuses a bad question id or an impossible score, and changes nothing', () => {
    const store = createProgressStore(new MemoryStorage(), { now: () => NOW, events: null });
    const before = store.get();
    expect(() => recordInterviewAnswer(store, 'Not An Id', { mode: 'mock', covered: 1, total: 2, redFlags: 0 })).toThrow(/question id/);
    expect(() => recordInterviewAnswer(store, 'ok-id', { mode: 'mock', covered: 3, total: 2, redFlags: 0 })).toThrow(/interview answer/);
    expect(() => recordInterviewAnswer(store, 'ok-id', { mode: 'mock', covered: 0, total: 0, redFlags: 0 })).toThrow(/interview answer/);
    expect(store.get()).toBe(before);
  });

  it('recordMockResult keeps the last results only', () => {
    const store = createProgressStore(new MemoryStorage(), { now: () => NOW, events: null });
    for (let i = 0; i < MAX_MOCK_RESULTS + 3; i++) store.recordMockResult(['q-a', 'q-b'], i);
    const mocks = store.get().interview.mocks;
    expect(mocks).toHaveLength(MAX_MOCK_RESULTS);
    expect(mocks[0]!.scorePercent).toBe(3);
    expect(() => store.recordMockResult([], 50)).toThrow(/mock result/);
    expect(() => store.recordMockResult(['q-a'], 101)).toThrow(/mock result/);
  });

  it('records design exercise steps and keeps the first completion', () => {
    const c = clock();
    const store = createProgressStore(new MemoryStorage(), { now: c.now, events: null });
    store.recordExerciseStep('autoscaled-deployment', 'peak-instances', 12, false);
    store.recordExerciseStep('autoscaled-deployment', 'peak-instances', 14, true);
    store.completeExercise('autoscaled-deployment');
    c.days(2);
    store.completeExercise('autoscaled-deployment');
    expect(store.get().interview.exercises['autoscaled-deployment']).toEqual({
      steps: { 'peak-instances': { answer: 14, ok: true, at: NOW.toISOString() } },
      completedAt: NOW.toISOString(),
    });
    expect(() => store.recordExerciseStep('autoscaled-deployment', 'x', Number.NaN, true)).toThrow(/finite/);
  });

  it('is saved, and survives export then import', () => {
    const storage = new MemoryStorage();
    const store = createProgressStore(storage, { now: () => NOW, events: null });
    recordInterviewAnswer(store, 'cap-theorem', { mode: 'practice', covered: 2, total: 4, redFlags: 0 });
    store.recordMockResult(['cap-theorem'], 50);
    store.recordExerciseStep('blue-green-pipeline', 'green-capacity', 9, true);
    const saved = JSON.parse(storage.getItem(PROGRESS_KEY)!) as Progress;
    expect(saved.interview).toStrictEqual(store.get().interview);
    const back = importProgress(exportProgress(store.get(), NOW), NOW);
    expect(back.ok && back.progress).toStrictEqual(store.get());
  });
});
