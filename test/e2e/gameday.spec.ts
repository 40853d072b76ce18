import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { dump } from 'js-yaml';
import { test, expect, PAGE_BACKGROUND, seriousViolations } from './fixtures';
import { freePlayScenario } from '../../src/console/presets';

const LONG = { timeout: 120_000 };
// Page load and hydration on a CI machine at load 25 (the islands here are client:load).
const HYDRATED = { timeout: 30_000 };
const SHOTS = 'test-results/gameday';

/** A small team drill: the quiet system, a crash after a minute, five minutes of play. */
function teamDrill(): string {
  const base = freePlayScenario('minimal', 'quiet');
  return dump({
    ...base,
    id: 'team-drill',
    title: 'Team drill: one instance dies',
    briefing: 'Our own drill. Something will happen to an instance; keep the service up.',
    durationSeconds: 300,
    faults: [{ type: 'instance-crash', at: 60, count: 1 }],
    success: [{ type: 'error-budget', maxBurnedPercent: 50 }],
  });
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'pixels of sideways scroll').toBeLessThanOrEqual(0);
}

/**
 * /drills/ once React has taken its file picker over (client:load): a file set on the server-rendered
 * field before that fires no change handler, and nothing is ever reported.
 */
async function openPicker(page: Page) {
  await page.goto('/drills/');
  await expect(page.locator('.scenario-picker')).toHaveAttribute('data-hydrated', 'true', HYDRATED);
  return page.getByLabel('Scenario file (JSON or YAML), or drop it here');
}

/** The game-day designer answers once React has taken it over (client:load); at load that can come after the first key. */
async function designerHydrated(page: Page) {
  await expect(page.getByRole('form', { name: 'Design a game day' })).toHaveAttribute('data-hydrated', 'true', HYDRATED);
}

/** Presses Enter on a control reached by focus, as a keyboard user does. */
async function press(page: Page, name: string | RegExp, role: 'button' | 'link' = 'button') {
  await page.getByRole(role, { name }).focus();
  await page.keyboard.press('Enter');
}

test('a scenario file: a bad one is refused naming the field, a good one plays as a drill and survives a reload', async ({ page }) => {
  // A hang guard: the drill warms up and plays in the browser (the Staff test below took 140-150 s at load 25).
  test.setTimeout(300_000);
  const picker = await openPicker(page);
  const bad = teamDrill().replace('type: instance-crash', 'type: instance-crash-everything');
  await picker.setInputFiles({ name: 'bad-drill.yaml', mimeType: 'application/yaml', buffer: Buffer.from(bad) });
  const problems = page.getByTestId('scenario-file-problems');
  await expect(problems).toContainText('bad-drill.yaml');
  await expect(problems).toContainText(/faults\.0\.type: .*\(line \d+\)/);
  await expect(problems).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/picker-errors.png`, fullPage: true });

  await picker.setInputFiles({ name: 'team-drill.yaml', mimeType: 'application/yaml', buffer: Buffer.from(teamDrill()) });
  await page.waitForURL('**/drills/custom/');
  await expect(page.getByRole('heading', { level: 1, name: 'Team drill: one instance dies' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Team drill: one instance dies' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start the drill' })).toBeFocused(LONG);
  await page.keyboard.press('Enter');
  await press(page, 'Skip to the end');
  await expect(page.getByRole('heading', { level: 2, name: /^Scenario (passed|not passed)/ })).toBeVisible(LONG);
  await expect(page.getByText('A scenario from a file: its result is not saved to your progress.')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/custom-end.png` });
});

