import * as z from 'zod/mini';
import { describeProblems, problemsFromIssues, type Problem } from './issues';
import {
  calendarDateSchema,
  CHECKPOINT_LEVELS,
  checkpointStateSchema,
  drillStateSchema,
  idSchema,
  lessonStateSchema,
  emptyInterview,
  PROGRESS_VERSION,
  progressSchema,
  sandboxStateSchema,
  settingsSchema,
  timestampSchema,
  type Progress,
} from './schema';

/**
 * Version 1, the format before sandboxes existed. It was written by an earlier build, so it is read
 * leniently: missing lists count as empty and unknown keys are ignored (the loader keeps a backup of
 * the original bytes before it writes the migrated copy, so nothing ignored here is lost).
 */
export const progressV1Schema = z.object({
  version: z.literal(1),
  completed: z._default(z.array(idSchema), []),
  quizAnswers: z._default(z.record(idSchema, z.array(z.number().check(z.int(), z.minimum(0)))), {}),
  startDate: z.optional(calendarDateSchema),
  theme: z.optional(z.enum(['light', 'dark'])),
});
export type ProgressV1 = z.output<typeof progressV1Schema>;

/** Version 2, frozen: lessons, sandboxes, plan and settings, before drills and checkpoints. */
export const progressV2Schema = z.strictObject({
  version: z.literal(2),
  lessons: z.record(idSchema, lessonStateSchema),
  sandboxes: z.record(idSchema, sandboxStateSchema),
  plan: z.strictObject({ startDate: z.nullable(calendarDateSchema) }),
  settings: settingsSchema,
  lastVisited: z.optional(z.strictObject({ lessonId: idSchema, at: timestampSchema })),
  updatedAt: timestampSchema,
});
export type ProgressV2 = z.output<typeof progressV2Schema>;

/** Version 3, frozen: version 2 plus drill results and level checkpoints, before interview practice. */
export const progressV3Schema = z.strictObject({
  version: z.literal(3),
  lessons: z.record(idSchema, lessonStateSchema),
  sandboxes: z.record(idSchema, sandboxStateSchema),
  drills: z.record(idSchema, drillStateSchema),
  checkpoints: z.partialRecord(z.enum(CHECKPOINT_LEVELS), checkpointStateSchema),
  plan: z.strictObject({ startDate: z.nullable(calendarDateSchema) }),
  settings: settingsSchema,
  lastVisited: z.optional(z.strictObject({ lessonId: idSchema, at: timestampSchema })),
  updatedAt: timestampSchema,
});
export type ProgressV3 = z.output<typeof progressV3Schema>;

/**
 * The schema of every version this code can read, by version number. When version 5 arrives, copy
 * today's progressSchema here as the frozen version-4 schema before changing progressSchema.
 */
export const versionSchemas: Readonly<Record<number, z.ZodMiniType>> = {
  1: progressV1Schema,
  2: progressV2Schema,
  3: progressV3Schema,
  [PROGRESS_VERSION]: progressSchema,
};

export interface MigrationContext {
  /** The time of the migration: it stands in for timestamps the old format never recorded. */
  now: Date;
}

function v1ToV2(v1: ProgressV1, { now }: MigrationContext): ProgressV2 {
  const at = now.toISOString();
  const lessons: Progress['lessons'] = {};
  for (const id of v1.completed) lessons[id] = { completedAt: at };
  for (const [id, answers] of Object.entries(v1.quizAnswers)) {
    // v1 kept only the chosen answers: when they were submitted and how many were right is unknown.
    lessons[id] = { ...lessons[id], quiz: { answers: [...answers] } };
  }
  return {
    version: 2,
    lessons,
    sandboxes: {},
    plan: { startDate: v1.startDate ?? null },
    settings: { theme: v1.theme ?? 'system', runtime: 'auto' },
    updatedAt: at,
  };
}

/**
 * `migrations[n]` turns a valid version-n document into a version n+1 document. Adding version 5 means
 * adding its schema to `versionSchemas` and one entry here.
 */
export type Migration = (input: unknown, ctx: MigrationContext) => unknown;

// Each step's input has already passed versionSchemas[n], which is what makes the casts below sound.
export const migrations: Readonly<Record<number, Migration>> = {
  1: (input, ctx) => v1ToV2(input as ProgressV1, ctx),
  // Version 3 adds drill results and level checkpoints; nothing earlier had any.
  2: (input): ProgressV3 => ({ ...(input as ProgressV2), version: 3, drills: {}, checkpoints: {} }),
  // Version 4 adds interview practice (answers and their reviews, mocks, design exercises), empty until practised.
  3: (input): Progress => ({ ...(input as ProgressV3), version: 4, interview: emptyInterview() }),
};

export type MigrateResult = MigrateSuccess | MigrateFailure;

export interface MigrateSuccess {
  ok: true;
  progress: Progress;
  /** The version the input was written in. */
  fromVersion: number;
  /** True when the input was an earlier version and had to be converted. */
  migrated: boolean;
}

export interface MigrateFailure {
  ok: false;
  reason: 'not-an-object' | 'unknown-version' | 'newer-version' | 'invalid';
  /** Says what is wrong, one line per problem, each naming the field. */
  message: string;
  /** The same, structured, so a caller can locate the fields inside a larger document. */
  problems: Problem[];
  /** The version the data claims, when it has a usable one. */
  version?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates data of any known version and brings it up to the current one. Data from a newer version
 * is refused rather than guessed at: this code cannot know what the newer fields mean.
 */
export function migrate(input: unknown, ctx: MigrationContext): MigrateResult {
  const fail = (reason: MigrateFailure['reason'], problems: Problem[], version?: number): MigrateFailure => {
    const failure: MigrateFailure = { ok: false, reason, problems, message: describeProblems(problems) };
    if (version !== undefined) failure.version = version;
    return failure;
  };
  if (!isRecord(input)) {
    return fail('not-an-object', [{ path: [], message: 'expected a JSON object with a "version" field' }]);
  }
  const version = input['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    const got = version === undefined ? 'no version field' : JSON.stringify(version);
    return fail('unknown-version', [
      { path: ['version'], message: `expected a format version from 1 to ${PROGRESS_VERSION}, got ${got}` },
    ]);
  }
  if (version > PROGRESS_VERSION) {
    return fail(
      'newer-version',
      [
        {
          path: ['version'],
          message: `format version ${version} comes from a newer version of the course; this one reads up to version ${PROGRESS_VERSION}`,
        },
      ],
      version,
    );
  }
  let current: unknown = input;
  for (let v = version; ; v++) {
    const schema = versionSchemas[v];
    if (!schema) {
      // Only reachable if a version number is skipped in versionSchemas: a bug in this file, not in the data.
      throw new Error(`progress: no schema registered for version ${v}`);
    }
    const parsed = schema.safeParse(current);
    if (!parsed.success) {
      // A failure after the first step is a migration bug; still reported, never half-applied.
      const problems = problemsFromIssues(parsed.error.issues).map((p) =>
        v === version ? p : { ...p, message: `${p.message} (after migrating to version ${v})` },
      );
      return fail('invalid', problems, version);
    }
    if (v === PROGRESS_VERSION) {
      return { ok: true, progress: parsed.data as Progress, fromVersion: version, migrated: version !== PROGRESS_VERSION };
    }
    const step = migrations[v];
    if (!step) throw new Error(`progress: no migration registered from version ${v} to ${v + 1}`);
    current = step(parsed.data, ctx);
  }
}
