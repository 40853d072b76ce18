import { expect, lesson, test } from './fixtures';

/**
 * The path and the plan draw their progress (lesson badges, level and week bars, checkpoints, the plan
 * start) without React (issue 17): one script fills them from the saved progress and follows changes
 * made in other tabs, as the React islands did.
 */
const LESSON = 'production-mindset';
const WEEK = 1; // its week in the plan (front matter)
// React DOM's client says this once; nothing else on the site does.
const REACT_DOM = '__REACT_DEVTOOLS_GLOBAL_HOOK__';

for (const path of ['/path/', '/plan/']) {
  test(`${path} starts no React on load and still shows progress`, async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    const scripts: Promise<string>[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.push(r.text().catch(() => ''));
    });
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    // Filled from progress (empty here) rather than left blank.
    await expect(page.locator('.progress[data-progress-done="0"]').first()).toBeAttached();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
    const texts = await Promise.all(scripts);
    expect(texts.length, 'the page loads its scripts').toBeGreaterThan(0);
    expect(texts.some((t) => t.includes(REACT_DOM)), 'React on load or scroll').toBe(false);
  });
}

test('a lesson marked complete shows on the path and the plan: at once in open tabs, and after a reload', async ({ context, page }) => {
  const { title } = lesson(LESSON);
  const path = page;
  await path.goto('/path/');
  const plan = await context.newPage();
  await plan.goto('/plan/');
  const onPath = path.locator(`[data-lesson-card="${LESSON}"] [data-lesson-status="complete"]`);
  const onPlan = plan.locator('.week__lesson', { has: plan.getByRole('link', { name: title }) }).locator('[data-lesson-status="complete"]');
  const levelBar = path.getByRole('progressbar', { name: 'Junior level progress' });
  const weekBar = plan.getByRole('progressbar', { name: `Week ${WEEK} progress` });
  await expect(levelBar).toHaveAttribute('aria-valuetext', /^0 of \d+ lessons complete$/);
  await expect(onPath).toHaveCount(0);
  await expect(path.locator('[data-checkpoint="junior"]')).toHaveText('Junior checkpoint not passed yet');
  await expect(path.locator('[data-drill-best="checkpoint-junior"]')).toHaveText('Not tried yet');

  const lessonTab = await context.newPage();
  await lessonTab.goto(`/lessons/${LESSON}/`);
  await lessonTab.locator('.lesson-progress').scrollIntoViewIfNeeded();
  await lessonTab.getByRole('button', { name: 'Mark complete' }).click();
  await expect(lessonTab.locator('.lesson-header [data-lesson-status="complete"]')).toBeVisible();

  // The other tabs follow without a reload.
  for (const [badge, bar] of [[onPath, levelBar], [onPlan, weekBar]] as const) {
    await expect(badge).toHaveText('✓ Completed');
    await expect(badge.locator('[aria-hidden="true"]')).toHaveText('✓');
    await expect(bar).toHaveAttribute('aria-valuetext', /^1 of \d+ lessons? complete$/);
  }
  await expect(path.locator(`[data-lesson-card="${LESSON}"] [data-lesson-status]`)).toHaveCount(1);

  await path.reload();
  await plan.reload();
  await expect(onPath).toHaveText('✓ Completed');
  await expect(onPlan).toHaveText('✓ Completed');
  await expect(levelBar).toHaveAttribute('aria-valuetext', /^1 of \d+ lessons complete$/);

  // And back: unmarking removes the badge in the open tabs.
  await lessonTab.getByRole('button', { name: 'Mark as not complete' }).click();
  await expect(onPath).toHaveCount(0);
  await expect(onPlan).toHaveCount(0);
  await expect(weekBar).toHaveAttribute('aria-valuetext', /^0 of \d+ lessons? complete$/);
});

test('the plan start date is set and cleared by keyboard, and another open plan tab follows', async ({ context, page }) => {
  await page.goto('/plan/');
  const other = await context.newPage();
  await other.goto('/plan/');
  for (const p of [page, other]) await expect(p.locator('[data-plan-start]')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('.plan-start__status')).toHaveText('Set the day you start, and the plan will show which week you are in.');
  await expect(page.getByRole('button', { name: 'Clear' })).toBeHidden();

  await page.getByRole('button', { name: 'Start today' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.plan-start__status')).toHaveText('Day 1 of 90: you are in week 1.');
  await expect(page.getByRole('status').filter({ hasText: 'Plan start set to' })).toBeAttached();
  await expect(page.locator('#week-1 [data-this-week="true"]')).toHaveText(/This week/);
  await expect(other.locator('.plan-start__status')).toHaveText('Day 1 of 90: you are in week 1.');
  await expect(other.locator('[data-this-week="true"]')).toHaveCount(1);
  await expect(other.getByLabel('I started (or will start) on')).not.toHaveValue('');

  await page.getByRole('button', { name: 'Clear' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.plan-start__status')).toHaveText('Set the day you start, and the plan will show which week you are in.');
  await expect(page.getByLabel('I started (or will start) on')).toBeFocused();
  await expect(other.locator('[data-this-week="true"]')).toHaveCount(0);
  await expect(other.getByLabel('I started (or will start) on')).toHaveValue('');

  // A date typed in the field and saved.
  const field = page.getByLabel('I started (or will start) on');
  await field.fill('2026-01-05');
  await page.getByRole('button', { name: 'Save date' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Plan start set to' })).toBeAttached();
  await expect(other.getByLabel('I started (or will start) on')).toHaveValue('2026-01-05');
});
