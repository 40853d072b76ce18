import { test as base, expect, type Page } from '@playwright/test';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
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

export const test = base.extend<{ externalRequests: string[]; expectedExternal: RegExp[]; runnerConnected: boolean; connectRunner: void; cpuThrottle: void }>({
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
  /**
   * E2E_CPU_THROTTLE=4 slows every page of the test's context four times (Chromium's CPU throttling, as
   * in DevTools), to find on a quiet machine the races a loaded CI machine hits: a click before an island
   * has hydrated, a read before a panel has caught up. Off unless set; never on in CI.
   */
  cpuThrottle: [
    async ({ context }, use) => {
      const rate = Number(process.env.E2E_CPU_THROTTLE ?? 1);
      if (rate > 1) {
        const slow = (p: Page) =>
          context
            .newCDPSession(p)
            .then((cdp) => cdp.send('Emulation.setCPUThrottlingRate', { rate }))
            .catch(() => undefined);
        context.on('page', (p) => void slow(p));
        await Promise.all(context.pages().map(slow));
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

/** The rules every page is held to: WCAG 2.1 A and AA, and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

// axe-core itself, as @axe-core/playwright (our dependency) resolves it: the same copy and version it injects.
const axeSource: string = (createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'))('axe-core') as { source: string }).source;

/**
 * axe's serious and critical violations on the page (or inside `include`), one line each, for `toEqual([])`.
 * axe runs in the page itself, put there once per page load (and in each frame, as AxeBuilder's legacy mode does),
 * and hands back only its violations: AxeBuilder sent axe's half-megabyte source twice per call and brought every
 * passing node back with its HTML (680 KB for a lesson), which cost four times the analysis itself on this
 * machine. Same rules, same nodes, same results (checked side by side on a page with four planted violations).
 */
export async function seriousViolations(page: Page, scope: string | AxeScope = {}, tags: readonly string[] = AXE_TAGS): Promise<string[]> {
  const { include, exclude } = typeof scope === 'string' ? { include: scope, exclude: undefined } : scope;
  for (const frame of page.frames()) {
    // A frame that cannot take the script (e.g. one whose host the test blocks) is skipped, as in AxeBuilder.
    const present = await frame.evaluate('typeof window.axe !== "undefined"').catch(() => true);
    if (!present) await frame.evaluate(axeSource).catch(() => undefined);
  }
  return page.evaluate(
    async ({ include, exclude, tags }) => {
      const { axe } = window as unknown as { axe: AxeInPage };
      const context = include || exclude ? { ...(include ? { include: [include] } : {}), ...(exclude ? { exclude: [exclude] } : {}) } : document;
      const { violations } = await axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
    },
    { include, exclude, tags },
  );
}

/** The part of axe's API used above (axe-core is @axe-core/playwright's dependency, not ours, so no import of its types). */
interface AxeInPage {
  run(
    context: Document | { include?: string[]; exclude?: string[] },
    options: { runOnly: { type: 'tag'; values: readonly string[] }; resultTypes: string[] },
  ): Promise<{ violations: { id: string; impact?: string | null; nodes: { target: string[] }[] }[] }>;
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
