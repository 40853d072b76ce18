import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { encodeRun, runRecord, runToJson } from '../../src/console/share';
import { LIVE_INTERVIEW, sampleLog } from '../../src/interview/live';
import { expect, PAGE_BACKGROUND, seriousViolations, test } from './fixtures';
import { QUESTIONS } from '../../src/interview/questions';
import { getExercise } from '../../src/interview/exercises';

/** The learner's calendar day, `days` from now, as the scheduler writes it (YYYY-MM-DD, local time). */
function localDay(days: number, from = new Date()): string {
  const d = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function openPractice(page: Page) {
  await page.goto('/interview/');
  await expect(page.locator('.interview-practice')).toHaveAttribute('data-hydrated', 'true', HYDRATED);
}

// Page load and hydration of a client:load island on a CI machine at load 25.
const HYDRATED = { timeout: 30_000 };
// A lab check runs a simulation in a worker: seconds on a quiet machine, many more at load 25.
const LAB = { timeout: 60_000 };

const junior = QUESTIONS.find((q) => q.level === 'junior')!;

test('a question answered untimed and scored low is scheduled for tomorrow, kept on reload, and due the next day', async ({ page }) => {
  await openPractice(page);
  await page.getByText(/^Junior/).click();
  await page.getByRole('button', { name: `Practise: ${junior.question}` }).click();
  await expect(page.getByRole('heading', { name: junior.question })).toBeFocused();
  await page.getByLabel(/Your answer/).fill('Something vague about experience.');
  await page.getByRole('button', { name: 'Done: score my answer' }).click();
  // The model answer appears only now, after answering.
  await expect(page.getByRole('heading', { name: 'Model answer' })).toBeVisible();
  await page.getByRole('checkbox', { name: junior.rubric.covers[0]! }).check();
  await page.getByRole('checkbox', { name: junior.rubric.redFlags[0]! }).check();
  await page.getByRole('button', { name: 'Save my score' }).click();
  const tomorrow = localDay(1);
  await expect(page.locator('[data-phase="saved"]')).toContainText(`1 of ${junior.rubric.covers.length} points covered`);
  await expect(page.locator('[data-phase="saved"]')).toContainText(`comes back on ${tomorrow}`);

  await page.reload();
  await expect(page.locator('.interview-practice')).toHaveAttribute('data-hydrated', 'true', HYDRATED);
  await page.getByText(/^Junior/).click();
  await expect(page.locator('.question-row', { hasText: junior.question })).toContainText(`last 1/${junior.rubric.covers.length}, due ${tomorrow}`);
  await expect(page.getByRole('heading', { name: /Due for review/ })).toContainText('0');

  // The next day it is in the review list, and reviewing it schedules it again.
  await page.clock.setFixedTime(new Date(Date.now() + 24 * 3600_000));
  await openPractice(page);
  const review = page.getByRole('region', { name: /Due for review/ });
  await review.getByRole('button', { name: `Review: ${junior.question}` }).click();
  await page.getByRole('button', { name: 'Done: score my answer' }).click();
  for (const point of junior.rubric.covers) await page.getByRole('checkbox', { name: point }).check();
  await page.getByRole('button', { name: 'Save my score' }).click();
  // A full score: the first good answer in a row, so it comes back in six days and is no longer due today.
  await expect(page.locator('[data-phase="saved"]')).toContainText(`${junior.rubric.covers.length} of ${junior.rubric.covers.length} points covered`);
  await expect(page.locator('[data-phase="saved"]')).toContainText(`comes back on ${localDay(7)}`);
  await page.getByRole('button', { name: 'Back to practice' }).click();
  await expect(page.getByRole('heading', { name: /Due for review/ })).toContainText('0');
});

test('a timed mock: pause stops the clock, each answer is self-scored against the rubric, the result is saved', async ({ page }) => {
  await openPractice(page);
  await page.getByRole('button', { name: 'Start a mock interview' }).click();
  const mock = page.locator('section.mock');
  await expect(mock.getByTestId('countdown')).toHaveText(/^[34]:\d\d$/);

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(mock.locator('.countdown__state')).toHaveText('paused');
  await expect(page.getByLabel(/Your answer/)).toHaveAttribute('readonly', '');
  const frozen = await mock.getByTestId('countdown').textContent();
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByLabel(/Your answer/)).not.toHaveAttribute('readonly', '');
  expect(frozen).toMatch(/^[34]:\d\d$/);

  for (let i = 1; i <= 5; i++) {
    await expect(mock.locator('.mock__position')).toHaveText(`Question ${i} of 5`);
    // Focus moves to each new question (the first one's focus was moved by Pause and Resume).
    if (i > 1) await expect(mock.locator('#mock-question')).toBeFocused();
    await page.getByLabel(/Your answer/).fill(`Answer ${i}`);
    await page.getByRole('button', { name: 'Done: score my answer' }).click();
    await expect(mock.locator('.score-sheet__answer')).toHaveText(`Answer ${i}`);
    await expect(page.getByRole('heading', { name: 'Model answer' })).toBeVisible();
    // Full marks on odd questions, nothing on even ones.
    if (i % 2 === 1) for (const box of await mock.locator('.rubric-points:not(.rubric-points--flags) input').all()) await box.check();
    await page.getByRole('button', { name: i < 5 ? 'Save score, next question' : 'Save score and finish' }).click();
  }
  const result = page.locator('[data-phase="done"]');
  await expect(result.locator('#mock-result')).toHaveText(/^Mock finished: \d+% of the rubric points$/);
  await expect(result.locator('tbody tr')).toHaveCount(5);
  await expect(result.locator('tbody tr[data-low]')).toHaveCount(2);
  await expect(result.locator('tbody tr[data-low]').first()).toContainText(`${localDay(1)} (scored low)`);

  await page.reload();
  await expect(page.locator('.interview-practice')).toHaveAttribute('data-hydrated', 'true', HYDRATED);
  await expect(page.getByText(/^Last mock: \d+% on/)).toContainText('5 questions answered so far');
});

