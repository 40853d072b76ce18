import { migrate } from './migrations';
import { describeProblems, problemsFromIssues } from './issues';
import { emptyProgress, progressSchema, type Progress } from './schema';

/** The parts of the Web Storage API this module uses; window.localStorage satisfies it. */
export interface ProgressStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

export const PROGRESS_KEY = 'blast-radius:progress';
export const BACKUP_KEY_PREFIX = 'blast-radius:progress:backup:';

export type ProgressNoticeKind = 'corrupt' | 'newer-version' | 'migrated' | 'storage-unavailable';

/** Something the learner must be told after loading. */
export interface ProgressNotice {
  kind: ProgressNoticeKind;
  /** Plain words for the learner: what happened and what to do. */
  message: string;
  /** The technical reason (parse error, fields that failed validation), for a "details" disclosure. */
  details?: string;
  /** Where the original bytes were copied, when a copy was made. */
  backupKey?: string;
}

export interface LoadResult {
  progress: Progress;
  notice?: ProgressNotice;
  /**
   * False when storage could not be read at all. Writing then would overwrite data nobody has seen, so
   * callers keep progress in memory only.
   */
  readable: boolean;
  /**
   * The stored bytes, when they are not valid current data and no backup holds them (making the backup
   * failed). They must be backed up (`backupRaw`) before anything is written over them.
   */
  unbackedRaw?: string;
}

export type StorageWriteResult = { ok: true } | { ok: false; error: string };

/** Turns the browser's storage exceptions into words a learner can act on. */
export function describeStorageError(error: unknown): string {
  // Browsers throw DOMExceptions; only the name says which failure it was.
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') {
    return "the browser's storage for this site is full; free some space or export your progress to keep it";
  }
  if (name === 'SecurityError') {
    return 'the browser does not let this site use its storage (private browsing, or site data is blocked)';
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `the browser's storage failed (${detail})`;
}

/** The backups currently in storage, newest first. Unreadable storage yields an empty list. */
export function listBackups(storage: ProgressStorage): { key: string; savedAt: string }[] {
  const backups: { key: string; savedAt: string }[] = [];
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(BACKUP_KEY_PREFIX)) {
        backups.push({ key, savedAt: key.slice(BACKUP_KEY_PREFIX.length).split('#')[0]! });
      }
    }
  } catch {
    return [];
  }
  return backups.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
}

/** The exact bytes kept in a backup, or null when there is no such backup. */
export function readBackup(storage: ProgressStorage, key: string): string | null {
  if (!key.startsWith(BACKUP_KEY_PREFIX)) return null;
  return storage.getItem(key);
}

export function removeBackup(storage: ProgressStorage, key: string): void {
  if (key.startsWith(BACKUP_KEY_PREFIX)) storage.removeItem(key);
}

/**
 * Copies `raw` to a new backup key, byte for byte. When a backup with identical bytes already exists
 * its key is returned instead, so loading the same bad data twice does not pile up copies.
 */
export function backupRaw(
  storage: ProgressStorage,
  raw: string,
  now: Date,
): { ok: true; key: string } | { ok: false; error: string } {
  try {
    for (const { key } of listBackups(storage)) {
      if (storage.getItem(key) === raw) return { ok: true, key };
    }
    const base = BACKUP_KEY_PREFIX + now.toISOString();
    let key = base;
    for (let n = 2; storage.getItem(key) !== null; n++) key = `${base}#${n}`;
    storage.setItem(key, raw);
    return { ok: true, key };
  } catch (error) {
    return { ok: false, error: describeStorageError(error) };
  }
}

/** The stored form: compact JSON in the schema's key order. */
export function serializeProgress(progress: Progress): string {
  const parsed = progressSchema.safeParse(progress);
  if (!parsed.success) {
    // Only code can get here (stored and imported data is validated on the way in).
    throw new TypeError(`refusing to write invalid progress:\n${describeProblems(problemsFromIssues(parsed.error.issues))}`);
  }
  return JSON.stringify(parsed.data);
}

/** Writes progress to the main key. Throws only for invalid progress (a bug); storage failures are returned. */
export function saveProgress(storage: ProgressStorage, progress: Progress): StorageWriteResult {
  const text = serializeProgress(progress);
  try {
    storage.setItem(PROGRESS_KEY, text);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: describeStorageError(error) };
  }
}

export type ParseStoredResult =
  | { ok: true; progress: Progress; migrated: boolean; fromVersion: number }
  | { ok: false; kind: 'corrupt' | 'newer-version'; detail: string; version?: number };

