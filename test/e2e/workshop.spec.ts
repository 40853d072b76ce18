/**
 * A workshop end to end against `npm run workshop` (the relay, serving the built pages): a
 * facilitator and two players in separate browser contexts on loopback, a raw WebSocket client
 * sending bad messages, accessibility of both pages in both themes and at 375 px.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import WebSocket from 'ws';
import { findHidden } from './hidden-data';
import { expect, PAGE_BACKGROUND, root, seriousViolations, test } from './fixtures';

// The workshop pages are held to WCAG 2.1 A and AA (not axe's best practices, which the course's own pages also meet).
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const BASE_PORT = Number(process.env.WORKSHOP_E2E_PORT ?? 4415);
let PORT = BASE_PORT;
let ORIGIN = `http://127.0.0.1:${PORT}`;
let relay: ChildProcess | null = null;

test.beforeAll(async ({}, testInfo) => {
  // A relay per Playwright worker, each on its own port: this file's tests may run on two workers at once.
  PORT = BASE_PORT + testInfo.parallelIndex;
  ORIGIN = `http://127.0.0.1:${PORT}`;
  // The site is built by the config's web server (`npm start`) before any test runs.
  relay = spawn('npm', ['run', 'workshop', '--', '--port', String(PORT)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the relay did not start:\n${out}`)), 60_000);
    const on = (d: Buffer) => {
      out += String(d);
      if (out.includes('Facilitator: http')) {
        clearTimeout(timer);
        resolve();
      }
      if (out.includes('No built site')) reject(new Error(out));
    };
    relay!.stdout!.on('data', on);
    relay!.stderr!.on('data', on);
    relay!.once('exit', (code) => reject(new Error(`the relay exited (${code}):\n${out}`)));
  });
});

test.afterAll(async () => {
  if (!relay?.pid || relay.exitCode !== null || relay.signalCode !== null) return;
  // Waited for: this worker may start a relay on the same port for a later test of this file.
  const closed = new Promise((resolve) => relay!.once('close', resolve));
  process.kill(-relay.pid, 'SIGTERM');
  await closed;
});

const opened: BrowserContext[] = [];
test.afterEach(async () => {
  // A failed test must not leave its pages (and their simulations) running into the next one.
  for (const c of opened.splice(0)) await c.close().catch(() => {});
});

async function openRoom(browser: Browser, drill = 'bad-deploy') {
  const context = await browser.newContext();
  opened.push(context);
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/workshop/`);
  await page.getByLabel('Drill').selectOption(drill);
  await page.getByLabel('Seed').fill('7');
  await page.getByRole('button', { name: 'Create room' }).click();
  const code = (await page.getByTestId('room-code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{6}$/);
  // The warm-up (30 simulated minutes) takes a while in a browser on a busy machine.
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 150_000 });
  return { context, page, code };
}

async function join(browser: Browser, code: string, name: string): Promise<{ context: BrowserContext; page: Page; scripts: string[] }> {
  const context = await browser.newContext();
  opened.push(context);
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on('response', async (r) => {
    if (r.url().endsWith('.js')) scripts.push(await r.text().catch(() => ''));
  });
  await page.goto(`${ORIGIN}/workshop/play/?code=${code}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('region', { name: 'Alerts' })).toBeVisible({ timeout: 90_000 });
  return { context, page, scripts };
}

test('a facilitator runs a drill for two players through the relay', async ({ browser }) => {
  // Generous for a machine under load: the warm-up, the run to the end and the debrief are simulated in the browser.
  test.setTimeout(600_000);
  const fac = await openRoom(browser);
  const ada = await join(browser, fac.code, 'Ada');
  const linus = await join(browser, fac.code, 'Linus');
  const players = fac.page.getByRole('region', { name: 'Players' });
  // Each joined player is listed (with a button to remove them).
  await expect(players.getByRole('button', { name: 'Remove Ada' })).toBeVisible();
  await expect(players.getByRole('button', { name: 'Remove Linus' })).toBeVisible();
  // Players follow the facilitator's clock: no transport of their own.
  await expect(ada.page.getByRole('button', { name: 'Play', exact: true })).toHaveCount(0);
  await expect(ada.page.getByText('The facilitator runs the clock.')).toBeVisible();

  // The facilitator fires the scripted fault now and runs to the page alert.
  await fac.page.getByRole('button', { name: 'Fire v2-errors now' }).click();
  await expect(fac.page.getByRole('region', { name: 'Script' }).getByText(/Active since T\+00:00/)).toBeVisible();
  await fac.page.getByRole('button', { name: 'Run to next alert' }).click();
  await expect(fac.page.getByTestId('alerts-summary')).toContainText('firing', { timeout: 30_000 });
  for (const p of [ada, linus]) await expect(p.page.getByTestId('alerts-summary')).toContainText('firing');

  // One player acknowledges, the other rolls back; the facilitator sees both, attributed.
  await ada.page.getByRole('region', { name: 'Alerts' }).getByRole('button', { name: 'Acknowledge' }).click();
  await linus.page.getByRole('region', { name: 'Actions' }).getByRole('button', { name: 'Rollback' }).click();
  const log = fac.page.getByRole('region', { name: 'Session log' });
  await expect(log.getByText(/acknowledge/)).toBeVisible();
  await expect(log.locator('li', { hasText: 'acknowledge' })).toContainText('Ada');
  await expect(log.locator('li', { hasText: 'rollback' })).toContainText('Linus');
  await expect(linus.page.getByRole('region', { name: 'Messages' }).locator('li', { hasText: 'Ada' })).toBeVisible();
  await fac.page.getByRole('button', { name: 'Step' }).click();
  await expect(linus.page.getByTestId('alerts-summary')).toContainText('acknowledged');

  // A raw client's malformed and forged messages are refused; the session carries on.
  const raw = new WebSocket(`ws://127.0.0.1:${PORT}/relay`);
  const replies: { type: string; code?: string }[] = [];
  raw.on('message', (d) => replies.push(JSON.parse(String(d))));
  await new Promise((r) => raw.once('open', r));
  raw.send('{ this is not json');
  raw.send(JSON.stringify({ type: 'to-players', message: { kind: 'stakeholder', at: 0, from: 'Forged', text: 'rm -rf' } }));
  raw.send(JSON.stringify({ type: 'join', code: fac.code, name: 'Mallory' }));
  await expect.poll(() => replies.filter((r) => r.type === 'error' || r.type === 'joined').map((r) => (r.type === 'error' ? r.code : r.type))).toEqual(['malformed', 'wrong-role', 'joined']);
  raw.send(JSON.stringify({ type: 'to-players', message: { kind: 'stakeholder', at: 0, from: 'Forged', text: 'rm -rf' } }));
  raw.send(JSON.stringify({ type: 'action', action: { kind: 'act', action: { type: 'inject-fault', fault: { type: 'cache-flush' } } } }));
  await expect.poll(() => replies.filter((r) => r.type === 'error').map((r) => r.code)).toEqual(['malformed', 'wrong-role', 'wrong-role']);
  raw.close();
  await fac.page.getByLabel('Message to the players').fill('Support has 40 tickets about errors. ETA?');
  await fac.page.getByRole('button', { name: 'Send to players' }).click();
  for (const p of [ada, linus]) await expect(p.page.getByRole('region', { name: 'Messages' })).toContainText('40 tickets');
  await expect(ada.page.getByText('Forged')).toHaveCount(0);
  await expect(log.locator('li[data-kind="refused"]', { hasText: 'Mallory' })).toContainText('Players do not inject faults');

  // A player reloads and catches up, as the same player.
  await ada.page.reload();
  await expect(ada.page.getByTestId('alerts-summary')).toContainText('acknowledged', { timeout: 60_000 });
  await expect(players.locator('li', { hasText: 'Ada' })).toHaveCount(1);

  // Two notes during the run: one stays private, one the facilitator shares in the debrief.
  for (const text of ['PRIVATE-E2E they skipped the deploy history', 'Good call on rolling back first']) {
    await fac.page.getByLabel('Private note').fill(text);
    await fac.page.getByRole('button', { name: 'Add note' }).click();
  }

  // The debrief: the session with the notes on its timeline, attributed actions, what we knew at a minute.
  await fac.page.getByRole('button', { name: 'Skip to the end' }).click();
  const session = fac.page.getByRole('region', { name: 'The session, minute by minute' });
  await expect(session).toBeVisible({ timeout: 120_000 });
  await expect(session.locator('li[data-kind="note"]', { hasText: 'PRIVATE-E2E' })).toContainText('Note (private)');
  await session.getByRole('button', { name: /Share with the team/ }).nth(1).click();
  await expect(session.locator('li[data-kind="note"]', { hasText: 'rolling back first' })).not.toContainText('(private)');
  await expect(fac.page.getByRole('region', { name: 'What each action did' }).locator('li', { hasText: 'rollback' })).toContainText('Linus:');
  await expect(fac.page.locator('.end')).toContainText('A team run: it is not saved to anyone’s progress.');
  const known = fac.page.getByRole('region', { name: /What we knew at minute/ });
  const minute = await known.getByLabel('Minute').getAttribute('max');
  await known.getByLabel('Minute').fill(minute!);
  await expect(known).toContainText(`What we knew at minute ${minute}`);
  await expect(known.locator('dd').nth(2)).toContainText('Ada');
  await expect(known).not.toContainText('v2-errors');

  // The projector: large type, one column, at 1280x720; the private note stays off it.
  await fac.page.setViewportSize({ width: 1280, height: 720 });
  await fac.page.getByRole('button', { name: 'Projector view' }).click();
  await expect(fac.page.getByRole('region', { name: 'Script' })).toHaveCount(0);
  await expect(session).toContainText('rolling back first');
  await expect(session).not.toContainText('PRIVATE-E2E');
  expect(await fac.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  expect(await seriousViolations(fac.page, { exclude: '[data-node]' }, WCAG_AA), 'projector debrief').toEqual([]);
  await fac.page.screenshot({ path: 'test-results/workshop-projector.png' });

  // Players get the team's debrief: the shared note, never the private one.
  for (const p of [ada, linus]) {
    const debrief = p.page.getByRole('region', { name: 'Debrief: the session, minute by minute' });
    await expect(debrief).toContainText('rolling back first');
    await expect(debrief.locator('li', { hasText: 'rollback' })).toContainText('Linus');
    await expect(p.page.getByText(/PRIVATE-E2E/)).toHaveCount(0);
  }

  // Nothing hidden reached a player's page: not in the scripts it loaded, not on screen (the
  // built pages' whole module graphs are checked in hidden-data.spec.ts).
  for (const p of [ada, linus]) {
    expect(await p.page.content()).not.toContain('PRIVATE-E2E');
    const content = await p.page.content();
    expect(findHidden(content), 'on the player page').toEqual([]);
    expect(content).not.toContain('v2-errors');
    expect(p.scripts.length).toBeGreaterThan(0);
    expect(findHidden(p.scripts.join('\n')), "in the player page's scripts").toEqual([]);
  }
  await fac.page.screenshot({ path: 'test-results/workshop-facilitator.png', fullPage: true });
  await ada.page.screenshot({ path: 'test-results/workshop-player.png', fullPage: true });
  for (const c of [fac.context, ada.context, linus.context]) await c.close();
});

test('one machine, two windows: the facilitator opens a players\' window (no relay needed), pauses for discussion, and the window keeps its messages on reload', async ({ browser }) => {
  test.setTimeout(400_000);
  const context = await browser.newContext();
  opened.push(context);
  const fac = await context.newPage();
  // Served by `npm start` here, not by the relay: this mode needs no server beyond the static pages.
  await fac.goto('/workshop/');
  await fac.getByLabel('Drill').selectOption('bad-deploy');
  await fac.getByLabel('Seed').fill('7');
  await fac.getByLabel(/On this machine/).check();
  await expect(fac.getByLabel('Relay address')).toHaveCount(0);
  await fac.getByRole('button', { name: 'Create room' }).click();
  await expect(fac.getByTestId('room-code')).toHaveText(/^[A-Z2-9]{6}$/);
  await expect(fac.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 150_000 });
  const [win] = await Promise.all([context.waitForEvent('page'), fac.getByRole('button', { name: 'Open the players’ window' }).click()]);
  const scripts: string[] = [];
  win.on('response', async (r) => {
    if (r.url().endsWith('.js')) scripts.push(await r.text().catch(() => ''));
  });
  await expect(win.getByRole('region', { name: 'Alerts' })).toBeVisible({ timeout: 90_000 });
  await expect(win.getByText('The facilitator runs the clock.')).toBeVisible();
  await expect(fac.getByRole('region', { name: 'Players' }).getByRole('button', { name: 'Remove Projector' })).toBeVisible();

  // The fault, the alert on the projector.
  await fac.getByRole('button', { name: 'Fire v2-errors now' }).click();
  await fac.getByRole('button', { name: 'Run to next alert' }).click();
  await expect(win.getByTestId('alerts-summary')).toContainText('firing', { timeout: 30_000 });

  // Discussion: the clock stops, the window shows the question until the facilitator resumes.
  await fac.getByLabel('Question for the team').fill('What changed just before the errors?');
  await fac.getByRole('button', { name: 'Pause for discussion' }).click();
  const discussion = win.getByRole('region', { name: 'Paused for discussion' });
  await expect(discussion).toContainText('What changed just before the errors?');
  await expect(fac.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await fac.getByLabel('Message to the players').fill('Support has 40 tickets about errors. ETA?');
  await fac.getByRole('button', { name: 'Send to players' }).click();
  await expect(win.getByRole('region', { name: 'Messages' })).toContainText('40 tickets');
  await win.screenshot({ path: 'test-results/workshop-local-window.png', fullPage: true });
  await fac.screenshot({ path: 'test-results/workshop-local-facilitator.png', fullPage: true });

  // A reload of the window keeps its messages and rejoins as the same player, still in the discussion.
  await win.reload();
  await expect(win.getByRole('region', { name: 'Messages' })).toContainText('40 tickets');
  await expect(discussion).toBeVisible({ timeout: 30_000 });
  await expect(win.getByTestId('alerts-summary')).toContainText('firing', { timeout: 30_000 });
  await expect(fac.getByRole('region', { name: 'Players' }).locator('li', { hasText: 'Projector' })).toHaveCount(1);
  await fac.getByRole('button', { name: 'Resume the run' }).click();
  await expect(discussion).toHaveCount(0);
  await expect(fac.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  const log = fac.getByRole('region', { name: 'Session log' });
  await expect(log.locator('li[data-kind="discussion"]')).toHaveCount(2);

  expect(findHidden(await win.content()), 'on the players\' window').toEqual([]);
  expect(scripts.length).toBeGreaterThan(0);
  expect(findHidden(scripts.join('\n')), "in the players' window's scripts").toEqual([]);
});

// Both themes on one room and one player: joining by keyboard is the same in either, the theme only repaints
// (both pages follow the system's theme, switched here by the emulated scheme).
test('both workshop pages pass axe in the light and dark themes, by keyboard, at 375 px', async ({ browser }) => {
  test.setTimeout(300_000);
  const fac = await openRoom(browser);
  const context = await browser.newContext({ colorScheme: 'light', viewport: { width: 375, height: 800 } });
  opened.push(context);
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/workshop/play/`);
  // Keyboard only: Tab into the form, type, Enter.
  await page.getByLabel('Room code').focus();
  await page.keyboard.type(fac.code);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Keyboard Kim');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /Keyboard Kim/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('The facilitator runs the clock.')).toBeVisible({ timeout: 90_000 });
  for (const scheme of ['light', 'dark'] as const) {
    for (const p of [page, fac.page]) {
      await p.emulateMedia({ colorScheme: scheme });
      await expect(p.locator('body')).toHaveCSS('background-color', PAGE_BACKGROUND[scheme]);
      // The service map's nodes (src/components/console/ServiceMap.tsx, the console's own component, shared with
      // the drill pages) have a label-content-name-mismatch that belongs to the console's work, not this page's.
      expect(await seriousViolations(p, { exclude: '[data-node]' }, WCAG_AA), `${p === page ? 'player page' : 'facilitator page'} (${scheme})`).toEqual([]);
    }
    await page.screenshot({ path: `test-results/workshop-player-375-${scheme}.png`, fullPage: true });
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await fac.page.setViewportSize({ width: 375, height: 800 });
  expect(await fac.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  for (const scheme of ['light', 'dark'] as const) {
    await fac.page.emulateMedia({ colorScheme: scheme });
    await fac.page.screenshot({ path: `test-results/workshop-facilitator-375-${scheme}.png`, fullPage: true });
  }
  await context.close();
  await fac.context.close();
});
