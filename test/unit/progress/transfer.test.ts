import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createProgressStore,
  emptyProgress,
  exportFileName,
  exportProgress,
  importProgress,
  MAX_IMPORT_BYTES,
  MemoryStorage,
  progressSchema,
  PROGRESS_KEY,
  type ImportResult,
  type Progress,
} from '../../../src/progress';
import { progressArb } from './arbitraries';
import { fixture, NOW, snapshot } from './helpers';

function refused(result: ImportResult) {
  if (result.ok) throw new Error('expected the import to be refused');
  return result;
}

const v4Data = () => (JSON.parse(fixture('v4-export.json')) as { data: Progress }).data;

describe('exportProgress', () => {
  it('wraps progress in the envelope, as pretty JSON ending in a newline', () => {
    const progress = v4Data();
    const text = exportProgress(progress, NOW);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "app": "blast-radius",\n');
    expect(JSON.parse(text)).toStrictEqual({ app: 'blast-radius', kind: 'progress', exportedAt: NOW.toISOString(), data: progress });
  });

  it('refuses to export invalid progress', () => {
    expect(() => exportProgress({ ...emptyProgress(NOW), updatedAt: 'now' }, NOW)).toThrow(/updatedAt/);
  });

  it('names the file after the local calendar day', () => {
    expect(exportFileName(new Date(2025, 0, 31, 23, 59))).toBe('blast-radius-progress-2025-01-31.json');
  });
});