/** Reads the bytes of the main key: JSON, then any known version, brought up to the current one. */
export function parseStored(raw: string, now: Date): ParseStoredResult {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { ok: false, kind: 'corrupt', detail: `not valid JSON: ${(error as Error).message}` };
  }
  const result = migrate(json, { now });
  if (result.ok) return result;
  if (result.reason === 'newer-version') {
    return { ok: false, kind: 'newer-version', detail: result.message, version: result.version };
  }
  return { ok: false, kind: 'corrupt', detail: result.message };
}

const EXPORT_HINT = 'Use "Export progress" to keep a copy of what you do.';

/**
 * Loads the learner's progress. Never throws and never destroys data: whatever cannot be used is
 * copied to a backup key before anything is written over it, and the learner gets a notice saying what
 * happened. A storage that throws (private mode, blocked site data) yields empty in-memory progress.
 */
export function loadProgress(storage: ProgressStorage, now: Date): LoadResult {
  let raw: string | null;
  try {
    raw = storage.getItem(PROGRESS_KEY);
  } catch (error) {
    return {
      progress: emptyProgress(now),
      readable: false,
      notice: {
        kind: 'storage-unavailable',
        message:
          `Your progress cannot be loaded or saved in this browser: ${describeStorageError(error)}. ` +
          `You can keep going, but progress will be lost when you close the tab. ${EXPORT_HINT}`,
      },
    };
  }
  if (raw === null) return { progress: emptyProgress(now), readable: true };

  const parsed = parseStored(raw, now);
  if (parsed.ok && !parsed.migrated) return { progress: parsed.progress, readable: true };

  const backup = backupRaw(storage, raw, now);
  if (parsed.ok) {
    const from = `Your progress was saved by an earlier version of the course (format ${parsed.fromVersion}) and has been upgraded.`;
    if (!backup.ok) {
      // The upgraded copy lives in memory; the old bytes stay put until a backup of them succeeds.
      return {
        progress: parsed.progress,
        readable: true,
        unbackedRaw: raw,
        notice: {
          kind: 'migrated',
          message: `${from} A copy of the old data could not be made (${backup.error}), so it is left as it was for now.`,
        },
      };
    }
    saveProgress(storage, parsed.progress); // if this fails, the next load simply upgrades again
    return {
      progress: parsed.progress,
      readable: true,
      notice: { kind: 'migrated', message: `${from} A copy of the old data was kept.`, backupKey: backup.key },
    };
  }

  const what =
    parsed.kind === 'newer-version'
      ? `Your saved progress comes from a newer version of Blast Radius than this page (format ${parsed.version}), ` +
        'so this page cannot read it.'
      : 'Your saved progress could not be read (it is damaged or not in a format this course knows).';
  if (!backup.ok) {
    return {
      progress: emptyProgress(now),
      readable: true,
      unbackedRaw: raw,
      notice: {
        kind: parsed.kind,
        details: parsed.detail,
        message:
          `${what} A backup copy could not be made (${backup.error}), so the saved data is left untouched and ` +
          `nothing will be saved over it until a copy succeeds. You are starting with empty progress. ${EXPORT_HINT}`,
      },
    };
  }
  if (parsed.kind === 'corrupt') {
    // No version of the course can read it, so start clean now; that also stops the notice from repeating.
    saveProgress(storage, emptyProgress(now));
    return {
      progress: emptyProgress(now),
      readable: true,
      notice: {
        kind: 'corrupt',
        details: parsed.detail,
        message: `${what} The original was kept as a backup, unchanged, and you are starting with empty progress.`,
        backupKey: backup.key,
      },
    };
  }
  // Newer data stays in place until the learner saves something here: reopening the newer version of the
  // course before then finds it exactly as it was. The backup makes the later overwrite safe.
  return {
    progress: emptyProgress(now),
    readable: true,
    notice: {
      kind: 'newer-version',
      details: parsed.detail,
      message:
        `${what} It was kept as a backup, unchanged, and you are starting with empty progress here. ` +
        'Reload the page to get the latest version of the course, which can read it.',
      backupKey: backup.key,
    },
  };
}

/** window.localStorage when the browser lets this page use it, otherwise null (server rendering, blocked storage). */
export function getBrowserStorage(): ProgressStorage | null {
  try {
    const storage = (globalThis as { localStorage?: ProgressStorage }).localStorage;
    return storage ?? null;
  } catch {
    // Reading the property itself throws a SecurityError when site data is blocked.
    return null;
  }
}
