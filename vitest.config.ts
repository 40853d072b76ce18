import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    setupFiles: ['test/setup/scenarios.ts'],
    environment: 'node',
    // Two files at a time even on 2 cores (Vitest's default there is one): most files are the
    // simulator's CPU-bound runs. Timeouts only catch hangs: sandbox checks spawn real Node processes and
    // whole drills run here, on machines that may be shared.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
