/**
 * Site benchmarks (`npm run bench`), on this machine:
 * - the time of a full `npm run build` (astro + pagefind), median of `--builds N` (default 1; `--no-build`
 *   measures the build already in dist/);
 * - per page type (home, path, plan, a lesson with a sandbox, a lesson without one, /sim/, a drill and
 *   /interview/ when the site has them): JavaScript fetched before any interaction, the bytes the browser marks render-blocking, and
 *   what the diagrams add when scrolled into view;
 * - on a lesson with a sandbox: the bytes fetched from "Open the sandbox" until the editor is usable
 *   (highlighted, file tabs and Run checks there), and what the language services (the TypeScript and
 *   JSON workers) add once they are started, after the editor is idle or on the first hover or keystroke;
 * - run-click to checklist shown, through the local runner, for every sandbox, median of `--runs N`
 *   (default 7; `--runs 0` skips it; `--runs-only` skips everything else but the build).
 * Sizes are gzip -9 of the response bodies (what a compressing server would send); prints a table and
 * writes nothing into the tests.
 */
import { chromium, type BrowserContext, type Page, type Request } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { RUNNER_TOKEN_STORAGE_KEY } from '../src/sandbox/runner-link';

const root = join(import.meta.dirname, '..');
const port = Number(process.env.BENCH_PORT ?? 4395);
const base = `http://localhost:${port}`;
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: process.env.BENCH_RUNS ?? '7' },
    builds: { type: 'string', default: '1' },
    'no-build': { type: 'boolean', default: false },
    /** Only the run-click timings (e.g. to time them again without weighing every page). */
    'runs-only': { type: 'boolean', default: false },
    /** Time only these sandboxes (comma-separated ids). */
    sandboxes: { type: 'string' },
  },
});
const runs = Math.max(0, Number(values.runs) | 0);
const builds = values['no-build'] ? 0 : Math.max(1, Number(values.builds) | 0);
const token = randomBytes(32).toString('base64url');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The page types, each with a page of the built site; a type the site does not have (yet) is skipped. */
function pageTypes(): { type: string; path: string }[] {
  const lessons = readdirSync(join(root, 'lessons')).filter((id) => existsSync(join(root, 'lessons', id, 'index.mdx')));
  const hasSandbox = (id: string) => /^sandbox:\s*\S/m.test(readFileSync(join(root, 'lessons', id, 'index.mdx'), 'utf8'));
  const pick = (preferred: string, ok: (id: string) => boolean) => (lessons.includes(preferred) && ok(preferred) ? preferred : lessons.find(ok));
  const withSandbox = pick('idempotency', hasSandbox);
  const without = pick('production-mindset', (id) => !hasSandbox(id));
  const drillsDir = join(root, 'dist/client/drills');
  const drills = existsSync(drillsDir) ? readdirSync(drillsDir).filter((d) => existsSync(join(drillsDir, d, 'index.html'))) : [];
  const drill = drills.includes('bad-deploy') ? 'bad-deploy' : drills[0];
  return [
    { type: 'home', path: '/' },
    { type: 'path', path: '/path/' },
    { type: 'plan', path: '/plan/' },
    ...(withSandbox ? [{ type: 'lesson, sandbox', path: `/lessons/${withSandbox}/` }] : []),
    ...(without ? [{ type: 'lesson, no sandbox', path: `/lessons/${without}/` }] : []),
    { type: 'simulator', path: '/sim/' },
    ...(drill ? [{ type: 'drill', path: `/drills/${drill}/` }] : []),
    { type: 'interview', path: '/interview/' },
  ].filter((p) => existsSync(join(root, 'dist/client', p.path, 'index.html')));
}

function build(): number {
  const t0 = performance.now();
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  if (r.status !== 0) throw new Error('build failed');
  writeFileSync(join(root, 'dist/.build-stamp'), new Date().toISOString()); // so `npm start` does not build again
  return (performance.now() - t0) / 1000;
}

async function startServer(): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), BLAST_RUNNER_TOKEN: token, BLAST_SKIP_BUILD: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('is running at') && resolve());
    server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return server;
}

interface Fetched {
  url: string;
  kind: string;
  /** Wall-clock ms when the request started. */
  at: number;
  gzip: number;
}

