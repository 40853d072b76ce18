import type { Page } from '@playwright/test';
import { expect, PAGE_BACKGROUND, seriousViolations as axeViolations, test } from './fixtures';

// The incident console as a learner uses it: the Friday deploy drill (v2 goes out at T+05:00 and
// fails a quarter of requests; a rollback mitigates it). Waits are on what the page shows, never on
// wall time: the simulation runs at whatever pace this machine allows.
const DRILL = '/drills/bad-deploy/';
const SEED = 42;
const LONG = { timeout: 180_000 };

const edge = (page: Page) => page.locator('.map-node[data-node="edge"]');
const panel = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

const seriousViolations = (page: Page) => axeViolations(page);

async function noSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'pixels of sideways scroll').toBeLessThanOrEqual(0);
}

test('a drill from the catalogue: briefing, play at 10x, page, incident, rollback, resolve; the result stays; a shared link replays it', async ({ page, context }) => {
  test.setTimeout(420_000);
  await page.goto('/');
  await page.getByRole('link', { name: 'Run a drill' }).click();
  await expect(page).toHaveURL(/\/drills\/$/);
  await expect(page.locator('[data-drill-best="bad-deploy"]')).toHaveText('Not tried yet');
  await page.getByRole('link', { name: 'The Friday deploy' }).click();
  await expect(page).toHaveURL(/\/drills\/bad-deploy\/$/);

  // The briefing: what healthy looks like, measured over the warm-up, and what counts as handled well.
  const briefing = page.getByRole('region', { name: 'Briefing' });
  await expect(briefing.getByTestId('baseline')).toContainText('requests/s', LONG);
  await expect(briefing.getByTestId('criteria').getByRole('listitem')).toHaveCount(3);
  await expect(briefing).not.toContainText('v2-errors'); // the fault stays hidden
  await briefing.getByRole('button', { name: 'Start the drill' }).click();

  const clock = page.getByRole('timer', { name: 'Simulated time' });
  await expect(clock).toHaveText(/^T\+\d\d:\d\d$/);
  await page.getByRole('group', { name: 'Speed' }).getByRole('radio', { name: '10x' }).check();
  await expect(page.locator('.clock__speed')).toHaveText('10x');

  // Healthy until the deploy; then the fast-burn page fires.
  const alerts = panel(page, 'Alerts');
  await expect(alerts.locator('.alert-row[data-state="firing"]').first()).toBeVisible(LONG);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(edge(page)).toHaveAttribute('data-status', 'bad');

  await alerts.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(alerts.getByTestId('alerts-summary')).toContainText('acknowledged at T+');

  const incident = panel(page, 'Incident');
  await incident.getByLabel('Severity').selectOption('2');
  await incident.getByRole('button', { name: 'Declare incident' }).click();
  await expect(page.getByTestId('incident-badge')).toHaveText(/SEV-2 open/);

  await panel(page, 'Actions').getByRole('button', { name: 'Rollback', exact: true }).click();
  await expect(page.getByTestId('last-result')).toContainText('rollback');

  // The rollback replaces v2 instance by instance; the edge's errors fall back to healthy.
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(edge(page)).toHaveAttribute('data-status', 'ok', LONG);
  await expect(panel(page, 'Timeline')).toContainText('rollback');
  await page.getByRole('button', { name: 'Pause' }).click();
  await incident.getByRole('button', { name: 'Resolve incident' }).click();
  await expect(page.getByTestId('incident-badge')).toHaveText('SEV-2 resolved');

  // Share the run as it stands; the link opens a replay paused at the same second with the same state.
  await page.getByRole('button', { name: 'Share run' }).first().click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toContain('/drills/bad-deploy/?run=');
  const state = async (p: Page) => ({
    clock: await p.getByRole('timer', { name: 'Simulated time' }).textContent(),
    budget: await p.getByRole('meter', { name: 'Error budget' }).getAttribute('aria-valuenow'),
    map: await p.locator('.service-map__svg').textContent(),
    alerts: await p.getByTestId('alerts-summary').textContent(),
    timeline: await p.getByTestId('timeline').textContent(),
  });
  // What this page shows once its panels have all caught up with the last frame (two reads in a row agree).
  let original = await state(page);
  await expect
    .poll(async () => {
      const again = await state(page);
      const settled = JSON.stringify(again) === JSON.stringify(original);
      original = again;
      return settled;
    })
    .toBe(true);
  const replay = await context.newPage();
  const workers: string[] = [];
  replay.on('worker', (w) => workers.push(w.url()));
  await replay.goto(link);
  await expect(replay.getByRole('timer', { name: 'Simulated time' })).toHaveText(original.clock!, LONG);
  // The panels follow the frames in turns spread over animation frames (frame-ticker.ts): at load the
  // clock can show the second before the map or the timeline does. Every part must come to the same state.
  await expect.poll(() => state(replay)).toEqual(original);
  // The link's load started before the console had loaded, in the one worker the console then took over.
  expect(workers).toHaveLength(1);
  await replay.close();

  // The rest of the drill at once; the result is judged and kept in progress.
  await page.getByRole('button', { name: 'Skip to the end' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /passed/i })).toBeVisible(LONG);
  await page.reload();
  await page.goto('/drills/');
  await expect(page.locator('[data-drill-best="bad-deploy"]')).toContainText('Best:');
  await page.goto('/progress/');
  await expect(page.getByRole('link', { name: 'The Friday deploy' })).toBeVisible();
});

