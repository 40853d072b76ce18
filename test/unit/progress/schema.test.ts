import { describe, expect, it } from 'vitest';
import {
  describeProblems,
  emptyProgress,
  formatPath,
  progressSchema,
  PROGRESS_VERSION,
  type Progress,
} from '../../../src/progress';
import { problemsFromIssues } from '../../../src/progress/issues';
import { fixture, NOW } from './helpers';

function v2(): Progress {
  return (JSON.parse(fixture('v4-export.json')) as { data: Progress }).data;
}

/** Validates `doc` and returns the problems as "path: message" lines (empty when valid). */
function problems(doc: unknown): string[] {
  const parsed = progressSchema.safeParse(doc);
  return parsed.success ? [] : describeProblems(problemsFromIssues(parsed.error.issues), [], 100).split('\n');
}

describe('progress schema (version 4)', () => {
  it('accepts the v4 fixture and returns an equal copy (no defaults, no transforms)', () => {
    const doc = v2();
    const parsed = progressSchema.parse(doc);
    expect(parsed).toStrictEqual(doc);
    expect(parsed).not.toBe(doc);
  });

  it('accepts empty progress', () => {
    const empty = emptyProgress(NOW);
    expect(problems(empty)).toEqual([]);
    expect(empty).toEqual({
      version: PROGRESS_VERSION,
      lessons: {},
      sandboxes: {},
      drills: {},
      checkpoints: {},
      interview: { questions: {}, mocks: [], exercises: {} },
      plan: { startDate: null },
      settings: { theme: 'system', runtime: 'auto' },
      updatedAt: NOW.toISOString(),
    });
  });

  it('keeps interview answers to questions the bank no longer has', () => {
    expect(progressSchema.parse(v2()).interview.questions['a-question-that-was-removed']).toBeDefined();
  });

  it('rejects an interview answer that covers more rubric points than there are, or an impossible due day', () => {
    const doc = v2();
    doc.interview.questions['idempotency-why'] = {
      ...doc.interview.questions['idempotency-why']!,
      last: { ...doc.interview.questions['idempotency-why']!.last, covered: 6, total: 5 },
      review: { ...doc.interview.questions['idempotency-why']!.review, due: '2025-02-30' },
    };
    expect(problems(doc)).toEqual([
      expect.stringMatching(/^interview\.questions\.idempotency-why\.last\.covered: covered cannot be more than total/),
      expect.stringMatching(/^interview\.questions\.idempotency-why\.review\.due: use a real calendar date/),
    ]);
  });

  it('keeps ids of lessons the course no longer has', () => {
    expect(progressSchema.parse(v2()).lessons['a-lesson-that-was-renamed']).toBeDefined();
  });

  it('rejects a lesson id that is not kebab-case, naming the key', () => {
    const doc = v2();
    doc.lessons['Retries_And_Backoff'] = {};
    expect(problems(doc)).toEqual([expect.stringMatching(/^lessons\.Retries_And_Backoff: this key is not allowed: .*kebab-case/)]);
  });

  it('rejects a sandbox id that is not kebab-case, naming the key', () => {
    const doc = v2();
    doc.sandboxes['-leading-dash'] = {};
    expect(problems(doc)).toEqual([expect.stringMatching(/^sandboxes\["-leading-dash"\]: this key is not allowed: .*kebab-case/)]);
  });

  it.each([
    ['2025-02-29', 'not a leap year'],
    ['2025-13-01', 'month 13'],
    ['2025-04-31', 'April has 30 days'],
    ['2025-1-5', 'missing zero padding'],
    ['31/01/2025', 'not ISO order'],
  ])('rejects plan start date %s (%s)', (startDate) => {
    const doc = v2();
    doc.plan.startDate = startDate;
    expect(problems(doc)).toEqual([expect.stringMatching(/^plan\.startDate: use a real calendar date written YYYY-MM-DD/)]);
  });

  it('accepts 29 February in a leap year', () => {
    const doc = v2();
    doc.plan.startDate = '2024-02-29';
    expect(problems(doc)).toEqual([]);
  });

  it.each(['yesterday', '2025-02-30T10:00:00.000Z', '2025-02-03', '2025-02-03T21:15:00'])(
    'rejects completedAt %j, naming the field',
    (completedAt) => {
      const doc = v2();
      doc.lessons['what-production-means'] = { completedAt };
      expect(problems(doc)).toEqual([expect.stringMatching(/^lessons\.what-production-means\.completedAt: use an ISO 8601/)]);
    },
  );

  it('rejects quiz answers that are not whole numbers, naming the index', () => {
    const doc = v2();
    doc.lessons['retries-and-backoff']!.quiz!.answers = [0, 1.5, -1];
    expect(problems(doc)).toEqual([
      expect.stringMatching(/^lessons\.retries-and-backoff\.quiz\.answers\[1\]: use a whole number/),
      expect.stringMatching(/^lessons\.retries-and-backoff\.quiz\.answers\[2\]: use zero or more/),
    ]);
  });

  it('rejects more correct answers than questions', () => {
    const doc = v2();
    doc.lessons['retries-and-backoff']!.quiz = { answers: [1], correct: 4, total: 3 };
    expect(problems(doc)).toEqual(['lessons.retries-and-backoff.quiz.correct: correct cannot be more than total']);
  });

  it('rejects negative check counts in a sandbox run', () => {
    const doc = v2();
    doc.sandboxes['retry-budget'] = { lastRun: { at: NOW.toISOString(), passed: -1, failed: 0 } };
    expect(problems(doc)).toEqual([expect.stringMatching(/^sandboxes\.retry-budget\.lastRun\.passed: use zero or more/)]);
  });

  it('rejects unknown settings values and unknown keys', () => {
    const doc = v2() as unknown as Record<string, unknown> & Progress;
    (doc.settings as Record<string, unknown>)['theme'] = 'blue';
    (doc.lessons['what-production-means'] as Record<string, unknown>)['compeltedAt'] = NOW.toISOString();
    const lines = problems(doc);
    expect(lines).toHaveLength(2);
    expect(lines).toContainEqual(expect.stringMatching(/^lessons\.what-production-means: Unrecognized key: "compeltedAt"/));
    expect(lines).toContainEqual(expect.stringMatching(/^settings\.theme: .*"system"\|"light"\|"dark"/));
  });

  it('rejects any other version number', () => {
    expect(problems({ ...v2(), version: 1 })).toEqual([expect.stringMatching(/^version: /)]);
  });

  it('rejects a missing section, naming it', () => {
    const { sandboxes: _gone, ...rest } = v2();
    expect(problems(rest)).toEqual([expect.stringMatching(/^sandboxes: /)]);
  });
});

describe('formatPath', () => {
  it('reads like a pointer into the JSON file', () => {
    expect(formatPath([])).toBe('(top level)');
    expect(formatPath(['lessons', 'intro-to-slos', 'quiz', 'answers', 2])).toBe('lessons.intro-to-slos.quiz.answers[2]');
    expect(formatPath(['lessons', 'Has Space', 'completedAt'])).toBe('lessons["Has Space"].completedAt');
    expect(formatPath(['data', 'lessons', '9-lives'])).toBe('data.lessons["9-lives"]');
  });
});

describe('describeProblems', () => {
  it('caps a long list and says how many were left out', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ path: ['lessons', `l-${i}`], message: 'bad' }));
    const text = describeProblems(many, ['data'], 3);
    expect(text.split('\n')).toEqual(['data.lessons.l-0: bad', 'data.lessons.l-1: bad', 'data.lessons.l-2: bad', '...and 5 more']);
  });
});
