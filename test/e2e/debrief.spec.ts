import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, seriousViolations as axeViolations, test } from './fixtures';

// The debrief as a learner meets it after the Friday deploy drill (v2 goes out at T+05:00 and fails
// a quarter of requests; a rollback mitigates it). Waits are on what the page shows, never on wall
// time. Every request outside localhost is aborted by the fixture.
const DRILL = '/drills/bad-deploy/?seed=42';
const LONG = { timeout: 240_000 };

const panel = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

// axe in the page (fixtures.ts says why), on the end screen only.
const seriousViolations = (page: Page) => axeViolations(page, '.end');

/** Plays the rest of the drill at once (the console's own control) and waits for the end screen. */
async function finish(page: Page) {
  await page.getByRole('button', { name: 'Skip to the end' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /Drill (passed|not passed)/ })).toBeVisible(LONG);
}

test('the debrief: grade against par, measured effects, faults revealed, rewind and branch, the postmortem', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto(DRILL);
  await page.getByRole('button', { name: 'Start the drill' }).click(LONG);
  await expect(page.getByRole('timer', { name: 'Simulated time' })).toHaveText(/^T\+\d\d:\d\d$/, LONG);

  // Two wall-clock minutes without a move (Date.now moved on; timers keep running): the hint ladder is offered.
  await page.clock.setFixedTime(Date.now() + 130_000);
  const hints = page.getByRole('complementary', { name: 'Hints' });
  await hints.getByRole('button', { name: 'Show a hint: a question to ask' }).click();
  await expect(hints).toContainText('What changed just before the errors started?');
  await hints.getByRole('button', { name: 'Next hint: where to look' }).click();
  await expect(hints).toContainText('deploy markers');
  await expect(hints).not.toContainText('Roll back to the last good version'); // the third rung stays in the worker

  // Run to the page, acknowledge it, roll back: the key action.
  await page.getByRole('button', { name: 'Run to next alert' }).click();
  const alerts = panel(page, 'Alerts');
  await expect(alerts.locator('.alert-row[data-state="firing"]').first()).toBeVisible(LONG);
  await alerts.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(alerts.getByTestId('alerts-summary')).toContainText('acknowledged at T+');
  await panel(page, 'Actions').getByRole('button', { name: 'Rollback', exact: true }).click();
  await expect(page.getByTestId('last-result')).toContainText('rollback');
  await finish(page);

  // The grade against par, once the worker has replayed par and doing nothing.
  await expect(page.getByTestId('debrief-grade')).toHaveText(/^(A\+|[A-DF])$/, LONG);
  await expect(page.getByRole('table', { name: /Your run, the reference play and doing nothing/ })).toContainText('Par (reference play)');

  // The hints taken are in the debrief and in the postmortem's timeline.
  await expect(page.getByRole('region', { name: 'Hints you took' }).getByRole('listitem')).toHaveCount(2);

  // Each action measured, with a named progress bar while the replays run.
  await expect(page.getByRole('progressbar', { name: 'Replaying runs for the debrief' })).toBeVisible();
  const effects = page.locator('.debrief__effects li');
  await expect(effects.filter({ hasText: 'rollback' })).toContainText(/helped: [\d,]+ failed requests saved/, LONG);

  // Faults revealed: the hidden fault's id, its band on the charts, and the page it caused.
  await expect(page.getByTestId('faults-revealed')).toContainText('v2-errors');
  await expect(page.locator('.debrief__chart canvas').first()).toBeVisible();
  await expect(page.locator('.debrief__chart [role="img"]').first()).toHaveAttribute('aria-label', /shaded: fault v2-errors/);
  await expect(page.locator('.debrief__alerts')).toContainText(/because of fault v2-errors/);

  // The postmortem draft: edit it and download it as Markdown and JSON.
  await expect(page.getByLabel('Owner of action item 1')).toBeVisible(LONG);
  await page.getByLabel('Owner of action item 1').fill('Sam from the platform team');
  await page.getByLabel('Summary', { exact: true }).fill('v2 failed a quarter of checkout requests until we rolled back.');
  const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Markdown' }).click()]);
  const markdown = await readFile((await md.path())!, 'utf8');
  expect(markdown).toContain('v2 failed a quarter of checkout requests until we rolled back.');
  expect(markdown).toContain('| Sam from the platform team |');
  expect(markdown).toMatch(/action: rollback/);
  expect(markdown).toMatch(/hint: hint 1 shown: What changed just before the errors started\?/);
  const [js] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
  const json = JSON.parse(await readFile((await js.path())!, 'utf8')) as { timeline: unknown[]; actionItems: { owner: string }[] };
  expect(json.actionItems[0]!.owner).toBe('Sam from the platform team');
  await expect(page.getByTestId('postmortem-timeline').locator('tbody tr')).toHaveCount(json.timeline.length);
  // The edits are saved after a pause in typing: "Saving…" until then, so this waits for the edited draft.
  await expect(page.getByText('Saved with this run in your progress.')).toBeVisible();
  const saved = await page.evaluate(() => localStorage.getItem('blast-radius:progress'));
  expect(saved).toContain('Sam from the platform team');

  // Axe on the debrief in both themes, and a look at it.
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page), `${scheme} theme`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: 'test-results/debrief-desktop.png', fullPage: true });

  // Rewind to a second before the rollback, and scale out instead.
  const rollbackAt = (await effects.filter({ hasText: 'rollback' }).locator('.debrief__when').textContent())!;
  const [, mm, ss] = /T\+(\d\d):(\d\d)/.exec(rollbackAt)!;
  const before = Number(mm) * 60 + Number(ss) - 1;
  // A range input: set it as a drag would, through the native setter and an input event.
  await page.getByLabel(/Second to view/).evaluate((el, v) => {
    const input = el as HTMLInputElement;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, String(v));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, before);
  await expect(page.getByTestId('second-view')).toContainText(`T+${String(Math.floor(before / 60)).padStart(2, '0')}:${String(before % 60).padStart(2, '0')}`);
  await page.getByRole('button', { name: 'Rewind', exact: true }).click();
  const clock = page.getByRole('timer', { name: 'Simulated time' });
  await expect(clock).toHaveText(`T+${String(Math.floor(before / 60)).padStart(2, '0')}:${String(before % 60).padStart(2, '0')}`, LONG);
  const scale = page.locator('form[data-action="scale"]');
  await scale.getByLabel('Instances').fill('8');
  await scale.getByRole('button', { name: 'Scale' }).click();
  await expect(page.getByTestId('last-result')).toContainText('scaling to 8');
  await finish(page);

  // The branch is compared with the run it left.
  await expect(page.getByRole('heading', { level: 2, name: /branch 2/ })).toBeVisible();
  const branches = page.getByTestId('branches');
  await expect(branches.locator('tbody tr')).toHaveCount(2);
  await expect(branches).toContainText(/rewound from 1 at T\+/);
  await expect(page.getByTestId('debrief-grade')).toHaveText(/^(A\+|[A-DF])$/, LONG);
  await page.getByRole('button', { name: 'Share branch 2' }).click();
  await expect(page.getByLabel('Link to branch 2')).toHaveValue(/\/drills\/bad-deploy\/\?run=/);

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page), `${scheme} theme, with branches`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: 'test-results/debrief-branches.png', fullPage: true });

  // A phone: no sideways scroll.
  await page.setViewportSize({ width: 375, height: 800 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/debrief-375.png', fullPage: true });
});
