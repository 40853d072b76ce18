import { randomBytes } from 'node:crypto';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './test/chromium-args';

// Debian's Chromium by default (browsers cannot be downloaded here); CHROMIUM_PATH points elsewhere,
// and an empty CHROMIUM_PATH uses Playwright's own browser from `npx playwright install chromium`.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.E2E_PORT ?? 4391);
// The local runner's token for this test run: given to `npm start` (which would otherwise make
// one), and read by the tests' fixture the way a learner's browser gets it, from the printed link.
// Set once here; the workers load this file again and inherit the environment.
process.env.E2E_RUNNER_TOKEN ??= randomBytes(32).toString('base64url');

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // Two tests at a time, from any file: no test depends on another's state (each has its own browser
  // context; workshop.spec starts a relay per worker), so one file's long tests (the console's drills)
  // no longer queue behind each other on one worker while the other runs out of work. E2E_WORKERS=1 to debug.
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  // A hang guard, not a speed check: on a shared 2-core machine a sandbox test that opens the editor, runs the
  // checks twice and reloads can pass 60 s with nothing wrong (seen at load 25-35).
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [...CHROMIUM_ARGS, '--disable-quic'],
    },
  },
  webServer: {
    // The same command a learner runs: builds when needed, then serves on loopback.
    command: 'npm start',
    env: { PORT: String(port), BLAST_RUNNER_TOKEN: process.env.E2E_RUNNER_TOKEN },
    url: `http://localhost:${port}/`,
    // A fresh clone builds first: 45 s on a quiet machine, 145 s seen at load 26.
    timeout: 600_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'pipe',
  },
});
