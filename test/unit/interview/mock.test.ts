import { describe, expect, it } from 'vitest';
import { announcement, formatClock, isPaused, remainingMs, spokenClock, startCountdown, pauseCountdown, resumeCountdown } from '../../../src/interview/countdown';
import { mockReducer, mockScorePercent, pickQuestions, scoreCounts, startMock, MOCK_QUESTION_COUNT, type MockState } from '../../../src/interview/mock';
import { getQuestion, QUESTIONS } from '../../../src/interview/questions';

describe('countdown', () => {
  it('counts down, pauses and resumes on the clock it is given', () => {
    let c = startCountdown(240_000, 1_000);
    expect(remainingMs(c, 61_000)).toBe(180_000);
    c = pauseCountdown(c, 61_000);
    expect(isPaused(c)).toBe(true);
    expect(remainingMs(c, 500_000)).toBe(180_000); // paused: time does not pass
    c = resumeCountdown(c, 500_000);
    expect(remainingMs(c, 620_000)).toBe(60_000);
    expect(remainingMs(c, 9_999_999)).toBe(0);
  });

  it('formats and speaks the time left, and announces one minute and zero once', () => {
    expect(formatClock(240_000)).toBe('4:00');
    expect(formatClock(59_001)).toBe('1:00');
    expect(formatClock(0)).toBe('0:00');
    expect(spokenClock(185_000)).toBe('3 minutes 5 seconds left');
    expect(spokenClock(60_000)).toBe('1 minute left');
    expect(announcement(61_000, 60_000)).toBe('1 minute left.');
    expect(announcement(60_000, 59_000)).toBeNull();
    expect(announcement(1_000, 0)).toBe('Time is up.');
    expect(announcement(0, 0)).toBeNull();
    expect(announcement(120_000, 0)).toBe('Time is up.');
  });
});

describe('picking a mock', () => {
  it('takes five questions, due ones first, the rest shuffled reproducibly by seed', () => {
    const a = pickQuestions(QUESTIONS, { seed: 42, prefer: ['cap-theorem', 'not-a-question'] });
    expect(a).toHaveLength(MOCK_QUESTION_COUNT);
    expect(a[0]).toBe('cap-theorem');
    expect(new Set(a).size).toBe(5);
    expect(pickQuestions(QUESTIONS, { seed: 42, prefer: ['cap-theorem'] })).toEqual(a);
    expect(pickQuestions(QUESTIONS, { seed: 43 })).not.toEqual(pickQuestions(QUESTIONS, { seed: 42 }));
  });

  it('keeps to the chosen levels', () => {
    const ids = pickQuestions(QUESTIONS, { seed: 1, levels: ['staff'] });
    expect(ids.every((id) => getQuestion(id)!.level === 'staff')).toBe(true);
  });
});

describe('a timed mock', () => {
  const questions = ['idempotency-why', 'cap-theorem'].map((id) => getQuestion(id)!);

  it('runs answer -> score -> next, and ends after the last question', () => {
    let s: MockState = startMock(questions, 0, 240);
    s = mockReducer(s, { type: 'type', text: 'Repeating it has the same effect.' });
    s = mockReducer(s, { type: 'tick', now: 100_000 });
    expect(s.phase).toBe('answering');
    s = mockReducer(s, { type: 'done-answering', now: 100_000 });
    expect(s.phase).toBe('scoring');
    expect(s.answers[0]).toEqual({ text: 'Repeating it has the same effect.', seconds: 100, timedOut: false });
    s = mockReducer(s, { type: 'type', text: 'ignored while scoring' });
    s = mockReducer(s, { type: 'toggle-covered', point: 0 });
    s = mockReducer(s, { type: 'toggle-covered', point: 1 });
    s = mockReducer(s, { type: 'toggle-covered', point: 1 });
    s = mockReducer(s, { type: 'toggle-red-flag', flag: 0 });
    expect(scoreCounts(s.scores[0]!)).toEqual({ covered: 1, total: 6, redFlags: 1 });
    s = mockReducer(s, { type: 'next', now: 130_000 });
    expect(s).toMatchObject({ phase: 'answering', index: 1, draft: '' });
    // Time runs out on the second question, with a pause in the middle that does not count.
    s = mockReducer(s, { type: 'pause', now: 200_000 });
    s = mockReducer(s, { type: 'tick', now: 1_000_000 });
    expect(s.phase).toBe('answering');
    s = mockReducer(s, { type: 'resume', now: 1_000_000 });
    s = mockReducer(s, { type: 'tick', now: 1_000_000 + 170_000 });
    expect(s.phase).toBe('scoring');
    expect(s.answers[1]).toMatchObject({ seconds: 240, timedOut: true });
    s = mockReducer(s, { type: 'next', now: 1_200_000 });
    expect(s.phase).toBe('done');
  });

  it('scores the mock as the mean share of each rubric, red flags costing a fifth', () => {
    expect(mockScorePercent([{ covered: [true, true, false, false], redFlags: [false] }, { covered: [true, true, true], redFlags: [true] }])).toBe(65);
    expect(mockScorePercent([])).toBe(0);
  });
});
