import type { Page } from '@playwright/test';
import { expect, lesson, lessons, PAGE_BACKGROUND, seriousViolations, test } from './fixtures';

const QUIZ_LESSON = 'caching-strategies';

async function answerQuiz(page: Page, id: string, correctly: boolean) {
  const { quiz } = lesson(id);
  const form = page.locator('form.quiz');
  await form.scrollIntoViewIfNeeded();
  // Hydrated when scrolled to (client:visible): page load and hydration on a CI machine at load 25.
  await expect(form).toHaveAttribute('data-hydrated', 'true', { timeout: 30_000 });
  for (const [i, q] of quiz.entries()) {
    const choice = correctly ? q.answer : (q.answer + 1) % q.choices.length;
    await form.locator('fieldset').nth(i).getByRole('radio').nth(choice).check();
  }
  await form.getByRole('button', { name: 'Check answers' }).click();
}

test('a learner walks home -> path -> plan -> lesson', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('breaking things safely');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Path' }).click();
  await expect(page).toHaveURL(/\/path\/$/);
  for (const level of ['Junior', 'Mid', 'Senior', 'Staff']) {
    await expect(page.getByRole('heading', { level: 2, name: new RegExp(level) })).toBeVisible();
  }
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plan' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The 90-day plan');
  await expect(page.locator('.week')).toHaveCount(12);
  const { title } = lesson(QUIZ_LESSON);
  await page.locator('#week-4').getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('navigation', { name: 'Previous and next lesson' })).toBeVisible();
});

test('quiz results and completion survive a reload', async ({ page }) => {
  const { quiz, title } = lesson(QUIZ_LESSON);
  await page.goto(`/lessons/${QUIZ_LESSON}/`);
  await answerQuiz(page, QUIZ_LESSON, true);
  await expect(page.locator('[data-quiz-score]')).toHaveText(new RegExp(`You got ${quiz.length} of ${quiz.length} right`));
  await page.locator('.lesson-progress').scrollIntoViewIfNeeded();
  await page.getByRole('button', { name: 'Mark complete' }).click();
  await expect(page.locator('.lesson-progress')).toContainText('Completed');

  await page.reload();
  await expect(page.locator('[data-lesson-status="complete"]').first()).toBeVisible();
  // The quiz and the progress card hydrate when they come into view (client:visible): bring them there
  // rather than count on the scroll position the reload restores (sections before them size themselves lazily).
  await page.locator('form.quiz').scrollIntoViewIfNeeded();
  await expect(page.locator('form.quiz')).toHaveAttribute('data-quiz-state', 'graded');
  await page.locator('.lesson-progress').scrollIntoViewIfNeeded();
  await expect(page.getByRole('button', { name: 'Mark as not complete' })).toBeVisible();

  await page.goto('/path/');
  await expect(page.locator(`[data-lesson-card="${QUIZ_LESSON}"] [data-lesson-status="complete"]`)).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Junior level progress' })).toHaveAttribute('aria-valuetext', /1 of \d+ lessons? complete/);
  await page.goto('/');
  await expect(page.getByRole('progressbar', { name: 'Overall progress' })).toHaveAttribute('aria-valuetext', `1 of ${lessons().length} lessons complete`);
  // The card is blank until it has read progress (it gets data-continue then): only then does "not" say anything.
  await expect(page.locator('[data-continue]')).toBeVisible();
  await expect(page.locator('[data-continue]')).not.toContainText(title);
});

test('a wrong answer is explained and can be retried', async ({ page }) => {
  const { quiz } = lesson(QUIZ_LESSON);
  await page.goto(`/lessons/${QUIZ_LESSON}/`);
  await answerQuiz(page, QUIZ_LESSON, false);
  await expect(page.locator('[data-quiz-score]')).toHaveText(new RegExp(`You got 0 of ${quiz.length} right`));
  await expect(page.locator('.quiz__feedback').first()).toContainText('Not quite');
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('button', { name: 'Check answers' })).toBeVisible();
});