test('the Staff checkpoint: design a game day by keyboard, fix a field, run it, export it, and load the export back', async ({ page }) => {
  // A hang guard, not a speed check: it timed out once at 150 s at load 25 (warm-up, a run, two more page loads).
  test.setTimeout(300_000);
  await page.goto('/drills/game-day/');
  await designerHydrated(page);
  const title = page.getByLabel('Title');
  await title.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Payments slow at peak');
  await page.getByLabel(/^Length/).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('5');
  // One fault (the example's slow payment provider), two steady-state conditions, one abort condition; break a threshold.
  await expect(page.locator('fieldset.gameday__fault')).toHaveCount(1);
  const threshold = page.getByRole('group', { name: 'Condition 1', exact: true }).getByLabel(/^Threshold/);
  await threshold.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('one percent');
  await press(page, 'Run the game day');
  await expect(page.getByTestId('gameday-errors')).toContainText('One field needs fixing');
  await expect(threshold).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('group', { name: 'Condition 1', exact: true })).toContainText('Give the threshold as a number in %.');
  await page.screenshot({ path: `${SHOTS}/designer-error.png`, fullPage: true });
  await threshold.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('1');
  const abortFor = page.getByRole('group', { name: 'Abort condition 1' }).getByLabel(/^For/);
  await expect(abortFor).toHaveValue('30');

  await press(page, 'Run the game day');
  await page.waitForURL('**/drills/custom/');
  await expect(page.getByRole('heading', { level: 1, name: 'Game day: Payments slow at peak' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start the drill' })).toBeFocused(LONG);
  await page.keyboard.press('Enter');
  await press(page, 'Skip to the end');
  await expect(page.getByRole('heading', { level: 2, name: /^Game day (over|aborted)/ })).toBeVisible(LONG);
  await expect(page.getByRole('heading', { level: 3, name: /^Steady-state hypothesis (held|did not hold)$/ })).toBeVisible();
  await expect(page.locator('.gameday-verdict li')).toHaveCount(2);
  await page.locator('.gameday-verdict').screenshot({ path: `${SHOTS}/verdict.png` });

  const download = page.waitForEvent('download');
  await press(page, 'Export as YAML');
  const file = await download;
  expect(file.suggestedFilename()).toBe('game-day-payments-slow-at-peak.yaml');
  await expect(page.getByRole('status').filter({ hasText: 'Staff checkpoint passed' })).toBeVisible();
  const progress = await page.evaluate(() => localStorage.getItem('blast-radius:progress') ?? '');
  expect(JSON.parse(progress)).toMatchObject({ drills: { 'checkpoint-staff': { best: { passed: true } } }, checkpoints: { staff: { drill: 'checkpoint-staff' } } });

  // The export loads through "Play a scenario file" like any scenario.
  const text = readFileSync(await file.path(), 'utf8');
  expect(text).toContain('gameDay:');
  await (await openPicker(page)).setInputFiles({ name: file.suggestedFilename(), mimeType: 'application/yaml', buffer: Buffer.from(text) });
  await page.waitForURL('**/drills/custom/');
  await expect(page.getByRole('heading', { level: 1, name: 'Game day: Payments slow at peak' })).toBeVisible();
  await expect(page.getByText('game-day-payments-slow-at-peak.yaml')).toBeVisible();
});

test('375 px wide: the picker and the designer have no sideways scroll', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await openPicker(page);
  await noSidewaysScroll(page);
  await page.locator('.scenario-picker').screenshot({ path: `${SHOTS}/picker-375.png` });
  await page.goto('/drills/game-day/');
  await designerHydrated(page);
  await noSidewaysScroll(page);
  await page.screenshot({ path: `${SHOTS}/designer-375.png`, fullPage: true });
});

/** axe in the light theme, then the dark (the page follows the emulated scheme). */
async function axeBothThemes(page: Page, what: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('body')).toHaveCSS('background-color', PAGE_BACKGROUND[scheme]);
    expect(await seriousViolations(page), `${what} (${scheme})`).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/${what.replace(/\W+/g, '-')}-${scheme}.png` });
  }
}

test('axe, light and dark themes: the picker with a refused file and the designer with an error', async ({ page }) => {
  await (await openPicker(page)).setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"id": "x",}') });
  await expect(page.getByTestId('scenario-file-problems')).toContainText('not valid JSON');
  await axeBothThemes(page, 'picker');
  await page.goto('/drills/game-day/');
  await designerHydrated(page);
  await page.getByLabel('Title').fill('');
  await page.getByRole('button', { name: 'Export as JSON' }).click();
  await expect(page.getByTestId('gameday-errors')).toContainText('One field needs fixing');
  await axeBothThemes(page, 'designer');
});
