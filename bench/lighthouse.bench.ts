/**
 * Lighthouse (mobile profile, performance only) on the built site: `npm run bench:lighthouse`.
 *
 * Lighthouse is not a dependency of the project (it is large and only this bench uses it): the script
 * runs the pinned version through `npx --yes`, which fetches it from the npm registry the first time.
 * It drives the Chromium at CHROME_PATH (default /usr/bin/chromium).
 *
 * Scores depend on the machine: Lighthouse's mobile profile slows the CPU 4x, calibrated for a fast
 * desktop (its "benchmarkIndex" around 1500). On a slower or busy machine that over-throttles; the
 * table prints each run's benchmarkIndex so runs can be compared, and `--cpu N` sets the multiplier
 * (Lighthouse's own calculator: https://github.com/patrickhulce/lighthouse-cpu-throttling-calculator).
 * Medians of `--runs N` (default 3). Options: `--pages /a/,/b/`; `--root DIR` serves another checkout's
 * build (a copy of main's `dist/`, `scripts/` and `package.json`) so a change can be compared with its base in
 * the same period; `--save DIR` keeps each report's JSON (page-run.json) for a closer look. `--no-build` is
 * implied (the site must be built: `npm run build`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS } from '../test/chromium-args';

const LIGHTHOUSE = 'lighthouse@13.5.0';
const port = Number(process.env.BENCH_PORT ?? 4394);
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    cpu: { type: 'string', default: '4' },
    pages: { type: 'string', default: '/,/lessons/idempotency/,/lessons/production-mindset/,/sim/' },
    root: { type: 'string' },
    save: { type: 'string' },
  },
});
const root = values.root ? resolve(values.root) : join(import.meta.dirname, '..');
if (!existsSync(join(root, 'scripts/start.mjs')) || !existsSync(join(root, 'dist/server/entry.mjs'))) {
  throw new Error(`--root ${root} has no built site: it needs scripts/start.mjs and dist/ (npm run build there, or copy both)`);
}
if (values.save) mkdirSync(values.save, { recursive: true });
const runs = Math.max(1, Number(values.runs) | 0);
const cpu = Number(values.cpu);
if (!(cpu >= 1)) throw new Error(`--cpu must be a number 1 or more (Lighthouse's CPU slowdown multiplier), got ${values.cpu}`);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function startServer(): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), BLAST_SKIP_BUILD: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('is running at') && resolve());
    server.on('exit', (code) => reject(new Error(`the site server exited with ${code}: build the site first (npm run build)`)));
  });
  return server;
}

interface Result {
  score: number;
  lcp: number;
  fcp: number;
  tbt: number;
  cls: number;
  benchmarkIndex: number;
}

function lighthouse(url: string, out: string): Result {
  const flags = ['--headless=new', ...CHROMIUM_ARGS].join(' ');
  const r = spawnSync(
    'npx',
    ['--yes', LIGHTHOUSE, url, '--only-categories=performance', '--form-factor=mobile', `--throttling.cpuSlowdownMultiplier=${cpu}`, `--chrome-flags=${flags}`, '--output=json', `--output-path=${out}`, '--quiet'],
    { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (r.status !== 0) throw new Error(`lighthouse failed on ${url} (exit ${r.status}); is the npm registry reachable and Chromium at CHROME_PATH?`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const audit = (id: string) => Number(report.audits[id].numericValue);
  return {
    score: Number(report.categories.performance.score),
    lcp: audit('largest-contentful-paint'),
    fcp: audit('first-contentful-paint'),
    tbt: audit('total-blocking-time'),
    cls: audit('cumulative-layout-shift'),
    benchmarkIndex: Number(report.environment.benchmarkIndex),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'lighthouse-'));
const server = await startServer();
try {
  console.log(`Lighthouse ${LIGHTHOUSE.split('@')[1]}, mobile, CPU x${cpu}, median of ${runs} (benchmarkIndex: higher is a faster machine)`);
  console.log(`${'page'.padEnd(32)} ${'score'.padStart(5)} ${'LCP ms'.padStart(7)} ${'FCP ms'.padStart(7)} ${'TBT ms'.padStart(7)} ${'CLS'.padStart(6)}  benchmarkIndex`);
  for (const page of values.pages.split(',').map((p) => p.trim()).filter(Boolean)) {
    const results: Result[] = [];
    for (let i = 0; i < runs; i++) {
      const out = join(dir, `${i}.json`);
      results.push(lighthouse(`http://localhost:${port}${page}`, out));
      if (values.save) copyFileSync(out, join(values.save, `${page.replace(/\W+/g, '_').replace(/^_|_$/g, '') || 'home'}-${i}.json`));
    }
    const m = (k: keyof Result) => median(results.map((r) => r[k]));
    console.log(
      `${page.padEnd(32)} ${m('score').toFixed(2).padStart(5)} ${m('lcp').toFixed(0).padStart(7)} ${m('fcp').toFixed(0).padStart(7)} ${m('tbt').toFixed(0).padStart(7)} ${m('cls').toFixed(3).padStart(6)}  ${results.map((r) => r.benchmarkIndex.toFixed(0)).join(' ')}`,
    );
  }
} finally {
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}
