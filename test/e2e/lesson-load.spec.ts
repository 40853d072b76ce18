import { expect, lesson, test } from './fixtures';

/**
 * What a lesson does on load (issue 17): no React until an island comes into view, off-screen h2
 * sections skipped by layout (content-visibility), and none of that may cost the learner anything:
 * islands work once scrolled to, links into a section land on it, the lesson is remembered at once.
 */
const LESSON = 'idempotency';
// React DOM's client says this once; nothing else on the site does.
const REACT_DOM = '__REACT_DEVTOOLS_GLOBAL_HOOK__';

test('a lesson starts no React on load; its sandbox card and "Mark complete" hydrate and work when scrolled to', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  const scripts: string[] = [];
  const reading: Promise<void>[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') reading.push(r.text().then((t) => void scripts.push(t), () => undefined));
  });
  const reactLoaded = async () => (await Promise.all(reading), scripts.some((s) => s.includes(REACT_DOM)));

  await page.goto(`/lessons/${LESSON}/`);
  await page.waitForLoadState('networkidle');
  expect(await reactLoaded(), 'React on load').toBe(false);
  // Before the island runs, the sandbox shows what a reader without JavaScript gets.
  await expect(page.locator('#sandbox .sandbox-fallback')).toContainText('The sandbox needs JavaScript');
  // The lesson is remembered as the one to continue without scrolling to its end.
  await page.goto('/');
  await expect(page.locator('[data-continue]')).toHaveAttribute('data-continue', LESSON);
  await page.goto(`/lessons/${LESSON}/`);

  await page.locator('#sandbox').scrollIntoViewIfNeeded();
  const open = page.getByRole('button', { name: 'Open the sandbox' });
  await expect(open).toBeVisible();
  await expect(page.locator('#sandbox .sandbox-fallback')).toHaveCount(0);
  expect(await reactLoaded(), 'React once an island is in view').toBe(true);

  await page.locator('.lesson-progress').scrollIntoViewIfNeeded();
  const mark = page.getByRole('button', { name: 'Mark complete' });
  await expect(mark).toBeEnabled();
  await mark.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.lesson-progress')).toContainText('Completed');
  await expect(page.locator('.lesson-header [data-lesson-status="complete"]')).toHaveText(/Completed/);
});

test('off-screen sections are skipped at first, and a link to one lands on its heading', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(`/lessons/${LESSON}/`);
  const sections = page.locator('.prose > .lesson-section');
  expect(await sections.count()).toBeGreaterThan(3);
  // Every h2 of the body opens a section, and none of the body's text is left out of the page.
  expect(await page.locator('.prose > h2').count()).toBe(0);
  const last = sections.last();
  await expect(last).toHaveCSS('content-visibility', 'auto');
  const skipped = await last.evaluate((el) => !el.firstElementChild!.checkVisibility({ contentVisibilityAuto: true }));
  expect(skipped, 'the last section is not rendered before it is near the screen').toBe(true);
  // Printed, every section is drawn.
  await page.emulateMedia({ media: 'print' });
  expect(await last.evaluate((el) => el.firstElementChild!.checkVisibility({ contentVisibilityAuto: true }))).toBe(true);
  await page.emulateMedia({ media: 'screen' });

  const heading = last.locator('h2');
  const id = await heading.getAttribute('id');
  await page.goto(`/lessons/${LESSON}/#${id}`);
  // Once the page has settled (sections drawn on the way, diagrams), the heading is still on screen.
  await page.waitForLoadState('networkidle');
  await expect(page.locator(`#${id}`)).toBeInViewport();

  // The table of contents (wide screens) jumps the same way.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/lessons/${LESSON}/`);
  const { title } = lesson(LESSON);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const toc = page.getByRole('navigation', { name: 'On this page' });
  await toc.locator(`a[href="#${id}"]`).click();
  await expect(page).toHaveURL(new RegExp(`#${id}$`));
  await expect(page.locator(`#${id}`)).toBeInViewport();
});
