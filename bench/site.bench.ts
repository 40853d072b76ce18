/**
 * Site and sandbox benchmarks (`npm run bench`), medians over repeated runs on this machine:
 * - JavaScript a lesson page loads before any interaction (gzip), and what mermaid and monaco add;
 * - run-click to checklist shown, through the local runner, for every sandbox;
 * - optionally (--build) the time of a full `npm run build`.
 * Prints a table; writes nothing into the tests.
 */
import { chromium, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '..');
const port = Number(process.env.BENCH_PORT ?? 4395);
const base = `http://localhost:${port}`;
const runs = Number(process.env.BENCH_RUNS ?? 7);
const args = process.argv.slice(2);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function gzipOf(url: string): number {
  const path = join(root, 'dist/client', new URL(url).pathname);
  return existsSync(path) ? gzipSync(readFileSync(path), { level: 9 }).length : 0;
}

async function startServer(): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('is running at') && resolve());
    server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return server;
}

/** JS files (by URL) a page fetches while `action` runs. */
async function jsDuring(page: Page, action: () => Promise<void>): Promise<Set<string>> {
  const seen = new Set<string>();
  const onResponse = (r: { url(): string; request(): { resourceType(): string } }) => {
    const url = r.url();
    if (url.endsWith('.js') || url.endsWith('.mjs') || r.request().resourceType() === 'script') seen.add(url.split('?')[0]!);
  };
  page.on('response', onResponse);
  await action();
  await page.waitForLoadState('networkidle');
  page.off('response', onResponse);
  return seen;
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

const sum = (urls: Iterable<string>) => [...urls].reduce((n, u) => n + gzipOf(u), 0);

async function main() {
  if (args.includes('--build')) {
    const t0 = performance.now();
    const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
    if (r.status !== 0) throw new Error('build failed');
    console.log(`build (astro + pagefind): ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    // Page weight: a fresh context (empty cache) per measurement.
    const weight = async (path: string) => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await ctx.newPage();
      const initial = await jsDuring(page, async () => void (await page.goto(base + path)));
      const onScroll = await jsDuring(page, async () => {
        for (const c of await page.locator('.diagram__canvas').all()) await c.scrollIntoViewIfNeeded();
        await page.locator('.diagram__canvas[data-state="pending"]').first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => {});
      });
      let editor = new Set<string>();
      if (await page.getByRole('button', { name: 'Open the sandbox' }).count()) {
        editor = await jsDuring(page, async () => {
          await page.getByRole('button', { name: 'Open the sandbox' }).click();
          await page.locator('.monaco-editor').first().waitFor({ timeout: 30_000 });
        });
      }
      await ctx.close();
      const only = (s: Set<string>) => [...s].filter((u) => !initial.has(u));
      return { initial: sum(initial), files: initial.size, diagrams: sum(only(onScroll)), editor: sum(only(editor)) };
    };
    console.log('\nJavaScript per page (gzip -9 of the files fetched):');
    console.log('page                                  before interaction   + diagrams on scroll   + sandbox editor opened');
    for (const path of ['/', '/path/', '/lessons/idempotency/', '/lessons/caching-strategies/']) {
      const w = await weight(path);
      console.log(`${path.padEnd(38)}${`${kb(w.initial)} (${w.files} files)`.padEnd(21)}${kb(w.diagrams).padEnd(23)}${w.editor ? kb(w.editor) : '-'}`);
    }

    // Run-click to checklist, per sandbox, through the local runner.
    const ids = readdirSync(join(root, 'sandboxes')).filter((d) => existsSync(join(root, 'sandboxes', d, 'sandbox.json')));
    console.log(`\nRun-click to checklist shown, local runner, median of ${runs} (first run discarded as warm-up):`);
    for (const id of ids) {
      const lesson = JSON.parse(readFileSync(join(root, 'sandboxes', id, 'sandbox.json'), 'utf8')).lesson as string;
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await ctx.newPage();
      await page.goto(`${base}/lessons/${lesson}/`);
      await page.getByRole('button', { name: 'Open the sandbox' }).click();
      await page.getByTestId('runtime-status').filter({ hasText: 'Ready' }).waitFor({ timeout: 30_000 });
      const times: number[] = [];
      for (let i = 0; i <= runs; i++) {
        // A string, not a function: tsx's name helpers do not exist in the page.
        const t = (await page.evaluate(MEASURE_RUN)) as number;
        if (i > 0) times.push(t);
      }
      console.log(`${id.padEnd(14)} median ${median(times).toFixed(0)} ms   (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`);
      await ctx.close();
    }
  } finally {
    await browser.close();
    server.kill();
  }
}

await main();
