/** Shared by the sandbox and server tests: fixture paths and a real reporter run. */
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPORTER_PATH, REPORTER_SOURCE } from '../../../src/sandbox/checks/reporter';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const fixturesDir = join(repoRoot, 'test/fixtures/sandboxes');
export const adderDir = join(fixturesDir, 'adder');
export const learnerVariant = (name: 'fixed' | 'loop' | 'noisy' | 'env' | 'escapes' | 'spawner' | 'hog-memory' | 'hog-cpu' | 'hog-disk' | 'forger') => join(fixturesDir, '_learner', name);

/** Writes `files` plus the reporter into a temp folder and runs `node --test` on `checks` there. */
export async function runReporter(files: Record<string, string>, checks: string[], node = process.execPath): Promise<{ stdout: string; code: number | null }> {
  const dir = await mkdtemp(join(tmpdir(), 'blast-reporter-test-'));
  try {
    for (const [path, text] of Object.entries({ ...files, [REPORTER_PATH]: REPORTER_SOURCE })) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    return await new Promise((resolve, reject) => {
      const child = spawn(node, ['--test', `--test-reporter=./${REPORTER_PATH}`, ...checks], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
      child.on('error', reject);
      child.on('close', (code) => resolve({ stdout, code }));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
