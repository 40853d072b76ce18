/**
 * A run as data: scenario, seed, warm-up and the timed action log. That is all it takes to
 * reproduce a run exactly, so "Share run" puts it in the URL (deflate-raw, base64url) and
 * "Export run" writes it as a JSON file; both are validated when read back, with messages that say
 * what is wrong.
 */
import { z } from 'zod';
import { kebabId } from '../schemas/common';
import { parseConsoleAction, type LoggedAction } from './protocol';

export const RUN_FORMAT = 'blast-radius-run';

export const runRecordSchema = z
  .object({
    format: z.literal(RUN_FORMAT),
    version: z.literal(1),
    /** A built-in scenario's id, or a custom scenario (validated by the scenario schema when loaded). */
    scenario: z.union([kebabId('a scenario id is lowercase kebab-case'), z.record(z.string(), z.unknown())]),
    seed: z.number().int().min(0).max(2 ** 32 - 1),
    warmupSeconds: z.number().int().min(0).max(86_400),
    /** Simulated second the run had reached (warm-up included). */
    reachedSeconds: z.number().min(0),
    log: z
      .array(z.object({ at: z.number().min(0), action: z.unknown() }).strict())
      .max(10_000)
      .superRefine((log, ctx) => {
        log.forEach((entry, i) => {
          try {
            parseConsoleAction(entry.action);
          } catch (error) {
            ctx.addIssue({ code: 'custom', path: [i, 'action'], message: (error as Error).message });
          }
          if (i > 0 && entry.at < log[i - 1]!.at) ctx.addIssue({ code: 'custom', path: [i, 'at'], message: 'actions must be in time order' });
        });
      }),
  })
  .strict();

export type RunRecord = z.infer<typeof runRecordSchema>;

export class RunFileError extends Error {
  override readonly name = 'RunFileError';
}

export function runRecord(options: { scenario: RunRecord['scenario']; seed: number; warmupSeconds: number; reachedSeconds: number; log: readonly LoggedAction[] }): RunRecord {
  return {
    format: RUN_FORMAT,
    version: 1,
    scenario: options.scenario,
    seed: options.seed,
    warmupSeconds: options.warmupSeconds,
    reachedSeconds: options.reachedSeconds,
    log: options.log.map((l) => ({ at: l.at, action: l.action })),
  };
}

function checkRecord(data: unknown, what: string): RunRecord {
  const r = runRecordSchema.safeParse(data);
  if (r.success) return r.data;
  const lines = r.error.issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
  throw new RunFileError(`${what} is not a Blast Radius run: ${lines.join('; ')}${r.error.issues.length > 5 ? '; ...' : ''}.`);
}

/** The text of an exported run file. */
export function runToJson(record: RunRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

/** Reads an exported run file; throws RunFileError saying what is wrong. */
export function runFromJson(text: string, what = 'This file'): RunRecord {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new RunFileError(`${what} is not JSON. Export a run with "Export run" and import that file.`);
  }
  return checkRecord(data, what);
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new RunFileError('The shared link is damaged (it has characters a run link never has).');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The `run` parameter of a share link. */
export async function encodeRun(record: RunRecord): Promise<string> {
  return toBase64Url(await pipe(new TextEncoder().encode(JSON.stringify(record)), new CompressionStream('deflate-raw')));
}

/** Reads a share link's `run` parameter; throws RunFileError when it is cut short or altered. */
export async function decodeRun(param: string): Promise<RunRecord> {
  let text: string;
  try {
    text = new TextDecoder().decode(await pipe(fromBase64Url(param), new DecompressionStream('deflate-raw')));
  } catch (error) {
    if (error instanceof RunFileError) throw error;
    throw new RunFileError('The shared link is damaged or cut short: copy the whole link again.');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new RunFileError('The shared link is damaged: its run is not readable.');
  }
  return checkRecord(data, 'The shared link');
}