test('a design exercise step checked in the lab is saved and kept on reload', async ({ page }) => {
  const exercise = getExercise('database-failover-runbook')!;
  const step = exercise.steps.find((s) => s.kind === 'estimate')!;
  if (step.kind !== 'estimate') throw new Error('no estimate step');
  await page.goto('/interview/');
  await page.getByRole('link', { name: exercise.title }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(exercise.title);
  await expect(page.locator('.design-exercise')).toHaveAttribute('data-hydrated', 'true', HYDRATED);
  const card = page.locator('.exercise-step', { has: page.getByRole('heading', { name: step.title }) });

  await card.getByLabel(/Your answer/).fill(String(step.reference - 3));
  await card.getByRole('button', { name: 'Check in the lab' }).click();
  await expect(card.getByTestId('lab-result')).toHaveAttribute('data-ok', 'false', LAB);

  await card.getByLabel(/Your answer/).fill(String(step.reference));
  await card.getByRole('button', { name: 'Check in the lab' }).click();
  await expect(card.getByTestId('lab-result')).toHaveAttribute('data-ok', 'true', LAB);
  await expect(card.getByTestId('lab-result')).toContainText('Meets the target');

  await page.reload();
  await expect(page.locator('.design-exercise')).toHaveAttribute('data-hydrated', 'true', HYDRATED);
  await expect(card.getByLabel(/Your answer/)).toHaveValue(String(step.reference));
  await expect(card.getByTestId('saved-check')).toContainText(`Your last answer, ${step.reference}, met the target`);
});

test('a solo troubleshooting interview: a hint taken, the run brought back as a file, scored to a downloadable report', async ({ page }) => {
  // Scoring replays the whole 35-minute simulation in the browser's worker: allow for a slow machine (a hang guard).
  test.setTimeout(300_000);
  await page.goto('/interview/live/');
  const solo = page.getByRole('region', { name: 'Your solo interview' });
  await expect(solo).toHaveAttribute('data-hydrated', 'true', HYDRATED);
  await solo.getByRole('button', { name: 'Start the interview clock' }).click();
  await expect(solo.getByRole('button', { name: 'Pause the clock' })).toBeVisible();
  await solo.getByRole('button', { name: /^Take hint 1 of 3/ }).click();
  await expect(solo.getByRole('list', { name: 'Hints taken' }).getByRole('listitem')).toHaveCount(1);

  // The run as the console's "Export run" writes it: the recorded sample candidate's run of this drill.
  const run = runRecord({ scenario: LIVE_INTERVIEW.scenario, seed: LIVE_INTERVIEW.seed, warmupSeconds: LIVE_INTERVIEW.warmupSeconds, reachedSeconds: 2100, log: sampleLog() as never });
  await solo.getByLabel('Run file exported from the console').setInputFiles({ name: 'run.json', mimeType: 'application/json', buffer: Buffer.from(runToJson(run)) });
  const report = solo.getByTestId('live-result');
  await expect(report.getByRole('heading', { level: 2 })).toHaveText(/^Result: \d+ \/ 20$/, { timeout: 150_000 });
  await expect(report.locator('[data-dimension="investigation"]')).toHaveAttribute('data-level', '4');
  await expect(report).toContainText('Hints and nudges1 + 0 (−1)');

  await report.getByLabel(/Your notes/).fill('Would check the canary first.');
  const download = page.waitForEvent('download');
  await report.getByRole('button', { name: 'Download the report (Markdown)' }).click();
  const file = await (await download).path();
  const markdown = readFileSync(file, 'utf8');
  expect(markdown).toMatch(/Triage and scope/);
  expect(markdown).toMatch(/Would check the canary first\./);

  // A run of another seed is refused with a message saying which drill to play.
  await solo.getByLabel("Or the run's share link").fill(`/drills/bad-deploy/?run=${await encodeRun({ ...run, seed: 8 })}`);
  await solo.getByRole('button', { name: 'Score this run' }).click();
  await expect(solo.getByTestId('solo-error')).toContainText('the interview is bad-deploy on seed 7');
});

/** Presses Tab until the focused element is the one named (keyboard-only use: reachable, then activated with keys). */
async function tabTo(page: Page, name: RegExp, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const labelled = el.getAttribute('aria-label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null);
      return (labelled ?? el.textContent ?? '').trim();
    });
    if (name.test(label)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

test('keyboard only: a question practised, scored and saved without the mouse', async ({ page }) => {
  await openPractice(page);
  await tabTo(page, /^Junior/);
  await page.keyboard.press('Enter');
  await tabTo(page, new RegExp(`^Practise: ${junior.question.replace(/[?.]/g, '\\$&')}`));
  await page.keyboard.press('Enter');
  await tabTo(page, /^Your answer/);
  await page.keyboard.type('Scope, blast radius, undo.');
  await tabTo(page, /^Done: score my answer/);
  await page.keyboard.press('Enter');
  await tabTo(page, new RegExp(`^${junior.rubric.covers[0]!}`));
  await page.keyboard.press('Space');
  await tabTo(page, /^Save my score/);
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-phase="saved"]')).toContainText(`1 of ${junior.rubric.covers.length} points covered`);
});

/** axe in the light theme, then the dark (the page follows the emulated scheme), and no sideways scroll at 375 px. */
async function checkPage(page: Page, what: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('body')).toHaveCSS('background-color', PAGE_BACKGROUND[scheme]);
    expect(await seriousViolations(page), `${what} (${scheme})`).toEqual([]);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${what}: page width`).toBeLessThanOrEqual(375);
}

// Each state is checked in both themes while it is open (a page load per state, not per state and theme).
test.describe('axe finds no serious or critical violations, light and dark, and nothing scrolls sideways at 375 px', () => {
  test.use({ viewport: { width: 375, height: 800 } });
  // axe on a busy machine takes a while per state.
  test.describe.configure({ timeout: 120_000 });

  test('practice page, a mock question and its score sheet', async ({ page }) => {
    await openPractice(page);
    await page.getByText(/^Senior/).click();
    await checkPage(page, '/interview/');
    await page.getByRole('button', { name: 'Start a mock interview' }).click();
    await checkPage(page, 'a mock question');
    await page.getByRole('button', { name: 'Done: score my answer' }).click();
    await checkPage(page, 'a mock score sheet');
  });

  test('a design exercise', async ({ page }) => {
    await page.goto('/interview/design/autoscaled-deployment/');
    await expect(page.locator('.design-exercise')).toHaveAttribute('data-hydrated', 'true', HYDRATED);
    await page.getByRole('button', { name: 'Compare with a strong answer' }).first().click();
    await checkPage(page, 'a design exercise');
  });

  test('the live interview page', async ({ page }) => {
    await page.goto('/interview/live/');
    await expect(page.getByRole('region', { name: 'Your solo interview' })).toHaveAttribute('data-hydrated', 'true', HYDRATED);
    await checkPage(page, 'the live interview page');
  });
});
