/**
 * The learner's edits of a sandbox, saved in the browser as they type so a reload loses nothing.
 * One key per sandbox; text that cannot be read back is copied aside, never silently dropped.
 */
import { z } from 'zod';
import type { FileMap } from './files';

export const DRAFT_PREFIX = 'blast-radius:draft:';
export const DRAFT_BACKUP_PREFIX = 'blast-radius:draft-backup:';

export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const draftSchema = z.object({
  version: z.literal(1),
  savedAt: z.string(),
  files: z.record(z.string(), z.string()),
});

export type Draft = z.infer<typeof draftSchema>;

export type DraftLoad =
  | { kind: 'none' }
  | { kind: 'draft'; draft: Draft }
  /** The saved text could not be read; it was copied to `backupKey`. */
  | { kind: 'unreadable'; backupKey: string | null };

export function loadDraft(storage: DraftStorage, sandboxId: string, editable: (path: string) => boolean): DraftLoad {
  let raw: string | null;
  try {
    raw = storage.getItem(DRAFT_PREFIX + sandboxId);
  } catch {
    return { kind: 'none' };
  }
  if (raw === null) return { kind: 'none' };
  let parsed: Draft | null = null;
  try {
    const result = draftSchema.safeParse(JSON.parse(raw));
    if (result.success) parsed = result.data;
  } catch {
    parsed = null;
  }
  if (!parsed) {
    const backupKey = `${DRAFT_BACKUP_PREFIX}${sandboxId}:${new Date().toISOString()}`;
    try {
      storage.setItem(backupKey, raw);
      storage.removeItem(DRAFT_PREFIX + sandboxId);
      return { kind: 'unreadable', backupKey };
    } catch {
      return { kind: 'unreadable', backupKey: null };
    }
  }
  // Files the sandbox no longer lets the learner edit are ignored, but stay in storage untouched.
  const files = Object.fromEntries(Object.entries(parsed.files).filter(([path]) => editable(path)));
  return Object.keys(files).length === 0 ? { kind: 'none' } : { kind: 'draft', draft: { ...parsed, files } };
}

/** Saves the learner's files; returns an error message when the browser refuses (full, blocked). */
export function saveDraft(storage: DraftStorage, sandboxId: string, files: FileMap, now = new Date()): string | null {
  const draft: Draft = { version: 1, savedAt: now.toISOString(), files };
  try {
    storage.setItem(DRAFT_PREFIX + sandboxId, JSON.stringify(draft));
    return null;
  } catch (error) {
    const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
    return name === 'QuotaExceededError'
      ? "Your edits could not be saved: the browser's storage for this site is full."
      : 'Your edits could not be saved: the browser does not let this site use its storage.';
  }
}

export function clearDraft(storage: DraftStorage, sandboxId: string): void {
  try {
    storage.removeItem(DRAFT_PREFIX + sandboxId);
  } catch {
    // Nothing stored, nothing to clear.
  }
}
