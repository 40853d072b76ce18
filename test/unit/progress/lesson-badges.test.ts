import { describe, expect, it } from 'vitest';
import { createProgressStore, MemoryStorage } from '../../../src/progress';
import { lessonBadges } from '../../../src/components/progress/lesson-badges';

const store = () => createProgressStore(new MemoryStorage());

describe('lessonBadges (lesson header and lesson cards)', () => {
  it('shows nothing before progress is known or when nothing was done', () => {
    expect(lessonBadges(null, 'idempotency', 'idempotency-keys')).toEqual([]);
    expect(lessonBadges(store().get(), 'idempotency', 'idempotency-keys')).toEqual([]);
  });

  it('shows the quiz score until the lesson is complete, then "Completed" instead', () => {
    const s = store();
    s.setQuizAnswers('idempotency', [0, 1, null], 2, 3);
    expect(lessonBadges(s.get(), 'idempotency')).toEqual([{ text: 'Quiz 2/3', attr: 'data-lesson-status', value: 'quiz', done: false }]);
    s.markLessonComplete('idempotency');
    expect(lessonBadges(s.get(), 'idempotency')).toEqual([{ text: 'Completed', attr: 'data-lesson-status', value: 'complete', done: true }]);
  });

  it('adds "Sandbox passed" only for the lesson\'s own sandbox once all its checks pass', () => {
    const s = store();
    s.recordSandboxRun('idempotency-keys', 3, 1);
    expect(lessonBadges(s.get(), 'idempotency', 'idempotency-keys')).toEqual([]);
    s.recordSandboxRun('idempotency-keys', 4, 0, true);
    expect(lessonBadges(s.get(), 'idempotency', 'idempotency-keys').map((b) => b.value)).toEqual(['passed']);
    expect(lessonBadges(s.get(), 'idempotency')).toEqual([]);
    expect(lessonBadges(s.get(), 'idempotency', 'other-sandbox')).toEqual([]);
  });
});
