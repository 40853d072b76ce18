// zod/mini, not zod: the same validation and messages at a fraction of the size, because every page
// loads this with the progress store (the full zod is ~20 KB gzip more of JavaScript before interaction).
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { KEBAB_ID } from '../schemas/ids';

// zod/mini comes without messages; these are the English ones the full zod uses.
z.config(en());

/** The format version this code writes. Bump it together with a new entry in `migrations`. */
export const PROGRESS_VERSION = 4;

const KEBAB = KEBAB_ID;

/** Lesson and sandbox ids: the folder names under lessons/ and sandboxes/. */
export const idSchema = z
  .string()
  .check(z.maxLength(100, 'ids are at most 100 characters'), z.regex(KEBAB, 'use a lowercase kebab-case id such as "retries-and-backoff"'));

/** A calendar day with no time zone attached, e.g. a plan start date. zod rejects impossible days (2025-02-30). */
export const calendarDateSchema = z.iso.date({ error: 'use a real calendar date written YYYY-MM-DD' });

/** An instant. We always write UTC ("...Z"), but accept an explicit offset from hand-edited files. */
export const timestampSchema = z.iso.datetime({
  offset: true,
  error: 'use an ISO 8601 date and time such as "2025-01-31T09:30:00.000Z"',
});

const count = z.number().check(z.int('use a whole number'), z.minimum(0, 'use zero or more'));

export const quizStateSchema = z
  .strictObject({
    /** One entry per question: the index of the chosen answer, or null when left unanswered. */
    answers: z.array(z.nullable(count)).check(z.maxLength(200)),
    submittedAt: z.optional(timestampSchema),
    correct: z.optional(count),
    total: z.optional(count),
  })
  .check(
    z.refine((q) => q.correct === undefined || q.total === undefined || q.correct <= q.total, {
      message: 'correct cannot be more than total',
      path: ['correct'],
    }),
  );

export const lessonStateSchema = z.strictObject({
  completedAt: z.optional(timestampSchema),
  quiz: z.optional(quizStateSchema),
});

export const sandboxRunSchema = z.strictObject({
  at: timestampSchema,
  passed: count,
  failed: count,
});

export const sandboxStateSchema = z.strictObject({
  /** When a run first had every check passing; later failing runs do not take it away. */
  passedAt: z.optional(timestampSchema),
  lastRun: z.optional(sandboxRunSchema),
});

/** One finished drill run, as the debrief judged it. */
export const drillResultSchema = z.strictObject({
  at: timestampSchema,
  passed: z.boolean(),
  /** Share of the 30-day error budget the run burned, in percent. */
  budgetBurnedPercent: z.number().check(z.minimum(0, 'use zero or more'), z.maximum(100_000)),
  /** Seconds from the incident's start until users stopped being hurt; null when they never stopped. */
  mitigatedSeconds: z.nullable(z.number().check(z.minimum(0))),
  seed: z.number().check(z.int(), z.minimum(0), z.maximum(2 ** 32 - 1)),
  /** The debrief's grade against par ("A".."F"), when it gave one. */
  grade: z.optional(z.string().check(z.maxLength(8))),
  /** The learner's postmortem of this run, as Markdown (the debrief's draft, as edited). */
  postmortem: z.optional(z.string().check(z.maxLength(100_000, 'keep the postmortem under 100,000 characters'))),
});

export const drillStateSchema = z.strictObject({
  /** The best finished run: passed beats failed, then less budget burned, then faster mitigation. */
  best: z.optional(drillResultSchema),
  last: z.optional(drillResultSchema),
  attempts: count,
});

export const CHECKPOINT_LEVELS = ['junior', 'mid', 'senior', 'staff'] as const;

export const checkpointStateSchema = z.strictObject({ passedAt: timestampSchema, drill: idSchema });

/** Interview practice: how a question was answered (a timed mock, a review of a due question, or untimed practice). */
export const INTERVIEW_MODES = ['mock', 'review', 'practice'] as const;

/** When a question is due again (SM-2 style, by calendar day; see src/interview/scheduler.ts). */
export const reviewStateSchema = z.strictObject({
  ease: z.number().check(z.minimum(1.3), z.maximum(5)),
  intervalDays: z.number().check(z.int(), z.minimum(0), z.maximum(3650)),
  repetitions: count,
  due: calendarDateSchema,
});

