import fc from 'fast-check';
import type { DrillResult, DrillState, InterviewState, LessonState, Progress, QuizState, SandboxState } from '../../../src/progress';

export const idArb = fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,4}$/);

const instant = fc.date({
  min: new Date('2000-01-01T00:00:00.000Z'),
  max: new Date('2099-12-31T23:59:59.999Z'),
  noInvalidDate: true,
});

/** Mostly what the code writes (UTC, milliseconds), sometimes what a person might type (an offset). */
export const timestampArb = fc.oneof(
  { weight: 4, arbitrary: instant.map((d) => d.toISOString()) },
  { weight: 1, arbitrary: instant.map((d) => d.toISOString().slice(0, 19) + '+05:30') },
);

export const calendarDateArb = instant.map((d) => d.toISOString().slice(0, 10));

// correct and total are drawn as min/max of two numbers, so correct <= total whenever both are present.
const quizArb: fc.Arbitrary<QuizState> = fc
  .tuple(fc.nat(20), fc.nat(20))
  .chain(([a, b]) =>
    fc.record(
      {
        answers: fc.array(fc.option(fc.nat(6), { nil: null }), { maxLength: 12 }),
        submittedAt: timestampArb,
        correct: fc.constant(Math.min(a, b)),
        total: fc.constant(Math.max(a, b)),
      },
      { requiredKeys: ['answers'], noNullPrototype: true },
    ),
  );

const lessonArb: fc.Arbitrary<LessonState> = fc.record(
  { completedAt: timestampArb, quiz: quizArb },
  { requiredKeys: [], noNullPrototype: true },
);

const sandboxArb: fc.Arbitrary<SandboxState> = fc.record(
  {
    passedAt: timestampArb,
    lastRun: fc.record({ at: timestampArb, passed: fc.nat(50), failed: fc.nat(50) }, { noNullPrototype: true }),
  },
  { requiredKeys: [], noNullPrototype: true },
);

const drillResultArb: fc.Arbitrary<DrillResult> = fc.record(
  {
    at: timestampArb,
    passed: fc.boolean(),
    budgetBurnedPercent: fc.double({ min: 0, max: 500, noNaN: true }),
    mitigatedSeconds: fc.option(fc.nat(7200), { nil: null }),
    seed: fc.nat(),
    grade: fc.constantFrom('A', 'B', 'C', 'D', 'F'),
  },
  { requiredKeys: ['at', 'passed', 'budgetBurnedPercent', 'mitigatedSeconds', 'seed'], noNullPrototype: true },
);

const drillArb: fc.Arbitrary<DrillState> = fc.record({ best: drillResultArb, last: drillResultArb, attempts: fc.nat(100) }, { requiredKeys: ['attempts'], noNullPrototype: true });

// covered <= total by construction: covered is drawn from 0..total.
const interviewAnswerArb = fc.integer({ min: 1, max: 8 }).chain((total) =>
  fc.record(
    {
      at: timestampArb,
      mode: fc.constantFrom('mock' as const, 'review' as const, 'practice' as const),
      covered: fc.integer({ min: 0, max: total }),
      total: fc.constant(total),
      redFlags: fc.nat(4),
      seconds: fc.nat(600),
    },
    { requiredKeys: ['at', 'mode', 'covered', 'total', 'redFlags'], noNullPrototype: true },
  ),
);

const reviewArb = fc.record(
  {
    ease: fc.double({ min: 1.3, max: 5, noNaN: true }),
    intervalDays: fc.nat(365),
    repetitions: fc.nat(30),
    due: calendarDateArb,
  },
  { noNullPrototype: true },
);

const interviewArb: fc.Arbitrary<InterviewState> = fc.record(
  {
    questions: fc.dictionary(idArb, fc.record({ attempts: fc.nat(50), last: interviewAnswerArb, review: reviewArb }, { noNullPrototype: true }), {
      maxKeys: 8,
      noNullPrototype: true,
    }),
    mocks: fc.array(
      fc.record({ at: timestampArb, questions: fc.array(idArb, { minLength: 1, maxLength: 5 }), scorePercent: fc.double({ min: 0, max: 100, noNaN: true }) }, { noNullPrototype: true }),
      { maxLength: 4 },
    ),
    exercises: fc.dictionary(
      idArb,
      fc.record(
        {
          steps: fc.dictionary(idArb, fc.record({ answer: fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x + 0), ok: fc.boolean(), at: timestampArb }, { noNullPrototype: true }), {
            maxKeys: 3,
            noNullPrototype: true,
          }),
          completedAt: timestampArb,
        },
        { requiredKeys: ['steps'], noNullPrototype: true },
      ),
      { maxKeys: 3, noNullPrototype: true },
    ),
  },
  { noNullPrototype: true },
);

/** Any valid progress document of the current version. */
export const progressArb: fc.Arbitrary<Progress> = fc.record(
  {
    version: fc.constant(4 as const),
    lessons: fc.dictionary(idArb, lessonArb, { maxKeys: 12, noNullPrototype: true }),
    sandboxes: fc.dictionary(idArb, sandboxArb, { maxKeys: 6, noNullPrototype: true }),
    drills: fc.dictionary(idArb, drillArb, { maxKeys: 6, noNullPrototype: true }),
    checkpoints: fc.record(
      { junior: fc.record({ passedAt: timestampArb, drill: idArb }, { noNullPrototype: true }), staff: fc.record({ passedAt: timestampArb, drill: idArb }, { noNullPrototype: true }) },
      { requiredKeys: [], noNullPrototype: true },
    ),
    interview: interviewArb,
    plan: fc.record({ startDate: fc.option(calendarDateArb, { nil: null }) }, { noNullPrototype: true }),
    settings: fc.record({
      theme: fc.constantFrom('system' as const, 'light' as const, 'dark' as const),
      runtime: fc.constantFrom('auto' as const, 'local' as const, 'webcontainer' as const),
    }, { noNullPrototype: true }),
    lastVisited: fc.record({ lessonId: idArb, at: timestampArb }, { noNullPrototype: true }),
    updatedAt: timestampArb,
  },
  { requiredKeys: ['version', 'lessons', 'sandboxes', 'drills', 'checkpoints', 'interview', 'plan', 'settings', 'updatedAt'], noNullPrototype: true },
);