/** Records every request of a context (pages and their workers) with the gzip size of its response. */
function recordRequests(context: BrowserContext) {
  const all: Fetched[] = [];
  const pending = new Set<Promise<void>>();
  const started = new Map<Request, number>();
  context.on('request', (r) => {
    // Streams (the runner's events) stay open: waiting for them to finish would never end.
    if (!['eventsource', 'websocket'].includes(r.resourceType())) started.set(r, Date.now());
  });
  context.on('requestfailed', (r) => started.delete(r));
  context.on('requestfinished', (r) => {
    const p = (async () => {
      const body = await (await r.response())?.body().catch(() => null);
      all.push({ url: r.url().split('?')[0]!, kind: r.resourceType(), at: started.get(r) ?? Date.now(), gzip: body ? gzipSync(body, { level: 9 }).length : 0 });
      started.delete(r);
    })();
    pending.add(p);
    void p.finally(() => pending.delete(p));
  });
  return {
    all,
    /**
     * Waits until every request started so far has finished (workers' included: networkidle ignores them),
     * for at most `limitMs`; a request still open then is left out of the sums and named.
     */
    settled: async (limitMs = 60_000) => {
      const until = Date.now() + limitMs;
      while ((started.size > 0 || pending.size > 0) && Date.now() < until) {
        await Promise.race([Promise.all([...pending]), new Promise((resolve) => setTimeout(resolve, 100))]);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      for (const r of started.keys()) console.warn(`  (still open after ${limitMs / 1000} s, not counted: ${r.resourceType()} ${r.url()})`);
    },
  };
}

const isScript = (f: Fetched) => f.kind === 'script' || /\.m?js$/.test(f.url);
const total = (fs: Fetched[]) => fs.reduce((n, f) => n + f.gzip, 0);

/** Waits until the page has made no request for `quietMs`. */
async function quiet(page: Page, quietMs = 1500) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(quietMs);
  await page.waitForLoadState('networkidle');
}

async function weigh(browser: Awaited<ReturnType<typeof chromium.launch>>, path: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [RUNNER_TOKEN_STORAGE_KEY, token] as const);
  const requests = recordRequests(context);
  const page = await context.newPage();
  await page.goto(base + path);
  await quiet(page);
  await requests.settled();
  const initial = [...requests.all];
  // What Chromium itself marks render-blocking (Resource Timing's renderBlockingStatus).
  const blockingUrls = await page.evaluate(() =>
    (performance.getEntriesByType('resource') as (PerformanceResourceTiming & { renderBlockingStatus?: string })[])
      .filter((e) => e.renderBlockingStatus === 'blocking')
      .map((e) => e.name.split('?')[0]!),
  );
  const blocking = initial.filter((f) => blockingUrls.includes(f.url));

  let mark = requests.all.length;
  for (const c of await page.locator('.diagram__canvas').all()) await c.scrollIntoViewIfNeeded();
  await page.locator('.diagram__canvas[data-state="pending"]').first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => {});
  await quiet(page, 500);
  await requests.settled();
  const diagrams = requests.all.slice(mark).filter(isScript);

  let editor: { usable: Fetched[]; services: Fetched[] } | undefined;
  const open = page.getByRole('button', { name: 'Open the sandbox' });
  // The sandbox card hydrates when it comes near the screen: scroll to it as a learner would, and let
  // that settle first, so the editor's bytes below are only what "Open the sandbox" fetches.
  if (await page.locator('#sandbox').count()) {
    await page.locator('#sandbox').scrollIntoViewIfNeeded();
    await open.waitFor({ timeout: 30_000 });
    await quiet(page, 500);
    await requests.settled();
  }
  if (await open.count()) {
    await page.mouse.move(0, 0); // away from where the editor will appear: a hover starts the language services
    mark = requests.all.length;
    await open.click();
    // Usable: the editor shows the file highlighted (more than the default token colour), with file tabs and Run checks.
    await page.locator('.monaco-editor .view-lines span[class*="mtk"]:not(.mtk1)').first().waitFor({ timeout: 60_000 });
    await page.locator('.wb-tab').first().waitFor();
    await page.getByRole('button', { name: '▶ Run checks' }).waitFor();
    await quiet(page, 3000);
    // Then hover the editor, as a learner would: the language services start at the latest now.
    await page.locator('.monaco-editor').first().hover();
    await quiet(page, 1000);
    await requests.settled();
    const startedAt = await page.evaluate(() => {
      const m = performance.getEntriesByName('blast:language-services')[0];
      return m ? performance.timeOrigin + m.startTime : Infinity;
    });
    const after = requests.all.slice(mark);
    editor = { usable: after.filter((f) => f.at < startedAt), services: after.filter((f) => f.at >= startedAt) };
  }
  await context.close();
  return { initial, blocking, diagrams, editor };
}