/** One self-scored answer: rubric points covered out of the total, and red flags admitted. */
export const interviewAnswerSchema = z
  .strictObject({
    at: timestampSchema,
    mode: z.enum(INTERVIEW_MODES),
    covered: count,
    total: count.check(z.minimum(1, 'a rubric has at least one point')),
    redFlags: count,
    /** Seconds spent answering, when timed. */
    seconds: z.optional(count),
  })
  .check(z.refine((a) => a.covered <= a.total, { message: 'covered cannot be more than total', path: ['covered'] }));

export const interviewQuestionStateSchema = z.strictObject({
  attempts: count,
  last: interviewAnswerSchema,
  review: reviewStateSchema,
});

/** At most this many mock results are kept (the oldest go first). */
export const MAX_MOCK_RESULTS = 50;

export const mockResultSchema = z.strictObject({
  at: timestampSchema,
  questions: z.array(idSchema).check(z.minLength(1), z.maxLength(10)),
  /** Share of all the mock's rubric points earned, in percent. */
  scorePercent: z.number().check(z.minimum(0), z.maximum(100)),
});

/** A design exercise: each numeric step's last answer and whether the lab said it met the target. */
export const exerciseStateSchema = z.strictObject({
  steps: z.record(idSchema, z.strictObject({ answer: z.number(), ok: z.boolean(), at: timestampSchema })),
  completedAt: z.optional(timestampSchema),
});

export const interviewStateSchema = z.strictObject({
  questions: z.record(idSchema, interviewQuestionStateSchema),
  mocks: z.array(mockResultSchema).check(z.maxLength(MAX_MOCK_RESULTS)),
  exercises: z.record(idSchema, exerciseStateSchema),
});

export const THEMES = ['system', 'light', 'dark'] as const;
export const RUNTIMES = ['auto', 'local', 'webcontainer'] as const;

export const settingsSchema = z.strictObject({
  theme: z.enum(THEMES),
  runtime: z.enum(RUNTIMES),
});

/**
 * The learner's progress, as stored and as exported. No defaults and no transforms, so a valid document
 * parses to a deep-equal copy of itself (export/import round trips exactly). Ids of lessons that no
 * longer exist are kept on purpose: a renamed lesson can be mapped later without losing anything.
 */
export const progressSchema = z.strictObject({
  version: z.literal(PROGRESS_VERSION),
  lessons: z.record(idSchema, lessonStateSchema),
  sandboxes: z.record(idSchema, sandboxStateSchema),
  drills: z.record(idSchema, drillStateSchema),
  checkpoints: z.partialRecord(z.enum(CHECKPOINT_LEVELS), checkpointStateSchema),
  interview: interviewStateSchema,
  plan: z.strictObject({ startDate: z.nullable(calendarDateSchema) }),
  settings: settingsSchema,
  /** The lesson opened most recently, for "continue where you left off". Absent until one is opened. */
  lastVisited: z.optional(z.strictObject({ lessonId: idSchema, at: timestampSchema })),
  updatedAt: timestampSchema,
});

export type Progress = z.output<typeof progressSchema>;
export type LessonState = z.output<typeof lessonStateSchema>;
export type QuizState = z.output<typeof quizStateSchema>;
export type SandboxState = z.output<typeof sandboxStateSchema>;
export type SandboxRun = z.output<typeof sandboxRunSchema>;
export type Settings = z.output<typeof settingsSchema>;
export type DrillResult = z.output<typeof drillResultSchema>;
export type DrillState = z.output<typeof drillStateSchema>;
export type CheckpointLevel = (typeof CHECKPOINT_LEVELS)[number];
export type InterviewMode = (typeof INTERVIEW_MODES)[number];
export type InterviewState = z.output<typeof interviewStateSchema>;
export type InterviewAnswer = z.output<typeof interviewAnswerSchema>;
export type InterviewQuestionState = z.output<typeof interviewQuestionStateSchema>;
export type MockResult = z.output<typeof mockResultSchema>;
export type ExerciseState = z.output<typeof exerciseStateSchema>;
export type ReviewStateRecord = z.output<typeof reviewStateSchema>;
export type Theme = (typeof THEMES)[number];
export type Runtime = (typeof RUNTIMES)[number];

export const DEFAULT_SETTINGS: Settings = { theme: 'system', runtime: 'auto' };

/** No interview practice yet. */
export function emptyInterview(): InterviewState {
  return { questions: {}, mocks: [], exercises: {} };
}

/** A learner who has done nothing yet. */
export function emptyProgress(now: Date): Progress {
  return {
    version: PROGRESS_VERSION,
    lessons: {},
    sandboxes: {},
    drills: {},
    checkpoints: {},
    interview: emptyInterview(),
    plan: { startDate: null },
    settings: { ...DEFAULT_SETTINGS },
    updatedAt: now.toISOString(),
  };
}