describe('round trip', () => {
  it('any valid progress survives export then import unchanged', () => {
    fc.assert(
      fc.property(progressArb, (progress) => {
        expect(progressSchema.safeParse(progress).success).toBe(true);
        const text = exportProgress(progress, NOW);
        const result = importProgress(text, NOW);
        expect(result).toStrictEqual({ ok: true, progress, fromVersion: 4, migrated: false });
        // and exporting the imported copy gives the very same file
        if (result.ok) expect(exportProgress(result.progress, NOW)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('the v4 fixture imports as written', () => {
    expect(importProgress(fixture('v4-export.json'), NOW)).toStrictEqual({
      ok: true,
      progress: v4Data(),
      fromVersion: 4,
      migrated: false,
    });
  });

  it('a v3 export (before interview practice) is accepted and upgraded, keeping drills and checkpoints', () => {
    const result = importProgress(fixture('v3-export.json'), NOW);
    if (!result.ok) throw new Error(result.error);
    expect(result.fromVersion).toBe(3);
    expect(result.migrated).toBe(true);
    expect(result.progress.version).toBe(4);
    expect(result.progress.drills['bad-deploy']?.attempts).toBe(2);
    expect(result.progress.checkpoints.junior?.drill).toBe('crash-loop');
    expect(result.progress.interview).toStrictEqual({ questions: {}, mocks: [], exercises: {} });
  });

  it('a v1 export is accepted and upgraded', () => {
    const result = importProgress(fixture('v1-export.json'), NOW);
    expect(result.ok && result.migrated && result.fromVersion).toBe(1);
    if (!result.ok) return;
    expect(result.progress.lessons['what-production-means']).toEqual({ completedAt: NOW.toISOString() });
    expect(result.progress.settings).toEqual({ theme: 'dark', runtime: 'auto' });
  });

  it('tolerates a byte-order mark added by an editor', () => {
    expect(importProgress(`\uFEFF${fixture('v4-export.json')}`, NOW).ok).toBe(true);
  });
});

describe('importProgress refuses bad files with a message saying what is wrong', () => {
  it('not JSON', () => {
    const result = refused(importProgress(fixture('corrupt.json'), NOW));
    expect(result.reason).toBe('not-json');
    expect(result.error).toMatch(/^This file is not valid JSON \(.+\)\. Choose a file made with "Export progress"/);
  });

  it('not our envelope, naming the fields', () => {
    const result = refused(importProgress(fixture('wrong-envelope.json'), NOW));
    expect(result.reason).toBe('not-progress-file');
    expect(result.error).toMatch(/^This is not a Blast Radius progress export:/);
    expect(result.error).toMatch(/^app: expected "blast-radius"$/m);
    expect(result.error).toMatch(/^kind: expected "progress"$/m);
  });

  it.each([
    ['bare progress without the envelope', () => JSON.stringify(v4Data()), /app: expected "blast-radius"/],
    ['an array', () => '[1,2,3]', /\(top level\): /],
    ['an envelope with no data', () => JSON.stringify({ app: 'blast-radius', kind: 'progress', exportedAt: NOW.toISOString() }), /^data: missing/m],
  ])('%s', (_name, text, message) => {
    const result = refused(importProgress(text(), NOW));
    expect(result.reason).toBe('not-progress-file');
    expect(result.error).toMatch(message);
  });

  it('a newer version', () => {
    const result = refused(importProgress(fixture('newer-version.json'), NOW));
    expect(result.reason).toBe('newer-version');
    expect(result.error).toMatch(/newer version of Blast Radius \(progress format 5; this page reads up to format 4\)/);
    expect(result.error).toMatch(/Reload the page/);
  });

  it('invalid fields, each named by its path in the file', () => {
    const result = refused(importProgress(fixture('invalid-fields.json'), NOW));
    expect(result.reason).toBe('invalid');
    expect(result.error).toMatch(/^This file's progress is not valid, so nothing was imported:/);
    expect(result.error).toMatch(/^data\.lessons\["Retries And Backoff"\]: this key is not allowed: .*kebab-case/m);
    expect(result.error).toMatch(/^data\.lessons\.what-production-means\.completedAt: use an ISO 8601/m);
    expect(result.error).toMatch(/^data\.plan\.startDate: use a real calendar date written YYYY-MM-DD$/m);
  });

  it('a missing or impossible version', () => {
    const envelope = (data: unknown) => JSON.stringify({ app: 'blast-radius', kind: 'progress', exportedAt: NOW.toISOString(), data });
    expect(refused(importProgress(envelope({ lessons: {} }), NOW)).error).toMatch(/^data\.version: expected a format version/m);
    expect(refused(importProgress(envelope('x'), NOW)).error).toMatch(/^data: expected a JSON object/m);
  });

  it('files over 1 MB, before parsing them', () => {
    // Valid JSON, so only the size can be the reason.
    const padding = ' '.repeat(MAX_IMPORT_BYTES);
    const result = refused(importProgress(fixture('v4-export.json') + padding, NOW));
    expect(result.reason).toBe('too-large');
    expect(result.error).toMatch(/over the 1 MB limit/);
  });

  it('counts bytes, not characters', () => {
    // 400k three-byte characters: under 1 MB of characters, about 1.2 MB of UTF-8.
    const text = JSON.stringify({ app: 'blast-radius', kind: 'progress', exportedAt: NOW.toISOString(), data: { note: '€'.repeat(400_000) } });
    expect(text.length).toBeLessThan(MAX_IMPORT_BYTES);
    expect(refused(importProgress(text, NOW)).reason).toBe('too-large');
  });
});

describe('a refused import leaves stored progress byte-identical', () => {
  const badFiles = [
    ['corrupt.json', () => fixture('corrupt.json')],
    ['wrong-envelope.json', () => fixture('wrong-envelope.json')],
    ['newer-version.json', () => fixture('newer-version.json')],
    ['invalid-fields.json', () => fixture('invalid-fields.json')],
    ['an oversized file', () => fixture('v4-export.json') + ' '.repeat(MAX_IMPORT_BYTES)],
  ] as const;

  it.each(badFiles)('%s', (_name, text) => {
    const storage = new MemoryStorage();
    const store = createProgressStore(storage, { now: () => NOW, events: null });
    store.replace(v4Data());
    store.markLessonComplete('idempotency-keys');
    const before = snapshot(storage);
    const seen: Progress[] = [];
    store.subscribe((p) => seen.push(p));

    // What the import button does: parse the file, replace only on success.
    const result = importProgress(text(), NOW);
    if (result.ok) store.replace(result.progress);

    expect(result.ok).toBe(false);
    expect(snapshot(storage)).toStrictEqual(before);
    expect(storage.getItem(PROGRESS_KEY)).toBe(before[PROGRESS_KEY]);
    expect(seen).toEqual([]);
  });
});
