/** What the sandbox commands have in common: where sandboxes live, how errors end a run, how main runs. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listSandboxIds, SandboxError } from '../server/sandbox-disk';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The sandboxes folder; tests point BLAST_SANDBOXES_DIR at fixtures. */
export function sandboxesRoot(): string {
  return process.env.BLAST_SANDBOXES_DIR ?? join(repoRoot, 'sandboxes');
}

/** Prints a sandbox problem (and, for an unknown id, the ids there are) and returns exit code 2; rethrows anything else. */
export async function reportSandboxError(error: unknown): Promise<number> {
  if (!(error instanceof SandboxError)) throw error;
  console.error(error.message);
  if (error.code === 'unknown-sandbox') {
    const ids = await listSandboxIds(sandboxesRoot());
    console.error(ids.length > 0 ? `Sandboxes: ${ids.join(', ')}.` : 'There are no sandboxes yet.');
  }
  return 2;
}

/** Runs a command's main, sets the exit code, and treats a closed pipe (`| head`) as a normal end. */
export function runMain(main: () => Promise<number>, crashCode: number): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = crashCode;
    },
  );
}
