import AxeBuilder from '@axe-core/playwright';
import { expect, lessons, test } from './fixtures';

const sitePages = ['/', '/path/', '/plan/', '/search/?q=retry', '/progress/'];
const lessonPages = lessons().map((l) => `/lessons/${l.id}/`);
// Lessons share one template and one stylesheet: every lesson is checked in the light theme, and in the
// dark theme a set that covers every kind of content (flowcharts, sequence and state diagrams, tables,
// code, a sandbox card).
const darkLessons = ['idempotency', 'consistency-cap', 'health-checks', 'slo-burn-rate', 'capacity-planning', 'incident-response'].map((id) => `/lessons/${id}/`);
const pagesFor = { light: [...sitePages, ...lessonPages], dark: [...sitePages, ...darkLessons] };

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });
    for (const path of pagesFor[scheme]) {
      test(`axe finds no serious or critical violations on ${path}`, async ({ page }) => {
        await page.goto(path);
        for (const canvas of await page.locator('.diagram__canvas').all()) await canvas.scrollIntoViewIfNeeded();
        await expect(page.locator('.diagram__canvas[data-state="pending"]')).toHaveCount(0);
        if (path.startsWith('/search')) await expect(page.locator('.pagefind-ui__result').first()).toBeVisible();
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
        const bad = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
        expect(bad).toEqual([]);
      });
    }
  });
}

test('axe finds no serious or critical violations in an open sandbox after a run', async ({ page }) => {
  await page.goto('/lessons/idempotency/');
  await page.getByRole('button', { name: 'Open the sandbox' }).click();
  await expect(page.getByTestId('runtime-status')).toHaveText(/Ready/, { timeout: 30_000 });
  await page.getByRole('button', { name: '▶ Run checks' }).click();
  await expect(page.locator('.workbench')).toHaveAttribute('data-status', 'ready', { timeout: 40_000 });
  const results = await new AxeBuilder({ page }).include('#sandbox').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
  expect(bad).toEqual([]);
});