test('export, then import into a fresh profile, restores progress; a bad file is refused', async ({ page, browser }, testInfo) => {
  await page.goto(`/lessons/${QUIZ_LESSON}/`);
  await page.locator('.lesson-progress').scrollIntoViewIfNeeded();
  await page.getByRole('button', { name: 'Mark complete' }).click();
  await page.goto('/plan/');
  await page.getByRole('button', { name: 'Start today' }).click();
  await page.goto('/progress/');
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export progress' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^blast-radius-progress-\d{4}-\d{2}-\d{2}\.json$/);
  const file = testInfo.outputPath('progress.json');
  await download.saveAs(file);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  try {
    await other.goto('/progress/');
    await expect(other.locator('[data-summary="completed"]')).toHaveText('0');

    // A file that is not an export is refused and nothing changes.
    await other.getByTestId('import-file').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}') });
    await expect(other.locator('[data-message="error"]')).toContainText('not a Blast Radius progress export');
    await other.getByTestId('import-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{not json') });
    await expect(other.locator('[data-message="error"]')).toContainText('not valid JSON');
    await expect(other.locator('[data-summary="completed"]')).toHaveText('0');

    await other.getByTestId('import-file').setInputFiles(file);
    await other.getByRole('button', { name: 'Replace my progress' }).click();
    await expect(other.locator('[data-message="ok"]')).toContainText('Imported');
    await expect(other.locator('[data-summary="completed"]')).toHaveText('1');
    await other.goto(`/lessons/${QUIZ_LESSON}/`);
    await expect(other.locator('[data-lesson-status="complete"]').first()).toBeVisible();
    await other.goto('/plan/');
    await expect(other.locator('[data-this-week="true"]')).toHaveCount(1);
  } finally {
    await fresh.close();
  }
});

test('corrupt saved progress is kept as a backup and the learner is told', async ({ page }) => {
  const garbage = '{"version":2,"lessons":{"caching-strategies":{"completedAt":"yesterday"}}';
  await page.addInitScript((raw) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('blast-radius:progress', raw);
      sessionStorage.setItem('seeded', '1');
    }
  }, garbage);
  await page.goto('/');
  const notice = page.locator('[data-notice="corrupt"]');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(/backup/i);
  const backups = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('blast-radius:progress:backup:'))
      .map((k) => localStorage.getItem(k)),
  );
  expect(backups).toEqual([garbage]);
  await page.goto('/progress/');
  await expect(page.locator('.backups li')).toHaveCount(1);
});

test('search finds a lesson by a word from its body', async ({ page }) => {
  // "FLUSHALL" appears in the caching lesson's incident story, not in its title or summary.
  await page.goto('/search/?q=FLUSHALL');
  const result = page.locator('.pagefind-ui__result-link').first();
  await expect(result).toHaveAttribute('href', `/lessons/${QUIZ_LESSON}/`);
  await result.click();
  await expect(page).toHaveURL(new RegExp(`/lessons/${QUIZ_LESSON}/`));
});

test('the dark theme toggle persists across pages and reloads', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const html = page.locator('html');
  await expect(html).not.toHaveAttribute('data-theme', /./);
  const toggle = page.getByRole('button', { name: /Theme:/ });
  await toggle.click(); // system -> light
  await toggle.click(); // light -> dark
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await bg()).toBe('rgb(15, 18, 23)');
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.goto('/plan/');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect(await bg()).toBe('rgb(15, 18, 23)');
  await expect(page.getByRole('button', { name: /Theme:/ })).toContainText('dark');
});

/** The text of an HTML fragment: tags dropped, the entities Astro writes decoded. */
function htmlText(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim();
}

// Every lesson's page as the server sends it, without a browser: what each lesson's own content puts on
// its page (title, diagrams to draw, quiz, sandbox). How those parts behave is checked in a browser: the quiz
// and progress on one lesson above, the diagrams of every lesson below.
test('every lesson is served with its title, its diagrams, its quiz and its sandbox card', async ({ request }) => {
  const all = lessons();
  expect(all.length).toBeGreaterThan(0);
  for (const { id, title, quiz, sandbox, diagrams } of all) {
    const response = await request.get(`/lessons/${id}/`);
    expect.soft(response.status(), `${id}: status`).toBe(200);
    const html = await response.text();
    expect.soft(htmlText(/<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? ''), `${id}: heading`).toBe(title);
    expect.soft(html.match(/<pre><code class="language-mermaid">/g)?.length ?? 0, `${id}: diagrams to draw`).toBe(diagrams);
    const form = /<form class="quiz"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
    expect.soft(form.match(/<fieldset\b/g)?.length ?? 0, `${id}: quiz questions`).toBe(quiz.length);
    expect.soft(/component-url="[^"]*\/SandboxPanel\.[^"]*\.js"/.test(html), `${id}: sandbox card`).toBe(Boolean(sandbox));
  }
});

