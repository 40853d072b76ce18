/**
 * Every sandbox under sandboxes/ (found automatically) and the fixture sandboxes (so this suite
 * always runs something that can fail): the manifest is valid, its lesson, checks and demos exist,
 * the starter fails at least one check, the solution passes them all, hints and test names match
 * one to one, and every demo runs on the solution.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { starterLearnerFiles, type SandboxSource } from '../../src/sandbox/checks/workspace';
import { runChecks, type CheckRun } from '../../src/server/check-run';
import { listSandboxIds, loadSandbox } from '../../src/server/sandbox-disk';
import { runTask } from '../../src/server/task-runner';
import { fixturesDir, repoRoot } from './sandbox/helpers';
import { OLDEST_NODE, OLDEST_NODE_NOTE } from './oldest-node';

const roots = [
  { label: 'sandboxes', dir: join(repoRoot, 'sandboxes'), lessons: join(repoRoot, 'lessons') },
  { label: 'fixtures', dir: fixturesDir, lessons: join(fixturesDir, '_lessons') },
];
const found = await Promise.all(roots.map(async (root) => ({ ...root, ids: await listSandboxIds(root.dir) })));

/**
 * Time budgets from the manifest (read here, before the tests are collected): a run may take up to
 * the sandbox's timeoutMs (a real database takes seconds to start), plus room for a loaded machine.
 */
function budgets(dir: string): { run: number; demos: number } {
  let manifest: { timeoutMs?: number; demos?: unknown[] } = {};
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'sandbox.json'), 'utf8'));
  } catch {
    // loadSandbox reports a broken manifest in the tests themselves
  }
  const timeoutMs = manifest.timeoutMs ?? 30_000;
  return { run: Math.max(30_000, timeoutMs + 15_000), demos: Math.max(30_000, timeoutMs * Math.max(1, manifest.demos?.length ?? 0) + 15_000) };
}

it('finds the fixture sandbox, so this suite always checks something', () => {
  expect(found.find((r) => r.label === 'fixtures')!.ids).toContain('adder');
});

for (const root of found) {
  for (const id of root.ids) {
    describe(`${root.label}/${id}`, () => {
      const budget = budgets(join(root.dir, id));
      let source: SandboxSource;
      let starter: CheckRun;
      let solution: CheckRun;

      beforeAll(async () => {
        source = await loadSandbox(join(root.dir, id));
        [starter, solution] = await Promise.all([runChecks(source, starterLearnerFiles(source)), runChecks(source, source.solution)]);
      }, budget.run);

      it('has a valid manifest, an existing lesson, and every check file and demo script it lists', () => {
        // loadSandbox already refused a bad manifest, a missing check file or a missing demo script.
        expect(source.manifest.id).toBe(id);
        expect(existsSync(join(root.lessons, source.manifest.lesson, 'index.mdx')), `lesson "${source.manifest.lesson}"`).toBe(true);
        for (const check of source.manifest.checkFiles) expect(source.checks[check], check).toBeTypeOf('string');
        for (const demo of source.manifest.demos) expect(source.scripts[demo.script], demo.script).toBeTypeOf('string');
      });

      it('is an ESM project that imports no package beyond the ones it declares (a real database only)', async () => {
        const pkg = JSON.parse(source.starter['package.json'] ?? '{}') as Record<string, unknown>;
        expect(pkg.type).toBe('module');
        expect(pkg.dependencies ?? {}).toEqual({});
        expect(pkg.devDependencies ?? {}).toEqual({});
        const code = Object.entries({ ...source.starter, ...source.solution, ...source.checks, ...source.scripts }).filter(([p]) => /\.(m?js|cjs)$/.test(p));
        for (const [path, text] of code) {
          const imports = [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
          const declared = source.manifest.dependencies as readonly string[];
          const packages = imports.filter((spec) => !spec.startsWith('.') && !spec.startsWith('node:') && !declared.some((d) => spec === d || spec.startsWith(`${d}/`)));
          expect(packages, `${path} imports packages`).toEqual([]);
        }
      });

      it('starter: the checks run to the end and at least one fails', () => {
        expect(starter.exit.timedOut, starter.display).toBe(false);
        expect(starter.parsed.complete, starter.display).toBe(true);
        expect(starter.parsed.tests.length).toBeGreaterThan(0);
        expect(starter.checklist.failed).toBeGreaterThan(0);
      });

      it('solution: every check passes', () => {
        const failing = solution.checklist.items.filter((i) => !i.ok).map((i) => `${i.name}: ${i.message}`);
        expect(failing, solution.display).toEqual([]);
        expect(solution.checklist.allPassed).toBe(true);
      });

      it.runIf(OLDEST_NODE)(`${OLDEST_NODE_NOTE}: the starter fails a check and the solution passes them all`, async () => {
        const [oldStarter, oldSolution] = await Promise.all([
          runChecks(source, starterLearnerFiles(source), { nodePath: OLDEST_NODE! }),
          runChecks(source, source.solution, { nodePath: OLDEST_NODE! }),
        ]);
        expect(oldStarter.checklist.failed, oldStarter.display).toBeGreaterThan(0);
        expect(oldSolution.checklist.items.filter((i) => !i.ok).map((i) => `${i.name}: ${i.message}`), oldSolution.display).toEqual([]);
        expect(oldSolution.checklist.allPassed).toBe(true);
      }, budget.run);

      it('lists every check it runs, each with a hint, and no check that does not exist', () => {
        const names = solution.parsed.tests.map((t) => t.name);
        expect(new Set(names).size, 'test names are unique').toBe(names.length);
        const listed = source.manifest.checks.map((c) => c.name);
        expect([...listed].sort()).toEqual([...names].sort());
      });

      it('every demo runs on the solution and prints something', async () => {
        for (const demo of source.manifest.demos) {
          let output = '';
          const exit = await runTask(source, source.solution, { kind: 'demo', id: demo.id }, {
            limits: { timeoutMs: source.manifest.timeoutMs, maxOutputBytes: 1024 * 1024 },
            onOutput: (chunk) => (output += chunk),
          }).exit;
          expect(exit, `${demo.id}: ${output}`).toMatchObject({ exitCode: 0, timedOut: false });
          expect(output.trim(), demo.id).not.toBe('');
        }
      }, budget.demos);
    });
  }
}

