import { defineConfig } from 'vitest/config';

// Files that change something only a whole process has: process.env.TZ moves Date's local time zone
// in a process, not in a worker thread. They run in forked processes; every other file in threads,
// which start and load modules faster (measured on the 65 lightest files: CPU 88 -> 56 s).
const WHOLE_PROCESS = ['test/unit/progress/plan.test.ts'];

export default defineConfig({
  test: {
    setupFiles: ['test/setup/scenarios.ts'],
    environment: 'node',
    // Two files at a time even on 2 cores (Vitest's default there is one): most files are the
    // simulator's CPU-bound runs. Timeouts only catch hangs: sandbox checks spawn real Node processes and
    // whole drills run here, on machines that may be shared.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'threads', include: ['test/unit/**/*.test.ts'], exclude: WHOLE_PROCESS, pool: 'threads' } },
      { extends: true, test: { name: 'forks', include: WHOLE_PROCESS, pool: 'forks' } },
    ],
  },
});
