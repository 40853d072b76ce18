import { describe, expect, it } from 'vitest';
import {
  backupRaw,
  BACKUP_KEY_PREFIX,
  emptyProgress,
  listBackups,
  loadProgress,
  MemoryStorage,
  PROGRESS_KEY,
  readBackup,
  removeBackup,
  saveProgress,
  type Progress,
  PROGRESS_VERSION,
} from '../../../src/progress';
import { FaultyStorage, fixture, fixtureData, NOW, snapshot } from './helpers';

function storageWith(raw: string): MemoryStorage {
  const storage = new MemoryStorage();
  storage.setItem(PROGRESS_KEY, raw);
  return storage;
}

const LATER = new Date(NOW.getTime() + 60_000);

describe('loadProgress: nothing or good data', () => {
  it('starts empty when nothing is stored, and writes nothing', () => {
    const storage = new MemoryStorage();
    const result = loadProgress(storage, NOW);
    expect(result).toEqual({ progress: emptyProgress(NOW), readable: true });
    expect(storage.length).toBe(0);
  });

  it('loads valid current data as it is, with no notice and no write', () => {
    const raw = fixtureData('v4-export.json');
    const storage = storageWith(raw);
    const result = loadProgress(storage, NOW);
    expect(result.notice).toBeUndefined();
    expect(result.progress).toStrictEqual(JSON.parse(raw));
    expect(snapshot(storage)).toEqual({ [PROGRESS_KEY]: raw });
  });
});

describe('loadProgress: data that cannot be used', () => {
  const cases = [
    ['bad JSON', fixture('corrupt.json'), /not valid JSON/],
    ['schema-invalid data', fixtureData('invalid-fields.json'), /plan\.startDate: use a real calendar date/],
    ['a JSON value that is not an object', '"just a string"', /expected a JSON object/],
  ] as const;

  it.each(cases)('%s: backs up the original bytes, tells the learner, and starts clean', (_name, raw, detail) => {
    const storage = storageWith(raw);
    const result = loadProgress(storage, NOW);

    expect(result.progress).toEqual(emptyProgress(NOW));
    expect(result.notice?.kind).toBe('corrupt');
    expect(result.notice?.message).toMatch(/could not be read/);
    expect(result.notice?.details).toMatch(detail);
    expect(result.notice?.message).toMatch(/kept as a backup/);
    const backupKey = result.notice!.backupKey!;
    expect(backupKey).toBe(`${BACKUP_KEY_PREFIX}${NOW.toISOString()}`);
    expect(storage.getItem(backupKey)).toBe(raw);
    // Starting clean is saved, so the next visit does not repeat the notice.
    expect(JSON.parse(storage.getItem(PROGRESS_KEY)!)).toEqual(emptyProgress(NOW));
    expect(loadProgress(storage, LATER).notice).toBeUndefined();
  });

  it('data from a newer version: backed up, left in place untouched, learner told, clean start in memory', () => {
    const raw = fixtureData('newer-version.json');
    const storage = storageWith(raw);
    const result = loadProgress(storage, NOW);

    expect(result.progress).toEqual(emptyProgress(NOW));
    expect(result.notice?.kind).toBe('newer-version');
    expect(result.notice?.message).toMatch(/comes from a newer version of Blast Radius/);
    expect(result.notice?.message).toMatch(/Reload the page/);
    expect(result.notice?.details).toMatch(/^version: format version 5 comes from a newer version/);
    expect(storage.getItem(result.notice!.backupKey!)).toBe(raw);
    expect(storage.getItem(PROGRESS_KEY)).toBe(raw);
  });

  it('loading the same bad data again reuses the existing backup instead of piling up copies', () => {
    const raw = fixtureData('newer-version.json');
    const storage = storageWith(raw);
    const first = loadProgress(storage, NOW);
    const second = loadProgress(storage, LATER);
    expect(second.notice?.backupKey).toBe(first.notice?.backupKey);
    expect(listBackups(storage)).toHaveLength(1);
  });
});

describe('loadProgress: an earlier version', () => {
  it('upgrades v1, keeps the v1 bytes as a backup, saves v4 and says so', () => {
    const raw = fixtureData('v1-export.json');
    const storage = storageWith(raw);
    const result = loadProgress(storage, NOW);

    expect(result.notice?.kind).toBe('migrated');
    expect(result.notice?.message).toMatch(/earlier version of the course \(format 1\)/);
    expect(storage.getItem(result.notice!.backupKey!)).toBe(raw);
    expect(result.progress.version).toBe(PROGRESS_VERSION);
    expect(result.progress.lessons['retries-and-backoff']?.quiz?.answers).toEqual([2, 0, 1]);
    expect(JSON.parse(storage.getItem(PROGRESS_KEY)!)).toStrictEqual(result.progress);
    // The next load reads v2 directly.
    expect(loadProgress(storage, LATER)).toEqual({ progress: result.progress, readable: true });
  });
});