test('the header, a lesson with a drill and the path lead to the console', async ({ page }) => {
  await page.goto('/lessons/deploy-strategies/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Drills' })).toHaveAttribute('href', '/drills/');
  await expect(nav.getByRole('link', { name: 'Simulator' })).toHaveAttribute('href', '/sim/');
  const tryIt = page.getByRole('region', { name: 'Try it in the simulator' });
  await expect(tryIt.getByRole('link', { name: 'Drill: The Friday deploy' })).toHaveAttribute('href', '/drills/bad-deploy/');
  await page.goto('/path/');
  await page.getByRole('link', { name: 'Open the Senior checkpoint drill' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Checkpoint: Senior');
});

test('keyboard only: the same drill without a mouse click', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(`${DRILL}?seed=${SEED}`);
  const start = page.getByRole('button', { name: 'Start the drill' });
  await expect(start).toBeFocused(LONG);
  await page.keyboard.press('Enter');
  const clock = page.getByRole('timer', { name: 'Simulated time' });
  await expect(clock).toHaveText(/^T\+/);

  const palette = async (command: string) => {
    await page.keyboard.press('Control+K');
    const search = page.getByRole('dialog', { name: 'Command palette' }).getByRole('combobox');
    await expect(search).toBeFocused();
    await page.keyboard.type(command);
    await page.keyboard.press('Enter');
    await expect(search).toBeHidden();
  };

  // N runs to the next alert and pauses there.
  await page.keyboard.press('n');
  await expect(panel(page, 'Alerts').locator('.alert-row[data-state="firing"]').first()).toBeVisible(LONG);
  await palette('Acknowledge the page');
  await expect(page.getByTestId('alerts-summary')).toContainText('acknowledged at T+');

  // "Declare incident…" takes focus to the Incident panel; its form is the next thing Tab reaches.
  await palette('Declare incident');
  await expect(panel(page, 'Incident')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Severity')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Declare incident' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('incident-badge')).toHaveText(/open/);

  await palette('Roll back');
  await expect(page.getByTestId('last-result')).toContainText('rollback');

  // Space plays (focus is not on a control), 4 sets 10x, K pauses.
  await page.locator('body').evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('4');
  await page.keyboard.press('Space');
  await expect(page.locator('.clock__speed')).toHaveText('10x');
  await expect(edge(page)).toHaveAttribute('data-status', 'ok', LONG);
  await page.keyboard.press('k');
  await expect(page.locator('.clock__speed')).toHaveText('paused');
  await palette('Resolve the incident');
  await expect(page.getByTestId('incident-badge')).toHaveText(/resolved/);
  await palette('Skip to the end');
  await expect(page.getByRole('heading', { level: 2, name: /passed/i })).toBeVisible(LONG);
});

test('the catalogue lists drills by level and filters them by concept', async ({ page }) => {
  await page.goto('/drills/');
  for (const level of ['Junior', 'Mid', 'Senior', 'Staff']) await expect(page.getByRole('heading', { level: 2, name: level })).toBeVisible();
  const cards = page.locator('.drill-card:visible');
  const all = await cards.count();
  expect(all).toBeGreaterThan(25);
  await page.getByLabel('Concept').selectOption({ index: 1 });
  const shown = await cards.count();
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(all);
  await expect(page.getByRole('status').filter({ hasText: /drills? practise/ })).toContainText(`${shown} drill`);
  const lesson = await page.getByLabel('Concept').inputValue();
  for (const card of await cards.all()) await expect(card).toHaveAttribute('data-lesson', lesson);
  await page.getByLabel('Concept').selectOption('');
  await expect(cards).toHaveCount(all);
});

test('375 px wide: the catalogue, a drill and free play have no sideways scroll', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('/drills/');
  await noSidewaysScroll(page);
  await page.goto(`${DRILL}?seed=${SEED}`);
  await page.getByRole('button', { name: 'Start the drill' }).click(LONG);
  await page.getByRole('button', { name: 'Pause' }).click();
  // On a phone the panels are tabs; each one in turn fits.
  for (const tab of await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab').all()) {
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await noSidewaysScroll(page);
  }
  await page.goto('/sim/');
  await noSidewaysScroll(page);
  await page.getByRole('button', { name: 'Start free play' }).click();
  await expect(page.getByRole('timer', { name: 'Simulated time' })).toBeVisible(LONG);
  await noSidewaysScroll(page);
});

// axe in both themes on one page load (the console follows the system's theme until the learner picks
// one, so switching the emulated scheme switches the page): a drill or free play started once, not per theme.
async function seriousViolationsInBothThemes(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('body')).toHaveCSS('background-color', PAGE_BACKGROUND[scheme]);
    found.push(...(await seriousViolations(page)).map((v) => `${scheme}: ${v}`));
  }
  return found;
}

test.describe('axe, light and dark themes', () => {
  test('/sim/: the setup and a running system', async ({ page }) => {
    test.setTimeout(300_000);
    await page.goto('/sim/');
    expect(await seriousViolationsInBothThemes(page)).toEqual([]);
    await page.getByRole('button', { name: 'Start free play' }).click();
    await expect(page.getByRole('button', { name: 'Inject fault' })).toBeVisible(LONG);
    expect(await seriousViolationsInBothThemes(page)).toEqual([]);
  });

  test('a drill: the briefing and the console with an alert firing', async ({ page }) => {
    test.setTimeout(300_000);
    await page.goto(`${DRILL}?seed=${SEED}`);
    await expect(page.getByRole('button', { name: 'Start the drill' })).toBeVisible(LONG);
    expect(await seriousViolationsInBothThemes(page)).toEqual([]);
    await page.getByRole('button', { name: 'Start the drill' }).click();
    await page.keyboard.press('n');
    await expect(page.locator('.alert-row[data-state="firing"]').first()).toBeVisible(LONG);
    expect(await seriousViolationsInBothThemes(page)).toEqual([]);
  });
});
