import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * The editor, the terminal and the workbench are the heaviest code on the site. A lesson page must load
 * none of their stylesheets or scripts until the learner opens the sandbox panel, and opening it must
 * load them. Each is recognised by what it contains, not by a file name (those are hashed and named by
 * the bundler): monaco's `.monaco-editor`, xterm's `.xterm` and the workbench's `.wb-toolbar`.
 */
const PARTS = [
  { part: 'editor', css: /\.monaco-editor\b/, js: /monaco-editor/ },
  { part: 'terminal', css: /\.xterm\b/, js: /xterm-helper-textarea/ },
  { part: 'workbench', css: /\.wb-toolbar\b/, js: /wb-toolbar/ },
] as const;

interface Loaded {
  url: string;
  kind: 'stylesheet' | 'script';
  body: string;
}

/** Every stylesheet and script the context fetches (pages and workers), with its text. */
function recordCode(context: BrowserContext) {
  const loaded: Loaded[] = [];
  const pending: Promise<void>[] = [];
  context.on('requestfinished', (request) => {
    const kind = request.resourceType();
    const url = request.url();
    const isCss = kind === 'stylesheet' || /\.css(\?|$)/.test(url);
    const isJs = kind === 'script' || /\.m?js(\?|$)/.test(url);
    if (!isCss && !isJs) return;
    pending.push(
      (async () => {
        // A response still arriving when the test ends (its context closes) has nothing to record.
        const response = await request.response().catch(() => null);
        const body = (await response?.text().catch(() => '')) ?? '';
        loaded.push({ url, kind: isCss ? 'stylesheet' : 'script', body });
      })(),
    );
  });
  return {
    /** What arrived so far, once every response body has been read. */
    async take(): Promise<Loaded[]> {
      await Promise.all(pending);
      return loaded.splice(0);
    },
  };
}

const names = (files: Loaded[]) => files.map((f) => new URL(f.url).pathname);

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
}

test('a lesson loads no editor, terminal or workbench code until its sandbox panel opens, and opening it does', async ({ page, context }) => {
  const code = recordCode(context);
  await page.goto('/lessons/idempotency/');
  await page.locator('#sandbox').scrollIntoViewIfNeeded();
  await expect(page.getByRole('button', { name: 'Open the sandbox' })).toBeVisible();
  // Scroll to the end as a reader would: islands that hydrate on view load too, and still nothing of the sandbox.
  await page.keyboard.press('End');
  await settle(page);
  const initial = await code.take();
  expect(initial.length, 'the page loads its own code').toBeGreaterThan(0);
  for (const { part, css, js } of PARTS) {
    const found = initial.filter((f) => (f.kind === 'stylesheet' ? css : js).test(f.body));
    expect(names(found), `${part} code on the lesson before the panel opens`).toEqual([]);
  }
  // The page's own stylesheets are all it links: nothing of the sandbox is render-blocking.
  const linked = await page.locator('head link[rel="stylesheet"]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(linked.every((href) => initial.some((f) => f.url === href))).toBe(true);

  await page.getByRole('button', { name: 'Open the sandbox' }).click();
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('terminal').locator('.xterm')).toBeVisible();
  await settle(page);
  const opened = await code.take();
  for (const { part, css, js } of PARTS) {
    expect(names(opened.filter((f) => f.kind === 'stylesheet' && css.test(f.body))), `${part} stylesheet when the panel opens`).not.toEqual([]);
    expect(names(opened.filter((f) => f.kind === 'script' && js.test(f.body))), `${part} script when the panel opens`).not.toEqual([]);
  }
  // The stylesheets apply: the editor is laid out by monaco's CSS, not as an unstyled stack of divs.
  await expect(page.locator('.monaco-editor .view-lines').first()).toHaveCSS('position', 'absolute');
});

test('the editor is usable while the TypeScript worker has not arrived, and the worker is asked for only when the language services start', async ({ page, context }) => {
  // Hold the TypeScript worker back, as a slow network would, until the end of the test.
  const held: { at: number; release(): Promise<void> }[] = [];
  await context.route(/ts\.worker/, (route) => void held.push({ at: Date.now(), release: () => route.continue() }));
  await page.goto('/lessons/idempotency/');
  await page.mouse.move(0, 0);
  await page.locator('#sandbox').scrollIntoViewIfNeeded();
  await page.getByRole('button', { name: 'Open the sandbox' }).click();
  const editor = page.locator('.monaco-editor').first();
  await expect(editor).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('runtime-status')).toHaveText(/Ready: Local runner/, { timeout: 30_000 });

  // Highlighting, typing, file tabs and running the checks all work without it.
  await expect(editor.locator('.view-lines span[class*="mtk"]:not(.mtk1)').first()).toBeVisible();
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('// typed before the language services\n');
  await expect(editor.locator('.view-lines')).toContainText('typed before the language services');
  const other = page.locator('.wb-tab:not([aria-selected="true"])').first();
  const otherFile = await other.getAttribute('data-file');
  await other.click();
  await expect(page.locator(`.wb-tab[data-file="${otherFile}"]`)).toHaveAttribute('aria-selected', 'true');
  await expect(editor.locator('.view-lines')).not.toContainText('typed before the language services');
  await page.getByRole('button', { name: '▶ Run checks' }).click();
  await expect(page.locator('.workbench')).toHaveAttribute('data-status', 'ready', { timeout: 40_000 });
  await expect(page.locator('[data-checklist-summary]')).toHaveText(/\d+ of \d+ checks pass/);

  // The hover and keystrokes above started the language services; the worker was asked for after that.
  await expect.poll(() => held.length, { timeout: 15_000 }).toBeGreaterThan(0);
  const started = await page.evaluate(() => performance.getEntriesByName('blast:language-services').map((m) => performance.timeOrigin + m.startTime));
  expect(started).toHaveLength(1);
  expect(held[0]!.at, 'TypeScript worker requested before the language services started').toBeGreaterThanOrEqual(started[0]! - 5);
  await Promise.all(held.map((h) => h.release()));
});
