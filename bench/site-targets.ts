/**
 * The targets the issues set for what `npm run bench` measures, each with the issue it comes from.
 * Sizes do not depend on the machine; the build and run-click times do, so a time "not met" under a
 * high load average says little (the bench prints the load beside them).
 */

/** What one run of the bench measured; a part it did not run (e.g. `--runs 0`) is simply absent. */
export interface SiteFigures {
  buildSeconds?: number;
  pages: Map<string, { path: string; js: number; blocking: { name: string; kind: string }[]; fetched: string[] }>;
  editorUsable?: number;
  runClicks: Map<string, number>;
}

interface Target {
  name: string;
  issue: number;
  /** The figure and whether it meets the target, or undefined when this run did not measure it. */
  check(f: SiteFigures): { figure: string; met: boolean } | undefined;
}

const KB = 1024;
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const pageJs = (type: string, limit: number, issue: number): Target => ({
  name: `${type}: JS before interaction <= ${kb(limit)}`,
  issue,
  check: (f) => {
    const p = f.pages.get(type);
    return p && { figure: kb(p.js), met: p.js <= limit };
  },
});
// The sandbox's own stylesheets (editor, workbench, terminal) must wait for the panel.
const SANDBOX_FILE = /^(editor|Workbench|Terminal|xterm|monaco)/i;
const lessonBlocking = (type: string): Target => ({
  name: `${type}: render-blocking is the site's stylesheets only (no script, nothing of the sandbox)`,
  issue: 17,
  check: (f) => {
    const p = f.pages.get(type);
    return p && { figure: p.blocking.map((b) => b.name).join(', ') || 'none', met: p.blocking.every((b) => b.kind === 'stylesheet' && !SANDBOX_FILE.test(b.name)) };
  },
});

export const TARGETS: Target[] = [
  {
    name: 'build (astro + pagefind) < 60 s',
    issue: 17,
    check: (f) => f.buildSeconds === undefined ? undefined : { figure: `${f.buildSeconds.toFixed(1)} s`, met: f.buildSeconds < 60 },
  },
  pageJs('lesson, sandbox', 90 * KB, 17),
  pageJs('lesson, no sandbox', 90 * KB, 17),
  lessonBlocking('lesson, sandbox'),
  lessonBlocking('lesson, no sandbox'),
  {
    // 1.3 MB in the bench's units (1 KB = 1024 bytes): 1331.2 KB.
    name: `editor usable after "Open the sandbox" <= 1.3 MB (${kb(1.3 * KB * KB)})`,
    issue: 17,
    check: (f) => f.editorUsable === undefined ? undefined : { figure: kb(f.editorUsable), met: f.editorUsable <= 1.3 * KB * KB },
  },
  pageJs('simulator', 200 * KB, 18),
  {
    name: 'simulator: monaco and mermaid never load (before interaction or on scroll)',
    issue: 18,
    check: (f) => {
      const p = f.pages.get('simulator');
      const bad = p?.fetched.filter((n) => /^(editor\.api|mermaid)/.test(n));
      return bad && { figure: bad.join(', ') || 'none fetched', met: bad.length === 0 };
    },
  },
  {
    name: 'run-click to checklist, idempotency sandbox, local runner < 1.5 s',
    issue: 3,
    check: (f) => {
      const ms = f.runClicks.get('idempotency');
      return ms === undefined ? undefined : { figure: `${ms.toFixed(0)} ms`, met: ms < 1500 };
    },
  },
];

/** One line per target: met, NOT MET, or not measured in this run. */
export function targetLines(f: SiteFigures): string[] {
  return TARGETS.map((t) => {
    const r = t.check(f);
    return `  ${r ? (r.met ? 'met    ' : 'NOT MET') : 'not run'}  ${t.name}${r ? `: ${r.figure}` : ''}  (issue ${t.issue})`;
  });
}