describe('loadProgress: storage that throws', () => {
  it('reading throws (private mode): no crash, empty progress, readable false, a clear notice', () => {
    const storage = new FaultyStorage();
    storage.setItem(PROGRESS_KEY, fixtureData('v4-export.json'));
    storage.failReads = true;
    const result = loadProgress(storage, NOW);
    expect(result.readable).toBe(false);
    expect(result.progress).toEqual(emptyProgress(NOW));
    expect(result.notice?.kind).toBe('storage-unavailable');
    expect(result.notice?.message).toMatch(/does not let this site use its storage/);
    expect(result.notice?.message).toMatch(/Export progress/);
  });

  it('the backup cannot be written (quota): bad data left untouched and flagged as unbacked', () => {
    const raw = fixture('corrupt.json');
    const storage = new FaultyStorage();
    storage.setItem(PROGRESS_KEY, raw);
    storage.failWrites = true;
    const result = loadProgress(storage, NOW);
    expect(result.notice?.kind).toBe('corrupt');
    expect(result.notice?.backupKey).toBeUndefined();
    expect(result.notice?.message).toMatch(/backup copy could not be made \(the browser's storage for this site is full/);
    expect(result.unbackedRaw).toBe(raw);
    expect(snapshot(storage)).toEqual({ [PROGRESS_KEY]: raw });
  });

  it('a v1 upgrade whose backup fails keeps the v1 bytes in place and flags them', () => {
    const raw = fixtureData('v1-export.json');
    const storage = new FaultyStorage();
    storage.setItem(PROGRESS_KEY, raw);
    storage.failWritesTo = BACKUP_KEY_PREFIX;
    const result = loadProgress(storage, NOW);
    expect(result.notice?.kind).toBe('migrated');
    expect(result.progress.version).toBe(PROGRESS_VERSION);
    expect(result.unbackedRaw).toBe(raw);
    expect(storage.getItem(PROGRESS_KEY)).toBe(raw);
  });
});

describe('saveProgress', () => {
  it('writes compact JSON that loads back equal', () => {
    const storage = new MemoryStorage();
    const progress = JSON.parse(fixtureData('v4-export.json')) as Progress;
    expect(saveProgress(storage, progress)).toEqual({ ok: true });
    expect(storage.getItem(PROGRESS_KEY)).not.toMatch(/\n/);
    expect(loadProgress(storage, NOW).progress).toStrictEqual(progress);
  });

  it('returns a clear error instead of throwing when storage is full', () => {
    const storage = new FaultyStorage();
    storage.failWrites = true;
    const result = saveProgress(storage, emptyProgress(NOW));
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/storage for this site is full/) });
  });

  it('refuses to write invalid progress (a bug), naming the field', () => {
    const bad = { ...emptyProgress(NOW), plan: { startDate: '2025-02-30' } };
    expect(() => saveProgress(new MemoryStorage(), bad)).toThrow(/plan\.startDate/);
  });
});

describe('backups', () => {
  it('never overwrites a different backup taken at the same instant', () => {
    const storage = new MemoryStorage();
    const a = backupRaw(storage, 'first', NOW);
    const b = backupRaw(storage, 'second', NOW);
    expect(a).toEqual({ ok: true, key: `${BACKUP_KEY_PREFIX}${NOW.toISOString()}` });
    expect(b).toEqual({ ok: true, key: `${BACKUP_KEY_PREFIX}${NOW.toISOString()}#2` });
    expect(readBackup(storage, a.ok ? a.key : '')).toBe('first');
    expect(readBackup(storage, b.ok ? b.key : '')).toBe('second');
  });

  it('lists backups newest first and removes only backup keys', () => {
    const storage = storageWith('main');
    backupRaw(storage, 'old', NOW);
    backupRaw(storage, 'new', LATER);
    expect(listBackups(storage)).toEqual([
      { key: `${BACKUP_KEY_PREFIX}${LATER.toISOString()}`, savedAt: LATER.toISOString() },
      { key: `${BACKUP_KEY_PREFIX}${NOW.toISOString()}`, savedAt: NOW.toISOString() },
    ]);
    removeBackup(storage, PROGRESS_KEY);
    expect(storage.getItem(PROGRESS_KEY)).toBe('main');
    expect(readBackup(storage, PROGRESS_KEY)).toBeNull();
    removeBackup(storage, `${BACKUP_KEY_PREFIX}${NOW.toISOString()}`);
    expect(listBackups(storage).map((b) => b.savedAt)).toEqual([LATER.toISOString()]);
  });

  it('reports a failed backup instead of throwing', () => {
    const storage = new FaultyStorage();
    storage.failWrites = true;
    expect(backupRaw(storage, 'x', NOW)).toEqual({ ok: false, error: expect.stringMatching(/full/) });
  });
});
