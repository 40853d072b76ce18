/** Settings of the local runner, with the defaults `npm start` uses. */
import { join } from 'node:path';
import { DEFAULT_MAX_OUTPUT_BYTES } from '../sandbox/output-cap';

export interface RunnerConfig {
  /** Port the site is served on (Host and Origin must carry it). */
  port: number;
  /** Folder holding sandboxes/<id>/sandbox.json. */
  sandboxesDir: string;
  /** Runs allowed at once; the next gets 503 with Retry-After. */
  maxConcurrent: number;
  /** Largest run request body accepted (413 beyond). */
  maxBodyBytes: number;
  /** Output cap per run. */
  maxOutputBytes: number;
  /** Upper bound on any sandbox's own timeoutMs (tests lower it; the operator may too). */
  maxTimeoutMs: number;
  /** Seconds a busy client is told to wait. */
  retryAfterSec: number;
  nodePath: string;
  tmpRoot?: string;
}

export const DEFAULT_MAX_BODY_BYTES = 512 * 1024;

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number (got "${raw}").`);
  return value;
}

/** The configuration from the environment: PORT (as scripts/start.mjs), BLAST_RUNNER_* overrides. */
export function configFromEnv(cwd = process.cwd()): RunnerConfig {
  return {
    port: intFromEnv('PORT', 4321),
    sandboxesDir: process.env.BLAST_SANDBOXES_DIR ?? join(cwd, 'sandboxes'),
    maxConcurrent: intFromEnv('BLAST_RUNNER_CONCURRENCY', 2),
    maxBodyBytes: intFromEnv('BLAST_RUNNER_MAX_BODY', DEFAULT_MAX_BODY_BYTES),
    maxOutputBytes: DEFAULT_MAX_OUTPUT_BYTES,
    maxTimeoutMs: intFromEnv('BLAST_RUNNER_MAX_TIMEOUT_MS', 120_000),
    retryAfterSec: 2,
    nodePath: process.execPath,
  };
}
