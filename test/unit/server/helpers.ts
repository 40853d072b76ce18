import { readFileSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunnerConfig } from '../../../src/server/config';
import { DEFAULT_MAX_BODY_BYTES } from '../../../src/server/config';
import { DEFAULT_MAX_OUTPUT_BYTES } from '../../../src/sandbox/output-cap';
import { fixturesDir } from '../sandbox/helpers';

export async function tempRoot(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'blast-runner-test-'));
}

export async function isEmpty(dir: string): Promise<boolean> {
  return (await readdir(dir)).length === 0;
}

export function testConfig(overrides: Partial<RunnerConfig> = {}): RunnerConfig {
  return {
    port: 4321,
    sandboxesDir: fixturesDir,
    maxConcurrent: 2,
    maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    maxOutputBytes: DEFAULT_MAX_OUTPUT_BYTES,
    maxTimeoutMs: 1500,
    retryAfterSec: 2,
    nodePath: process.execPath,
    ...overrides,
  };
}

/** Whether a process is gone (a zombie waiting for its reaper counts as gone: it runs nothing). */
export function isDead(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** Polls `condition` until it holds or `deadlineMs` passes (then returns false). */
export async function eventually(condition: () => boolean | Promise<boolean>, deadlineMs = 5000): Promise<boolean> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
}
