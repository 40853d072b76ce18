/**
 * The interviewer-led troubleshooting interview: the interviewer's window (/interview/live/interviewer/)
 * and the candidate's window in the same browser, talking over a BroadcastChannel. A nudge is sent and
 * seen, the candidate's looks reach the interviewer, and the report lists the nudge and the scores.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, seriousViolations, test } from './fixtures';
import { NUDGES } from '../../src/interview/interviewer';

/** Opens the interview from /interview/live/ and the candidate's window from its link; both joined. */
async function openInterview(context: BrowserContext, page: Page) {
  await page.goto('/interview/live/');
  await page.getByRole('link', { name: 'Interview someone' }).click();
  await page.getByLabel("Candidate's name (optional)").fill('Ada');
  await page.getByRole('button', { name: 'Open the interview room' }).click();
  const href = await page.getByTestId('candidate-link').getAttribute('href');
  expect(href).toMatch(/\/interview\/live\/candidate\/\?room=[A-Z0-9]{6}$/);
  const candidate = await context.newPage();
  await candidate.goto(href!);
  await candidate.getByLabel('Your name (optional)').fill('Ada');
  await candidate.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByTestId('candidate-status')).toHaveText('Joined: Ada');
  // The candidate's console follows the interviewer's run (no transport of its own).
  // The interviewer's window warms the drill up first (five simulated minutes): slow on a busy machine.
  await expect(candidate.getByRole('region', { name: 'Service map' })).toBeVisible({ timeout: 120_000 });
  return candidate;
}

test('an interviewer-led interview: a nudge sent and seen, the candidate\'s looks logged, the report lists the nudge and the scores', async ({ context, page }) => {
  // The report replays the whole drill and each action's effect in a worker: allow for a slow machine (a hang guard).
  test.setTimeout(420_000);
  const candidate = await openInterview(context, page);

  // The interviewer runs the clock to the page alert.
  await page.getByRole('button', { name: 'Run to next alert' }).click();
  await expect(candidate.getByTestId('alerts-summary')).toContainText('firing', { timeout: 60_000 });

  // The candidate looks: filters the logs to errors (logged once the filter settles) and opens a map node.
  await candidate.getByRole('region', { name: 'Logs' }).getByLabel('Level').selectOption('error');
  const activity = page.getByTestId('candidate-activity');
  await expect(activity).toContainText('looked at logs: filtered: level error');
  await candidate.locator('.map-node[data-node="edge"]').click();
  await expect(activity).toContainText('looked at service-map: Edge');

  // One prepared nudge about triage: logged with its time, shown in the candidate's window.
  const nudge = NUDGES.triage[1]!;
  await page.locator('.nudge-palette summary', { hasText: 'Triage and scope' }).click();
  await page.getByRole('button', { name: nudge }).click();
  await expect(page.getByTestId('nudges-sent')).toContainText(nudge);
  await expect(candidate.getByTestId('candidate-nudges')).toContainText(`Interviewer ${nudge}`);

  // The candidate acknowledges; the interviewer scores triage live and writes a note.
  await candidate.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(activity).toContainText('acknowledge');
  await page.locator('fieldset[data-dimension="triage"]').getByRole('radio', { name: /^2 · Developing/ }).check();
  await page.getByLabel('Note on triage and scope').fill('Went to the logs before the timeline.');
  await page.getByLabel('Interviewer notes', { exact: true }).fill('Thought aloud throughout.');

  await page.getByRole('button', { name: 'Build the report' }).click();
  const report = page.getByTestId('live-result');
  await expect(report.getByRole('heading', { level: 2 })).toHaveText(/^Result: \d+ \/ 20$/, { timeout: 150_000 });
  await expect(report).toContainText('Hints and nudges0 + 1 (−1)');
  await expect(report.getByTestId('result-help')).toContainText(`nudge: (Triage and scope) ${nudge}`);
  await expect(report.getByTestId('result-interviewer-scores')).toContainText('Triage and scope: 2 · Developing');
  await expect(report.getByTestId('result-interviewer-scores')).toContainText('Went to the logs before the timeline.');
  await expect(report.getByLabel('Interviewer notes')).toHaveValue('Thought aloud throughout.');
  // The looks are the evidence: the log filter and the map node before the first action that changed anything.
  await expect(report.locator('[data-dimension="investigation"]')).toContainText('looked at logs (filtered: level error)');
});

/** Presses Tab until the focused element's accessible text matches (keyboard-only use). */
async function tabTo(page: Page, name: RegExp, max = 120) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      return el.getAttribute('aria-label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ?? el.closest('label')?.textContent ?? el.textContent ?? '';
    });
    if (name.test(label.trim())) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

test('keyboard only: the interviewer opens the room, sends a nudge and scores a dimension', async ({ page }) => {
  await page.goto('/interview/live/interviewer/');
  await tabTo(page, /^Candidate's name/);
  await page.keyboard.type('Grace');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('interview-room')).toHaveText(/^[A-Z0-9]{6}$/);
  await tabTo(page, /^Investigation$/);
  await page.keyboard.press('Enter');
  await tabTo(page, new RegExp(`^${NUDGES.investigation[1]!.replace(/[?.]/g, '\\$&')}`));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('nudges-sent')).toContainText(NUDGES.investigation[1]!);
  await tabTo(page, /^Your own nudge/);
  await page.keyboard.type('What does the error rate say now?');
  await tabTo(page, /^Send nudge/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('nudges-sent').getByRole('listitem')).toHaveCount(2);
  await tabTo(page, /^1 · Not yet/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('fieldset[data-dimension="triage"]').getByRole('radio', { name: /^3 · Solid/ })).toBeChecked();
});

/** axe on the page around the console: the console itself (large, slow to analyse) is checked in console.spec.ts and workshop.spec.ts. */
async function checkPage(page: Page, what: string) {
  expect(await seriousViolations(page, { exclude: '.console-app' }), what).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${what}: page width`).toBeLessThanOrEqual(375);
}

test('axe finds no serious or critical violations and nothing scrolls sideways at 375 px on both windows, light and dark', async ({ browser }) => {
  test.setTimeout(300_000);
  const context = await browser.newContext({ colorScheme: 'light', viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  const candidate = await openInterview(context, page);
  await page.locator('.nudge-palette summary', { hasText: 'Communication and command' }).click();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await candidate.emulateMedia({ colorScheme: scheme });
    await checkPage(page, `the interviewer view (${scheme})`);
    await checkPage(candidate, `the candidate view (${scheme})`);
    await page.screenshot({ path: test.info().outputPath(`interviewer-${scheme}.png`), fullPage: true });
    await candidate.screenshot({ path: test.info().outputPath(`candidate-${scheme}.png`) });
  }
  await context.close();
});
