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
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { RUNNER_TOKEN_STORAGE_KEY } from '../src/sandbox/runner-link';
import { ChunkGraph, chunkName } from './chunk-graph';
import { targetLines, type SiteFigures } from './site-targets';
import { CHROMIUM_ARGS } from '../test/chromium-args';

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
/** The machine's load, printed beside every timed figure (two cores shared with other work). */
const load = () => `load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`;

/**
 * The page types, each with a page of the built site. A type whose page is missing fails the bench
 * (a skipped row would read as "nothing to weigh"); `sandbox` marks the page whose editor is opened.
 */
function pageTypes(): { type: string; path: string; sandbox?: true }[] {
  const lessons = readdirSync(join(root, 'lessons')).filter((id) => existsSync(join(root, 'lessons', id, 'index.mdx')));
  const hasSandbox = (id: string) => /^sandbox:\s*\S/m.test(readFileSync(join(root, 'lessons', id, 'index.mdx'), 'utf8'));
  const pick = (preferred: string, ok: (id: string) => boolean, what: string) => {
    const id = lessons.includes(preferred) && ok(preferred) ? preferred : lessons.find(ok);
    if (!id) throw new Error(`no lesson ${what} in lessons/: the bench weighs one of each`);
    return id;
  };
  const drillsDir = join(root, 'dist/client/drills');
  const drills = existsSync(drillsDir) ? readdirSync(drillsDir).filter((d) => existsSync(join(drillsDir, d, 'index.html'))) : [];
  const drill = drills.includes('bad-deploy') ? 'bad-deploy' : drills[0];
  if (!drill) throw new Error(`no drill page in ${drillsDir}: is the build complete?`);
  const types: { type: string; path: string; sandbox?: true }[] = [
    { type: 'home', path: '/' },
    { type: 'path', path: '/path/' },
    { type: 'plan', path: '/plan/' },
    { type: 'lesson, sandbox', path: `/lessons/${pick('idempotency', hasSandbox, 'with a sandbox')}/`, sandbox: true },
    { type: 'lesson, no sandbox', path: `/lessons/${pick('production-mindset', (id) => !hasSandbox(id), 'without a sandbox')}/` },
    { type: 'simulator', path: '/sim/' },
    { type: 'drill', path: `/drills/${drill}/` },
    { type: 'interview', path: '/interview/' },
  ];
  const missing = types.filter((p) => !existsSync(join(root, 'dist/client', p.path, 'index.html')));
  if (missing.length) throw new Error(`not in the build (dist/client): ${missing.map((p) => `${p.type} ${p.path}`).join(', ')}; build again or remove the type from pageTypes()`);
  return types;
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

/** Scrolls to the end a screen at a time, as a reader would (sections lay out as they come near, so the page grows). */
async function readToTheEnd(page: Page) {
  for (let screens = 0; screens < 400; screens++) {
    const atEnd = await page.evaluate(() => {
      window.scrollBy(0, window.innerHeight * 0.8);
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    });
    await page.waitForTimeout(100);
    if (atEnd) return;
  }
  throw new Error(`${page.url()}: not at the end after 400 screens`);
}

/** Waits until every island has hydrated (Astro drops its `ssr` attribute) and every diagram is drawn; fails naming what was not. */
async function everythingShown(page: Page) {
  const left = () =>
    page.evaluate(() => ({
      islands: [...document.querySelectorAll('astro-island[ssr]')].map((e) => e.getAttribute('component-url')),
      pending: document.querySelectorAll('.diagram__canvas[data-state="pending"]').length,
      failed: document.querySelectorAll('.diagram__canvas[data-state="error"]').length,
    }));
  const until = Date.now() + 60_000;
  let now = await left();
  while ((now.islands.length || now.pending) && Date.now() < until) {
    await page.waitForTimeout(250);
    now = await left();
  }
  const problems = [
    ...(now.islands.length ? [`islands not hydrated after scrolling to the end: ${now.islands.join(', ')}`] : []),
    ...(now.pending ? [`${now.pending} diagram(s) still drawing after 60 s`] : []),
    ...(now.failed ? [`${now.failed} diagram(s) failed to draw`] : []),
  ];
  if (problems.length) throw new Error(`${page.url()}: ${problems.join('; ')}`);
}

async function weigh(browser: Awaited<ReturnType<typeof chromium.launch>>, graph: ChunkGraph, path: string, sandbox: boolean) {
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

  // Read to the end: islands hydrate and diagrams draw as they come near the screen, often together, so
  // what each fetched is told apart by the import graph: the diagrams' code is what mermaid-draw loads
  // and no island on the page does (a chunk both share counts for the islands).
  let mark = requests.all.length;
  await readToTheEnd(page);
  // And to each island and diagram in turn, in case a screen-sized step jumped over one (an island is
  // `display: contents`: its first child is what is on screen).
  await page.evaluate(async () => {
    for (const el of document.querySelectorAll('astro-island, .diagram__canvas')) {
      (el.tagName === 'ASTRO-ISLAND' ? (el.firstElementChild ?? el) : el).scrollIntoView({ block: 'center' });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  await everythingShown(page);
  await quiet(page, 500);
  await requests.settled();
  const scrolled = requests.all.slice(mark).filter(isScript);
  const islandUrls = await page.locator('astro-island').evaluateAll((els) => els.flatMap((e) => [e.getAttribute('component-url') ?? '', e.getAttribute('renderer-url') ?? '']).filter(Boolean));
  const islandCode = graph.closure(islandUrls.map(chunkName));
  const diagramCode = graph.closure([graph.find(/^mermaid-draw\./)]);
  const diagrams = scrolled.filter((f) => diagramCode.has(chunkName(f.url)) && !islandCode.has(chunkName(f.url)));
  const islands = scrolled.filter((f) => !diagrams.includes(f));
  const fetched = requests.all.map((f) => chunkName(f.url));

  let editor: { usable: Fetched[]; services: Fetched[] } | undefined;
  if (sandbox) {
    if ((await page.locator('#sandbox').count()) === 0) throw new Error(`${path} has no #sandbox: the editor-open bytes cannot be measured (pick another lesson in pageTypes())`);
    const open = page.getByRole('button', { name: 'Open the sandbox' });
    // The card hydrates when near the screen: scroll to it as a learner would, and let that settle
    // first, so the editor's bytes below are only what "Open the sandbox" fetches.
    await page.locator('#sandbox').scrollIntoViewIfNeeded();
    await open.waitFor({ timeout: 30_000 });
    await quiet(page, 500);
    await requests.settled();
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
      return m ? performance.timeOrigin + m.startTime : null;
    });
    // Without the mark every byte would count as "usable" and the split would be silently wrong.
    if (startedAt === null) throw new Error(`${path}: the editor never marked 'blast:language-services' (src/components/sandbox/monaco.ts), so usable and language-service bytes cannot be told apart`);
    const after = requests.all.slice(mark);
    editor = { usable: after.filter((f) => f.at < startedAt), services: after.filter((f) => f.at >= startedAt) };
    if (editor.usable.filter(isScript).length === 0) throw new Error(`${path}: "Open the sandbox" fetched no script before the editor was usable: the bench measured nothing`);
    if (editor.services.length === 0) throw new Error(`${path}: the language services fetched nothing after their mark (hovering the editor should start them)`);
  }
  await context.close();
  return { initial, blocking, islands, diagrams, fetched, editor };
}

async function runClicks(browser: Awaited<ReturnType<typeof chromium.launch>>, figures: SiteFigures) {
  const all = readdirSync(join(root, 'sandboxes')).filter((d) => existsSync(join(root, 'sandboxes', d, 'sandbox.json')));
  const only = values.sandboxes?.split(',');
  const unknown = only?.filter((id) => !all.includes(id)) ?? [];
  if (unknown.length) throw new Error(`--sandboxes names no sandbox: ${unknown.join(', ')} (there are ${all.join(', ')})`);
  const ids = all.filter((d) => !only || only.includes(d));
  console.log(`\nRun-click to checklist shown, local runner, median of ${runs} (first run discarded as warm-up), ${load()} at the start:`);
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
    let summary = '';
    for (let i = 0; i <= runs; i++) {
      // A string, not a function: tsx's name helpers do not exist in the page.
      const r = (await page.evaluate(MEASURE_RUN)) as { ms?: number; summary: string; error?: string };
      if (r.error) throw new Error(`${id} (/lessons/${lesson}/), run ${i + 1}: ${r.error}`);
      summary = r.summary;
      if (i > 0) times.push(r.ms!);
    }
    figures.runClicks.set(id, median(times));
    console.log(`${id.padEnd(16)} median ${median(times).toFixed(0).padStart(5)} ms   (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})   "${summary}"   ${load()}`);
    await context.close();
  }
}

/**
 * Clicks "Run checks" in the page and resolves with the ms until the checklist shows the run's result:
 * the workbench went to "running" and back to "ready" with a summary. A run that fails, or takes over
 * 2 minutes, resolves with an error to report rather than a time.
 */
const MEASURE_RUN = `(async () => {
  const button = [...document.querySelectorAll('button')].find((b) => (b.textContent || '').includes('Run checks'));
  const summary = document.querySelector('[data-checklist-summary]');
  const workbench = document.querySelector('.workbench');
  if (!button || !summary || !workbench) return { summary: '', error: 'no Run checks button, checklist summary or .workbench in the page' };
  const status = () => workbench.getAttribute('data-status');
  let ran = false;
  const t0 = performance.now();
  button.click();
  return await new Promise((resolve) => {
    const finish = (result) => { obs.disconnect(); clearTimeout(timer); resolve({ ...result, summary: summary.textContent || '' }); };
    const check = () => {
      if (status() === 'running') ran = true;
      else if (status() === 'failed') finish({ error: 'the run failed: ' + (document.querySelector('[role="alert"]')?.textContent || 'no message shown') });
      else if (ran && status() === 'ready' && /pass/.test(summary.textContent || '')) finish({ ms: performance.now() - t0 });
    };
    const obs = new MutationObserver(check);
    obs.observe(document.body, { subtree: true, attributes: true, childList: true, characterData: true });
    const timer = setTimeout(() => finish({ error: 'no result after 120 s (status ' + status() + ')' }), 120000);
    check();
  });
})()`;

async function main() {
  const figures: SiteFigures = { pages: new Map(), runClicks: new Map() };
  if (builds > 0) {
    const times = Array.from({ length: builds }, build);
    const lessons = readdirSync(join(root, 'lessons')).filter((id) => existsSync(join(root, 'lessons', id, 'index.mdx'))).length;
    figures.buildSeconds = median(times);
    console.log(`build (astro + pagefind), ${lessons} lessons: median ${median(times).toFixed(1)} s of ${builds} (${times.map((t) => t.toFixed(1)).join(', ')}), ${load()} after`);
  } else if (!existsSync(join(root, 'dist/server/entry.mjs'))) {
    throw new Error('no build in dist/: run without --no-build');
  }
  const graph = new ChunkGraph(join(root, 'dist/client/_astro'));
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const editors: { path: string; usable: Fetched[]; services: Fetched[] }[] = [];
    if (!values['runs-only']) {
      console.log(`\nPer page type (JS and render-blocking bytes, gzip -9 of what the page fetched, at 1280x800, empty cache; ${base}):`);
      console.log(`${'page type'.padEnd(20)}${'page'.padEnd(32)}${'before interaction'.padEnd(25)}${'render-blocking'.padEnd(22)}${'+ islands on scroll'.padEnd(22)}+ diagrams on scroll`);
      const files = (fs: Fetched[]) => (fs.length ? `${kb(total(fs))} (${fs.length} files)` : '-');
      for (const { type, path, sandbox } of pageTypes()) {
        const w = await weigh(browser, graph, path, sandbox === true);
        const js = w.initial.filter(isScript);
        console.log(`${type.padEnd(20)}${path.padEnd(32)}${files(js).padEnd(25)}${files(w.blocking).padEnd(22)}${files(w.islands).padEnd(22)}${files(w.diagrams)}`);
        figures.pages.set(type, { path, js: total(js), blocking: w.blocking.map((f) => ({ name: chunkName(f.url), kind: f.kind })), fetched: w.fetched });
        if (process.env.BENCH_DEBUG) {
          for (const [what, fs] of [['initial', js], ['blocking', w.blocking], ['islands', w.islands], ['diagrams', w.diagrams]] as const)
            for (const f of [...fs].sort((a, b) => b.gzip - a.gzip)) console.log(`    ${what.padEnd(9)} ${kb(f.gzip).padStart(10)} ${f.url}`);
        }
        if (w.editor) editors.push({ path, ...w.editor });
      }
      if (editors.length === 0) throw new Error('no page type opened a sandbox: the editor-open bytes were not measured');
    }
    for (const { path, usable, services } of editors) {
      // Every kind fetched, so the parts add up to the total.
      const kinds = (fs: Fetched[]) =>
        [...new Set(fs.map((f) => (isScript(f) ? 'script' : f.kind)))]
          .map((k) => `${k} ${kb(total(fs.filter((f) => (isScript(f) ? 'script' : f.kind) === k)))}`)
          .join(', ');
      console.log(`\nOpening the sandbox on ${path} (gzip -9):`);
      console.log(`  until the editor is usable:      ${kb(total(usable)).padEnd(10)} (${usable.length} files: ${kinds(usable)})`);
      console.log(`  + language services afterwards: ${kb(total(services)).padEnd(10)} (${services.length} files: ${kinds(services)})`);
      if (process.env.BENCH_DEBUG) for (const f of [...usable, ...services]) console.log(`  ${usable.includes(f) ? 'usable ' : 'service'} ${f.kind.padEnd(11)} ${kb(f.gzip).padStart(10)} ${f.url}`);
      const biggest = [...usable].sort((a, b) => b.gzip - a.gzip).slice(0, 4);
      console.log(`  largest before usable: ${biggest.map((f) => `${chunkName(f.url)} ${kb(f.gzip)}`).join(', ')}`);
      figures.editorUsable = total(usable);
    }
    if (runs > 0) await runClicks(browser, figures);
  } finally {
    await browser.close();
    server.kill();
  }
  console.log('\nTargets (from the issues):');
  for (const line of targetLines(figures)) console.log(line);
}

await main();
