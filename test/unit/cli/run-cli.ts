import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fixturesDir, repoRoot } from '../sandbox/helpers';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a CLI entry point for real (Node + tsx, as `npm run` does), against the fixture sandboxes. */
export function runCli(script: 'check' | 'sandbox' | 'sim', args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, `src/cli/${script}.ts`), ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', BLAST_SANDBOXES_DIR: fixturesDir, INIT_CWD: repoRoot, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
