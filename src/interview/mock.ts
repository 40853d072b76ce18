/**
 * A timed mock interview as a pure state machine (a reducer): five questions, four minutes each, the
 * answer typed as prose or notes; when the learner is done or time is up, they score themselves against
 * the rubric, and only then see the model answer. No UI and no clock of its own: every event carries
 * the time, so tests drive it with plain numbers.
 */
import type { InterviewQuestion } from './questions/schema';
import { isExpired, pauseCountdown, remainingMs, resumeCountdown, startCountdown, type Countdown } from './countdown';
import { scoreShare } from './scheduler';

export const MOCK_QUESTION_COUNT = 5;
export const MOCK_SECONDS_PER_QUESTION = 240;

export interface MockAnswer {
  text: string;
  /** Seconds spent answering (pauses excluded). */
  seconds: number;
  timedOut: boolean;
}

export interface MockScore {
  covered: boolean[];
  redFlags: boolean[];
}

export interface MockState {
  questionIds: string[];
  index: number;
  phase: 'answering' | 'scoring' | 'done';
  draft: string;
  countdown: Countdown;
  answers: MockAnswer[];
  scores: MockScore[];
}

export type MockEvent =
  | { type: 'type'; text: string }
  | { type: 'pause'; now: number }
  | { type: 'resume'; now: number }
  | { type: 'tick'; now: number }
  | { type: 'done-answering'; now: number }
  | { type: 'toggle-covered'; point: number }
  | { type: 'toggle-red-flag'; flag: number }
  | { type: 'next'; now: number };

/** A small seeded generator (mulberry32), so a mock's choice of questions can be reproduced. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PickOptions {
  /** Only questions at these levels; all levels when empty or absent. */
  levels?: readonly string[];
  /** Ids to prefer (questions due for review), taken first. */
  prefer?: readonly string[];
  seed: number;
  count?: number;
}

/** Chooses the mock's questions: preferred ones first, then a seeded shuffle of the rest. */
export function pickQuestions(bank: readonly InterviewQuestion[], { levels, prefer = [], seed, count = MOCK_QUESTION_COUNT }: PickOptions): string[] {
  const pool = bank.filter((q) => !levels || levels.length === 0 || levels.includes(q.level)).map((q) => q.id);
  const inPool = new Set(pool);
  const chosen = prefer.filter((id) => inPool.has(id)).slice(0, count);
  const rest = pool.filter((id) => !chosen.includes(id));
  const random = seededRandom(seed);
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  return [...chosen, ...rest].slice(0, count);
}

function emptyScore(q: InterviewQuestion): MockScore {
  return { covered: q.rubric.covers.map(() => false), redFlags: q.rubric.redFlags.map(() => false) };
}

export function startMock(questions: readonly InterviewQuestion[], now: number, secondsPerQuestion = MOCK_SECONDS_PER_QUESTION): MockState {
  if (questions.length === 0) throw new RangeError('a mock needs at least one question');
  return {
    questionIds: questions.map((q) => q.id),
    index: 0,
    phase: 'answering',
    draft: '',
    countdown: startCountdown(secondsPerQuestion * 1000, now),
    answers: [],
    scores: questions.map(emptyScore),
  };
}

function finishAnswer(state: MockState, now: number, timedOut: boolean): MockState {
  const countdown = pauseCountdown(state.countdown, now);
  const seconds = Math.round((countdown.durationMs - remainingMs(countdown, now)) / 1000);
  return { ...state, phase: 'scoring', countdown, answers: [...state.answers, { text: state.draft, seconds, timedOut }] };
}

function toggle(list: boolean[], i: number): boolean[] {
  return list.map((v, j) => (j === i ? !v : v));
}

export function mockReducer(state: MockState, event: MockEvent): MockState {
  switch (event.type) {
    case 'type':
      return state.phase === 'answering' ? { ...state, draft: event.text } : state;
    case 'pause':
      return state.phase === 'answering' ? { ...state, countdown: pauseCountdown(state.countdown, event.now) } : state;
    case 'resume':
      return state.phase === 'answering' ? { ...state, countdown: resumeCountdown(state.countdown, event.now) } : state;
    case 'tick':
      return state.phase === 'answering' && isExpired(state.countdown, event.now) ? finishAnswer(state, event.now, true) : state;
    case 'done-answering':
      if (state.phase !== 'answering') return state;
      return finishAnswer(state, event.now, isExpired(state.countdown, event.now));
    case 'toggle-covered':
    case 'toggle-red-flag': {
      if (state.phase !== 'scoring') return state;
      const score = state.scores[state.index]!;
      const next =
        event.type === 'toggle-covered'
          ? { ...score, covered: toggle(score.covered, event.point) }
          : { ...score, redFlags: toggle(score.redFlags, event.flag) };
      return { ...state, scores: state.scores.map((s, i) => (i === state.index ? next : s)) };
    }
    case 'next': {
      if (state.phase !== 'scoring') return state;
      const index = state.index + 1;
      if (index >= state.questionIds.length) return { ...state, phase: 'done' };
      return { ...state, index, phase: 'answering', draft: '', countdown: startCountdown(state.countdown.durationMs, event.now) };
    }
  }
}

/** The self-score of one question as counts, the form progress stores. */
export function scoreCounts(score: MockScore): { covered: number; total: number; redFlags: number } {
  return { covered: score.covered.filter(Boolean).length, total: score.covered.length, redFlags: score.redFlags.filter(Boolean).length };
}

/** The mock's overall result: the mean share of each question's rubric earned, in percent (one decimal). */
export function mockScorePercent(scores: readonly MockScore[]): number {
  if (scores.length === 0) return 0;
  const mean = scores.reduce((sum, s) => sum + scoreShare(scoreCounts(s)), 0) / scores.length;
  return Math.round(mean * 1000) / 10;
}
