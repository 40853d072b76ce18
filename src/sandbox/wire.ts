/**
 * The local runner's HTTP contract, shared by the server (src/server) and its browser client
 * (local.ts).
 *
 *   GET  /api/runner/session  (header x-blast-runner-token) -> 200 { tokenHeader, limits, node }
 *        -> 401 { error: not-connected | stale-token, message } without the current token; the
 *           token itself is never sent by the server (see runner-link.ts)
 *   POST /api/runner/run      (header x-blast-runner-token, JSON RunRequest)
 *        -> 200 application/x-ndjson, one RunEvent per line: start, output*, then exit or error
 *        -> 4xx/5xx application/json { error, message } before anything ran
 *           (400 bad request, 401 no or stale token, 403 refused, 404 unknown sandbox, 413 too large, 415,
 *           503 busy + Retry-After)
 */
import { z } from 'zod';
import { kebabId } from '../schemas/common';
import { taskSchema, type OutputStream, type RunExit, type RuntimeErrorCode, type Task } from './runtime';

export const SESSION_PATH = '/api/runner/session';
/** The header that carries the token (the server's TOKEN_HEADER). */
export const TOKEN_HEADER = 'x-blast-runner-token';
export const RUN_PATH = '/api/runner/run';
export const RUN_CONTENT_TYPE = 'application/x-ndjson';

export const runRequestSchema = z
  .object({
    sandbox: kebabId('a sandbox id is lowercase kebab-case'),
    task: taskSchema,
    /** Only the learner-editable files; the server has the rest. */
    files: z.record(z.string(), z.string()),
  })
  .strict();

export type RunRequest = z.infer<typeof runRequestSchema>;

export interface RunnerLimits {
  maxBodyBytes: number;
  maxOutputBytes: number;
  maxConcurrent: number;
}

export interface SessionResponse {
  tokenHeader: string;
  limits: RunnerLimits;
  /** The Node version that runs sandboxes ("v24.1.0"). */
  node: string;
}

export interface ErrorBody {
  error: string;
  message: string;
}

export type RunEvent =
  | { type: 'start'; sandbox: string; task: Task; timeoutMs: number; node: string }
  | { type: 'output'; stream: OutputStream; data: string }
  | ({ type: 'exit' } & RunExit)
  | { type: 'error'; code: RuntimeErrorCode; message: string };

export function encodeEvent(event: RunEvent): string {
  return `${JSON.stringify(event)}\n`;
}

/** Splits a streamed NDJSON body into events; chunks may end anywhere. */
export class RunEventDecoder {
  #buffer = '';

  push(text: string): RunEvent[] {
    this.#buffer += text;
    const lines = this.#buffer.split('\n');
    this.#buffer = lines.pop()!;
    return lines.filter((l) => l.trim() !== '').map(parseEvent);
  }

  end(): RunEvent[] {
    const rest = this.#buffer;
    this.#buffer = '';
    return rest.trim() === '' ? [] : [parseEvent(rest)];
  }
}

function parseEvent(line: string): RunEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new SyntaxError(`The local runner sent a line that is not JSON: ${line.slice(0, 80)}`);
  }
  if (typeof value !== 'object' || value === null || typeof (value as { type?: unknown }).type !== 'string') {
    throw new SyntaxError(`The local runner sent an event without a type: ${line.slice(0, 80)}`);
  }
  return value as RunEvent;
}
