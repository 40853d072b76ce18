import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  migrate,
  migrations,
  progressSchema,
  PROGRESS_VERSION,
  versionSchemas,
  type MigrateResult,
} from '../../../src/progress';
import { fixture, NOW } from './helpers';

const ctx = { now: NOW };

function v1Data(): Record<string, unknown> {
  return (JSON.parse(fixture('v1-export.json')) as { data: Record<string, unknown> }).data;
}

function expectFailure(result: MigrateResult) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.progress)}`);
  return result;
}

describe('migration chain', () => {
  it('has a schema for every version and a step from every earlier one', () => {
    for (let v = 1; v <= PROGRESS_VERSION; v++) expect(versionSchemas[v], `schema for v${v}`).toBeDefined();
    for (let v = 1; v < PROGRESS_VERSION; v++) expect(migrations[v], `migration v${v} -> v${v + 1}`).toBeTypeOf('function');
    expect(migrations[PROGRESS_VERSION]).toBeUndefined();
  });

  it('leaves current-version data as it is', () => {
    const doc = (JSON.parse(fixture('v4-export.json')) as { data: unknown }).data;
    const result = migrate(doc, ctx);
    expect(result).toEqual({ ok: true, progress: doc, fromVersion: 4, migrated: false });
  });
});

describe('v3 -> v4', () => {
  it('keeps everything of the v3 fixture (drills, checkpoints) and adds empty interview practice', () => {
    const v3 = (JSON.parse(fixture('v3-export.json')) as { data: Record<string, unknown> }).data;
    expect(v3['version']).toBe(3);
    const result = migrate(v3, ctx);
    expect(result).toEqual({ ok: true, fromVersion: 3, migrated: true, progress: { ...v3, version: 4, interview: { questions: {}, mocks: [], exercises: {} } } });
  });

  it('refuses v3 data that already has interview practice: version 3 never had it', () => {
    const v3 = (JSON.parse(fixture('v3-export.json')) as { data: Record<string, unknown> }).data;
    const failure = expectFailure(migrate({ ...v3, interview: { questions: {}, mocks: [], exercises: {} } }, ctx));
    expect(failure.reason).toBe('invalid');
    expect(failure.message).toMatch(/interview/);
  });
});

describe('v2 -> v3 -> v4', () => {
  it('keeps everything of the v2 fixture and adds empty drill results, checkpoints and interview practice', () => {
    const v2 = (JSON.parse(fixture('v2-export.json')) as { data: Record<string, unknown> }).data;
    const result = migrate(v2, ctx);
    expect(result).toEqual({ ok: true, fromVersion: 2, migrated: true, progress: { ...v2, version: 4, drills: {}, checkpoints: {}, interview: { questions: {}, mocks: [], exercises: {} } } });
  });

  it('refuses invalid v2 data, naming the field, instead of guessing', () => {
    const v2 = (JSON.parse(fixture('v2-export.json')) as { data: Record<string, unknown> }).data;
    const failure = expectFailure(migrate({ ...v2, drills: {} }, ctx));
    expect(failure.reason).toBe('invalid');
    expect(failure.message).toMatch(/drills/);
  });
});

describe('v1 -> v2 -> v3 -> v4', () => {
  it('converts the v1 fixture: completed lessons, quiz answers, start date, theme', () => {
    const result = migrate(v1Data(), ctx);
    expect(result.ok && result.migrated).toBe(true);
    if (!result.ok) return;
    const at = NOW.toISOString();
    expect(result.fromVersion).toBe(1);
    expect(result.progress).toStrictEqual({
      version: 4,
      lessons: {
        'what-production-means': { completedAt: at },
        'retries-and-backoff': { completedAt: at, quiz: { answers: [2, 0, 1] } },
        // answered but never completed: the answers are kept, no completion is invented
        'idempotency-keys': { quiz: { answers: [1, 3] } },
      },
      sandboxes: {},
      drills: {},
      checkpoints: {},
      interview: { questions: {}, mocks: [], exercises: {} },
      plan: { startDate: '2024-10-28' },
      settings: { theme: 'dark', runtime: 'auto' },
      updatedAt: at,
    });
  });

  it('fills in defaults for everything v1 did not record', () => {
    const result = migrate({ version: 1 }, ctx);
    expect(result).toEqual({
      ok: true,
      fromVersion: 1,
      migrated: true,
      progress: {
        version: 4,
        lessons: {},
        sandboxes: {},
        drills: {},
        checkpoints: {},
        interview: { questions: {}, mocks: [], exercises: {} },
        plan: { startDate: null },
        settings: { theme: 'system', runtime: 'auto' },
        updatedAt: NOW.toISOString(),
      },
    });
  });

  it('refuses invalid v1 data, naming the field, instead of guessing', () => {
    const failure = expectFailure(migrate({ version: 1, completed: ['ok-id', 'Not OK'], startDate: '2024-02-30' }, ctx));
    expect(failure.reason).toBe('invalid');
    expect(failure.message).toMatch(/^completed\[1\]: .*kebab-case/m);
    expect(failure.message).toMatch(/^startDate: use a real calendar date/m);
    expect(failure.problems.map((p) => p.path)).toEqual([['completed', 1], ['startDate']]);
  });

  it('turns any valid v1 document into a valid v2 one that keeps every id and answer', () => {
    const id = fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}$/);
    const v1 = fc.record(
      {
        version: fc.constant(1 as const),
        completed: fc.array(id, { maxLength: 8 }),
        quizAnswers: fc.dictionary(id, fc.array(fc.nat(5), { maxLength: 6 }), { maxKeys: 6 }),
        startDate: fc
          .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        theme: fc.constantFrom('light' as const, 'dark' as const),
      },
      { requiredKeys: ['version'] },
    );
    fc.assert(
      fc.property(v1, (doc) => {
        const result = migrate(doc, ctx);
        if (!result.ok) return false;
        expect(progressSchema.safeParse(result.progress).success).toBe(true);
        for (const lessonId of doc.completed ?? []) {
          expect(result.progress.lessons[lessonId]?.completedAt).toBe(NOW.toISOString());
        }
        for (const [lessonId, answers] of Object.entries(doc.quizAnswers ?? {})) {
          expect(result.progress.lessons[lessonId]?.quiz?.answers).toEqual(answers);
        }
        const expectedIds = new Set([...(doc.completed ?? []), ...Object.keys(doc.quizAnswers ?? {})]);
        expect(new Set(Object.keys(result.progress.lessons))).toEqual(expectedIds);
        expect(result.progress.plan.startDate).toBe(doc.startDate ?? null);
        expect(result.progress.settings.theme).toBe(doc.theme ?? 'system');
        return true;
      }),
    );
  });
});

describe('refusals', () => {
  it('refuses data from a newer version and says so', () => {
    const newer = (JSON.parse(fixture('newer-version.json')) as { data: unknown }).data;
    const failure = expectFailure(migrate(newer, ctx));
    expect(failure.reason).toBe('newer-version');
    expect(failure.version).toBe(5);
    expect(failure.message).toMatch(/format version 5 comes from a newer version of the course; this one reads up to version 4/);
  });

  it.each([
    [null, 'not-an-object'],
    [[1, 2], 'not-an-object'],
    ['{"version":2}', 'not-an-object'],
    [{}, 'unknown-version'],
    [{ version: 0 }, 'unknown-version'],
    [{ version: '2' }, 'unknown-version'],
    [{ version: 1.5 }, 'unknown-version'],
  ])('refuses %j as %s', (input, reason) => {
    const failure = expectFailure(migrate(input, ctx));
    expect(failure.reason).toBe(reason);
    expect(failure.message.length).toBeGreaterThan(10);
  });

  it('says a missing version is missing', () => {
    expect(expectFailure(migrate({ lessons: {} }, ctx)).message).toBe(
      'version: expected a format version from 1 to 4, got no version field',
    );
  });
});