async function runClicks(browser: Awaited<ReturnType<typeof chromium.launch>>) {
  const only = values.sandboxes?.split(',');
  const ids = readdirSync(join(root, 'sandboxes')).filter((d) => existsSync(join(root, 'sandboxes', d, 'sandbox.json')) && (!only || only.includes(d)));
  console.log(`\nRun-click to checklist shown, local runner, median of ${runs} (first run discarded as warm-up):`);
  for (const id of ids) {
    const lesson = JSON.parse(readFileSync(join(root, 'sandboxes', id, 'sandbox.json'), 'utf8')).lesson as string;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [RUNNER_TOKEN_STORAGE_KEY, token] as const);
    const page = await context.newPage();
    await page.goto(`${base}/lessons/${lesson}/`);
    await page.locator('#sandbox').scrollIntoViewIfNeeded();
    await page.getByRole('button', { name: 'Open the sandbox' }).click();
    await page.getByTestId('runtime-status').filter({ hasText: 'Ready' }).waitFor({ timeout: 30_000 });
    const times: number[] = [];
    for (let i = 0; i <= runs; i++) {
      // A string, not a function: tsx's name helpers do not exist in the page.
      const t = (await page.evaluate(MEASURE_RUN)) as number;
      if (i > 0) times.push(t);
    }
    console.log(`${id.padEnd(16)} median ${median(times).toFixed(0)} ms   (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`);
    await context.close();
  }
}

/** Clicks "Run checks" in the page and resolves with the ms until the checklist shows the result. */
const MEASURE_RUN = `(async () => {
  const button = [...document.querySelectorAll('button')].find((b) => (b.textContent || '').includes('Run checks'));
  const summary = document.querySelector('[data-checklist-summary]');
  const t0 = performance.now();
  button.click();
  await new Promise((resolve) => {
    const done = () => document.querySelector('.workbench')?.getAttribute('data-status') === 'ready' && /pass/.test(summary.textContent || '');
    const obs = new MutationObserver(() => { if (done()) { obs.disconnect(); resolve(); } });
    obs.observe(document.body, { subtree: true, attributes: true, childList: true, characterData: true });
  });
  return performance.now() - t0;
})()`;

async function main() {
  if (builds > 0) {
    const times = Array.from({ length: builds }, build);
    const lessons = readdirSync(join(root, 'lessons')).filter((id) => existsSync(join(root, 'lessons', id, 'index.mdx'))).length;
    console.log(`build (astro + pagefind), ${lessons} lessons: median ${median(times).toFixed(1)} s of ${builds} (${times.map((t) => t.toFixed(1)).join(', ')})`);
  } else if (!existsSync(join(root, 'dist/server/entry.mjs'))) {
    throw new Error('no build in dist/: run without --no-build');
  }
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    if (!values['runs-only']) console.log('\nPer page type (gzip -9 of what the page fetched, at 1280x800, empty cache):');
    if (!values['runs-only']) console.log(`${'page type'.padEnd(20)}${'page'.padEnd(32)}${'JS before interaction'.padEnd(25)}${'render-blocking'.padEnd(26)}+ diagrams on scroll`);
    const editors: { path: string; usable: Fetched[]; services: Fetched[] }[] = [];
    for (const { type, path } of values['runs-only'] ? [] : pageTypes()) {
      const w = await weigh(browser, path);
      const js = w.initial.filter(isScript);
      console.log(
        `${type.padEnd(20)}${path.padEnd(32)}${`${kb(total(js))} (${js.length} files)`.padEnd(25)}${`${kb(total(w.blocking))} (${w.blocking.length} files)`.padEnd(26)}${w.diagrams.length ? kb(total(w.diagrams)) : '-'}`,
      );
      if (process.env.BENCH_DEBUG) for (const f of [...js].sort((a, b) => b.gzip - a.gzip)) console.log(`    ${kb(f.gzip).padStart(10)} ${f.url}`);
      if (w.editor) editors.push({ path, ...w.editor });
    }
    for (const { path, usable, services } of editors) {
      const by = (fs: Fetched[], kind: string) => fs.filter((f) => (kind === 'script' ? isScript(f) : !isScript(f) && f.kind === kind));
      const kinds = (fs: Fetched[]) =>
        ['script', 'stylesheet', 'font', 'fetch']
          .map((k) => [k, total(by(fs, k))] as const)
          .filter(([, n]) => n > 0)
          .map(([k, n]) => `${k} ${kb(n)}`)
          .join(', ');
      console.log(`\nOpening the sandbox on ${path} (gzip -9):`);
      console.log(`  until the editor is usable:      ${kb(total(usable)).padEnd(10)} (${usable.length} files: ${kinds(usable)})`);
      console.log(`  + language services afterwards: ${kb(total(services)).padEnd(10)} (${services.length} files: ${kinds(services)})`);
      if (process.env.BENCH_DEBUG) for (const f of [...usable, ...services]) console.log(`  ${usable.includes(f) ? 'usable ' : 'service'} ${f.kind.padEnd(11)} ${kb(f.gzip).padStart(10)} ${f.url}`);
      const biggest = [...usable].sort((a, b) => b.gzip - a.gzip).slice(0, 4);
      console.log(`  largest before usable: ${biggest.map((f) => `${f.url.split('/').pop()} ${kb(f.gzip)}`).join(', ')}`);
    }
    if (runs > 0) await runClicks(browser);
  } finally {
    await browser.close();
    server.kill();
  }
}

await main();
