import { expect, PAGE_BACKGROUND, seriousViolations, test } from './fixtures';

// Every lesson is checked with axe by site.spec.ts while it is open at phone width: all in the light theme,
// and a set that covers every kind of content (flowcharts, sequence and state diagrams, tables, code, a sandbox
// card) in the dark theme too; an open sandbox after a run by sandbox.spec.ts. Here: the site's other pages
// in both themes.
const sitePages = ['/', '/path/', '/plan/', '/search/?q=retry', '/progress/'];

// The site's pages are loaded once and checked in the light theme, then in the dark (the theme follows the
// system's until the learner picks one, so switching the emulated scheme switches the page).
for (const path of sitePages) {
  test(`axe finds no serious or critical violations on ${path}, light and dark`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(path);
    if (path.startsWith('/search')) await expect(page.locator('.pagefind-ui__result').first()).toBeVisible();
    // axe checks what a learner sees once the page's islands (all client:load here) have hydrated, not the
    // server's placeholders, and not a page React is still rewriting under it.
    await expect(page.locator('astro-island[ssr]')).toHaveCount(0, { timeout: 30_000 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expect(page.locator('body')).toHaveCSS('background-color', PAGE_BACKGROUND[scheme]);
      expect(await seriousViolations(page), `${path} (${scheme})`).toEqual([]);
    }
  });
}
