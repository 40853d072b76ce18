import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { mermaidBlocks } from '../unit/lessons/frontmatter';

const LOCAL = /^(https?|wss?):\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\//;
const INTERNAL = /^(data|blob|about|chrome-extension):/;

/**
 * Every test runs with the network outside localhost blocked and recorded: the course must work offline,
 * and no page may reach another host while it loads (fonts, CDNs, analytics...). A test fails if any
 * such request was attempted.
 */
/** The token `npm start` was given for this run (playwright.config.ts). */
export const RUNNER_TOKEN = process.env.E2E_RUNNER_TOKEN ?? '';
export const RUNNER_TOKEN_KEY = 'blast-radius:runner-token';

export const test = base.extend<{ externalRequests: string[]; expectedExternal: RegExp[]; runnerConnected: boolean; connectRunner: void }>({
  /** Hosts a test knows the page will try (and fail) to reach, e.g. StackBlitz for WebContainers. Still blocked. */
  expectedExternal: [[], { option: true }],
  /**
   * Whether the browser already holds the runner's link, as after a learner opened it once. Tests
   * of the link itself turn this off and open the link (or paste it) as a learner does.
   */
  runnerConnected: [true, { option: true }],
  connectRunner: [
    async ({ context, runnerConnected }, use) => {
      if (runnerConnected) {
        await context.addInitScript(([key, token]) => {
          if (!localStorage.getItem(key)) localStorage.setItem(key, token);
        }, [RUNNER_TOKEN_KEY, RUNNER_TOKEN] as const);
      }
      await use();
    },
    { auto: true },
  ],
  externalRequests: [
    async ({ context, expectedExternal }, use) => {
      const attempts: string[] = [];
      await context.route(
        (url) => !LOCAL.test(url.href) && !INTERNAL.test(url.href),
        (route) => {
          const url = route.request().url();
          if (!expectedExternal.some((re) => re.test(url))) attempts.push(url);
          return route.abort('blockedbyclient');
        },
      );
      await use(attempts);
      expect(attempts, 'requests that left localhost').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Where axe looks: the whole page by default, or only inside `include`, or all but `exclude`. */
export interface AxeScope {
  include?: string;
  exclude?: string;
}

/**
 * axe's serious and critical violations on the page (or inside `include`), one line each, for `toEqual([])`.
 * Legacy mode runs axe in the page itself: the default mode opens a second, blank page to merge the
 * results of each frame, which costs more than the analysis of a lesson here, and our pages have no
 * cross-origin frames for it to merge (same rules, same results).
 */
export async function seriousViolations(page: Page, scope: string | AxeScope = {}): Promise<string[]> {
  const { include, exclude } = typeof scope === 'string' ? { include: scope, exclude: undefined } : scope;
  let builder = new AxeBuilder({ page }).setLegacyMode().withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  if (include) builder = builder.include(include);
  if (exclude) builder = builder.exclude(exclude);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
}

/** The body's background in each theme: a page shows it once it has switched. */
export const PAGE_BACKGROUND = { light: 'rgb(255, 255, 255)', dark: 'rgb(15, 18, 23)' } as const;

export const root = join(import.meta.dirname, '../..');

export interface LessonFixture {
  id: string;
  title: string;
  quiz: { question: string; choices: string[]; answer: number }[];
  sandbox?: string;
  /** How many ```mermaid diagrams its body has (each lesson has one at least: test/unit/lessons/diagrams.test.ts). */
  diagrams: number;
}

/** The course's own lessons are the e2e fixtures. */
export function lessons(): LessonFixture[] {
  return readdirSync(join(root, 'lessons'))
    .filter((d) => existsSync(join(root, 'lessons', d, 'index.mdx')))
    .map((id) => {
      const text = readFileSync(join(root, 'lessons', id, 'index.mdx'), 'utf8');
      const data = load(/^---\r?\n([\s\S]*?)\r?\n---/.exec(text)![1]!) as Omit<LessonFixture, 'id' | 'diagrams'>;
      return { id, ...data, diagrams: mermaidBlocks(text).length };
    });
}

export function lesson(id: string): LessonFixture {
  const found = lessons().find((l) => l.id === id);
  if (!found) throw new Error(`no lesson ${id}`);
  return found;
}