// Each lesson once, at phone width, in a browser: every diagram draws (they are also the widest things on a
// page), nothing scrolls sideways, and axe finds no serious or critical violation in the light theme; a set of
// lessons that covers every kind of content (flowcharts, sequence and state diagrams, tables, code, a sandbox
// card) is switched to the dark theme and checked again, diagrams redrawn in its palette. One page visits a share of the lessons in turn (a page per
// lesson cost a fresh browser context and mermaid's megabyte each time); a failure names its lesson and the
// visit goes on, so one run lists every lesson that fails. The shares run in parallel on the workers.
const SHARES = 3;
const DARK_TOO = new Set(['idempotency', 'consistency-cap', 'health-checks', 'slo-burn-rate', 'capacity-planning', 'incident-response']);
test.describe('every lesson in a browser', () => {
  test.describe.configure({ mode: 'parallel' });
  for (let share = 0; share < SHARES; share++) {
    const mine = lessons().filter((_, i) => i % SHARES === share);
    test(`lessons ${mine.map((l) => l.id).join(', ')}: diagrams render, they fit a 375 px phone, axe is clean`, async ({ page }) => {
      // A hang guard, not a speed check: each lesson draws its diagrams and runs axe on a shared, busy machine.
      test.setTimeout(mine.length * 60_000);
      await page.setViewportSize({ width: 375, height: 740 });
      for (const { id, diagrams } of mine) {
        await page.emulateMedia({ colorScheme: 'light' });
        await page.goto(`/lessons/${id}/`);
        const canvases = page.locator('.diagram__canvas');
        await expect.soft(canvases, `${id}: its diagrams`).toHaveCount(diagrams);
        for (const canvas of await canvases.all()) await canvas.scrollIntoViewIfNeeded();
        await expect.soft(page.locator('.diagram__canvas[data-state="pending"]'), `${id}: diagrams still drawing`).toHaveCount(0);
        await expect.soft(page.locator('.diagram__canvas[data-state="error"]'), `${id} has a diagram that failed`).toHaveCount(0);
        await expect.soft(page.locator('.diagram__canvas[data-state="rendered"]'), `${id}: diagrams drawn`).toHaveCount(diagrams);
        const [scrollWidth, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
        expect.soft(scrollWidth, `${id} scrolls sideways`).toBeLessThanOrEqual(width);
        expect.soft(await seriousViolations(page), `${id}: axe`).toEqual([]);
        if (!DARK_TOO.has(id)) continue;
        await page.emulateMedia({ colorScheme: 'dark' });
        await expect.soft(page.locator('body'), `${id}: dark theme`).toHaveCSS('background-color', PAGE_BACKGROUND.dark);
        await expect.soft(page.locator('.diagram__canvas:not([data-state="rendered"][data-theme="dark"])'), `${id}: diagrams redrawn dark`).toHaveCount(0);
        expect.soft(await seriousViolations(page), `${id}: axe, dark theme`).toEqual([]);
      }
    });
  }
});

test('a lesson diagram re-renders when the theme changes', async ({ page }) => {
  await page.goto(`/lessons/${QUIZ_LESSON}/`);
  await page.emulateMedia({ colorScheme: 'light' });
  const first = page.locator('.diagram__canvas').first();
  await first.scrollIntoViewIfNeeded();
  await expect(first).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(first).toHaveAttribute('data-theme', 'dark');
});

test('keyboard: the skip link is the first stop and jumps to the content', async ({ page }) => {
  await page.goto(`/lessons/${QUIZ_LESSON}/`);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  // The quiz can be answered without a mouse.
  const { quiz } = lesson(QUIZ_LESSON);
  const firstRadio = page.locator('form.quiz fieldset').first().getByRole('radio').first();
  await firstRadio.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('form.quiz fieldset').first().getByRole('radio').nth(1)).toBeChecked();
  expect(quiz.length).toBeGreaterThanOrEqual(3);
});
