// zod/mini, not zod: the same validation and messages at a fraction of the size, because every page
// loads this with the progress store (the full zod is ~20 KB gzip more of JavaScript before interaction).
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { KEBAB_ID } from '../schemas/ids';

// zod/mini comes without messages; these are the English ones the full zod uses.
z.config(en());

/** The format version this code writes. Bump it together with a new entry in `migrations`. */
export const PROGRESS_VERSION = 3;

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
});

export const drillStateSchema = z.strictObject({
  /** The best finished run: passed beats failed, then less budget burned, then faster mitigation. */
  best: z.optional(drillResultSchema),
  last: z.optional(drillResultSchema),
  attempts: count,
});

export const CHECKPOINT_LEVELS = ['junior', 'mid', 'senior', 'staff'] as const;

export const checkpointStateSchema = z.strictObject({ passedAt: timestampSchema, drill: idSchema });

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
export type Theme = (typeof THEMES)[number];
export type Runtime = (typeof RUNTIMES)[number];

export const DEFAULT_SETTINGS: Settings = { theme: 'system', runtime: 'auto' };

/** A learner who has done nothing yet. */
export function emptyProgress(now: Date): Progress {
  return {
    version: PROGRESS_VERSION,
    lessons: {},
    sandboxes: {},
    drills: {},
    checkpoints: {},
    plan: { startDate: null },
    settings: { ...DEFAULT_SETTINGS },
    updatedAt: now.toISOString(),
  };
}
