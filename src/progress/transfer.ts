import * as z from 'zod/mini';
import { localCalendarDate } from './calendar';
import { describeProblems, problemsFromIssues } from './issues';
import { migrate } from './migrations';
import { PROGRESS_VERSION, progressSchema, timestampSchema, type Progress } from './schema';

/** An export is a few kilobytes; anything this big is the wrong file, and parsing it would stall the page. */
export const MAX_IMPORT_BYTES = 1024 * 1024;

export const EXPORT_APP = 'blast-radius';
export const EXPORT_KIND = 'progress';

/** The wrapper around exported progress, so a random JSON file is not mistaken for a learner's data. */
const envelopeSchema = z.looseObject({
  app: z.literal(EXPORT_APP, { error: `expected "${EXPORT_APP}"` }),
  kind: z.literal(EXPORT_KIND, { error: `expected "${EXPORT_KIND}"` }),
  exportedAt: timestampSchema,
});

/** The export file's contents: pretty JSON, keys in schema order, ending with a newline. */
export function exportProgress(progress: Progress, now: Date): string {
  const parsed = progressSchema.safeParse(progress);
  if (!parsed.success) {
    throw new TypeError(`refusing to export invalid progress:\n${describeProblems(problemsFromIssues(parsed.error.issues))}`);
  }
  const envelope = { app: EXPORT_APP, kind: EXPORT_KIND, exportedAt: now.toISOString(), data: parsed.data };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

/** A file name for the download, dated with the learner's own calendar day. */
export function exportFileName(now: Date): string {
  return `blast-radius-progress-${localCalendarDate(now)}.json`;
}

export type ImportRefusal = 'too-large' | 'not-json' | 'not-progress-file' | 'newer-version' | 'invalid';

export type ImportResult =
  | { ok: true; progress: Progress; fromVersion: number; migrated: boolean }
  | { ok: false; reason: ImportRefusal; error: string };

const CHOOSE_EXPORT = 'Choose a file made with "Export progress" in Blast Radius.';

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * Reads an export file. Pure: it never touches storage, so a refused file cannot harm the progress
 * already saved; the caller replaces progress only with an `ok` result. Any known format version is
 * accepted and upgraded to the current one.
 */
export function importProgress(text: string, now: Date): ImportResult {
  // Checked before parsing: the character count is a cheap lower bound of the byte count.
  if (text.length > MAX_IMPORT_BYTES || byteLength(text) > MAX_IMPORT_BYTES) {
    const mb = (byteLength(text) / (1024 * 1024)).toFixed(1);
    return {
      ok: false,
      reason: 'too-large',
      error: `This file is ${mb} MB, over the 1 MB limit; a progress export is only a few kilobytes. ${CHOOSE_EXPORT}`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, '')); // editors on Windows may add a byte-order mark
  } catch (error) {
    return {
      ok: false,
      reason: 'not-json',
      error: `This file is not valid JSON (${(error as Error).message}). ${CHOOSE_EXPORT}`,
    };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success || !('data' in envelope.data)) {
    const problems = envelope.success
      ? [{ path: ['data'], message: 'missing: the progress itself goes here' }]
      : problemsFromIssues(envelope.error.issues);
    return {
      ok: false,
      reason: 'not-progress-file',
      error: `This is not a Blast Radius progress export:\n${describeProblems(problems)}\n${CHOOSE_EXPORT}`,
    };
  }
  const result = migrate(envelope.data['data'], { now });
  if (result.ok) {
    return { ok: true, progress: result.progress, fromVersion: result.fromVersion, migrated: result.migrated };
  }
  if (result.reason === 'newer-version') {
    return {
      ok: false,
      reason: 'newer-version',
      error:
        `This file comes from a newer version of Blast Radius (progress format ${result.version}; this page reads up ` +
        `to format ${PROGRESS_VERSION}). Reload the page to get the latest version of the course, then import it again.`,
    };
  }
  return {
    ok: false,
    reason: 'invalid',
    error:
      `This file's progress is not valid, so nothing was imported:\n${describeProblems(result.problems, ['data'])}\n` +
      'Your current progress has not changed.',
  };
}
