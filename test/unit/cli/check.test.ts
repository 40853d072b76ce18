import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, learnerVariant } from '../sandbox/helpers';
import { runCli } from './run-cli';

describe('npm run check', () => {
  it('exits 1 on the starter with a checklist, messages and hints', async () => {
    const r = await runCli('check', ['adder']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ adds two positive numbers');
    expect(r.stdout).toContain('-1 !== 5');
    expect(r.stdout).toContain('Hint: Look at the operator in add(): 2 and 3 should give 5.');
    expect(r.stdout).toContain('✓ adding zero changes nothing');
    expect(r.stdout).toContain('1 of 3 checks pass.');
  });

  it('exits 0 when every check passes, reading --dir relative to where it was typed', async () => {
    const r = await runCli('check', ['adder', '--dir', 'adder/solution'], { INIT_CWD: fixturesDir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('All 3 checks pass.');
  });

  it('prints the JSON contract with --json', async () => {
    const r = await runCli('check', ['adder', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['sandbox', 'passed', 'failed', 'tests']);
    expect(out).toMatchObject({ sandbox: 'adder', passed: 1, failed: 2 });
    expect(out.tests).toEqual([
      { name: 'adds two positive numbers', ok: false, message: 'Expected values to be strictly equal:\n\n-1 !== 5' },
      { name: 'adding zero changes nothing', ok: true, message: null },
      { name: 'adds negative numbers', ok: false, message: 'Expected values to be strictly equal:\n\n1 !== -5' },
    ]);
  });

  it('exits 1 and names the cause when the learner file does not parse', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'blast-cli-'));
    try {
      await writeFile(join(dir, 'adder.js'), 'export function add(a, b) {\n  return a + ;\n}\n');
      const r = await runCli('check', ['adder', '--dir', dir, '--json']);
      expect(r.code).toBe(1);
      const out = JSON.parse(r.stdout) as { tests: { name: string; ok: boolean; message: string }[] };
      expect(out.tests[0]).toEqual({ name: 'checks/adder.test.js', ok: false, message: "SyntaxError: Unexpected token ';' (adder.js:2)" });
      expect(out.tests.slice(1).every((t) => !t.ok && t.message.startsWith('Did not run.'))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 when the checks hit the time limit, and says so', async () => {
    const r = await runCli('check', ['adder', '--dir', learnerVariant('loop')], {});
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/stopped after 3 s/);
  });

  it.each([
    [[], /Name the sandbox to check/],
    [['adder', 'extra'], /Expected one sandbox id/],
    [['adder', '--bogus'], /Unknown option '--bogus'/],
    [['adder', '--dir'], /--dir/],
    [['no-such-sandbox'], /No sandbox "no-such-sandbox"[\s\S]*Sandboxes: adder\./],
    [['../adder'], /not a sandbox id/],
    [['adder', '--dir', '/nonexistent/folder'], /is not a folder/],
  ])('exits 2 with a clear message for bad usage: %j', { concurrent: true }, async (args, message) => {
    const r = await runCli('check', args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('exits 2 for a broken sandbox', async () => {
    const r = await runCli('check', ['missing-check'], { BLAST_SANDBOXES_DIR: join(fixturesDir, '_broken') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Sandbox "missing-check" is broken: check file checks\/gone\.test\.js/);
  });
});
