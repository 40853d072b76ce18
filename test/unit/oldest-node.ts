/**
 * The oldest Node the project accepts (22.12), for tests that must hold on it too. `.ci/run`
 * installs it and sets BLAST_NODE_OLDEST; on a machine without it those tests are skipped and say
 * so, except in CI, where a missing one is an error.
 */
import { existsSync } from 'node:fs';

const path = process.env.BLAST_NODE_OLDEST;
if (process.env.CI && (!path || !existsSync(path))) {
  throw new Error('CI must set BLAST_NODE_OLDEST to a Node 22.12 binary (.ci/run installs one).');
}

export const OLDEST_NODE: string | null = path && existsSync(path) ? path : null;
export const OLDEST_NODE_NOTE = 'on the oldest supported Node (set BLAST_NODE_OLDEST; .ci/run does)';
