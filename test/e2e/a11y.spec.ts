import { expect, seriousViolations, test } from './fixtures';

// Every lesson is checked with axe in the light theme by site.spec.ts (while it is open at phone width).
// Here: the site's other pages in both themes, and in the dark theme a set of lessons that covers every
// kind of content (flowcharts, sequence and state diagrams, tables, code, a sandbox card).
const sitePages = ['/', '/path/', '/plan/', '/search/?q=retry', '/progress/'];
const darkLessons = ['idempotency', 'consistency-cap', 'health-checks', 'slo-burn-rate', 'capacity-planning', 'incident-response'].map((id) => `/lessons/${id}/`);
const pagesFor = { light: sitePages, dark: [...sitePages, ...darkLessons] };

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });
    for (const path of pagesFor[scheme]) {
      test(`axe finds no serious or critical violations on ${path}`, async ({ page }) => {
        await page.goto(path);
        for (const canvas of await page.locator('.diagram__canvas').all()) await canvas.scrollIntoViewIfNeeded();
        await expect(page.locator('.diagram__canvas[data-state="pending"]')).toHaveCount(0);
        if (path.startsWith('/search')) await expect(page.locator('.pagefind-ui__result').first()).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
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
  expect(await seriousViolations(page, '#sandbox')).toEqual([]);
});
