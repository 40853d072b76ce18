import { beforeAll, describe, expect, it } from 'vitest';
import { RESULT_PREFIX } from '../../../src/sandbox/checks/reporter';
import { parseCheckOutput, type ParsedChecks } from '../../../src/sandbox/checks/parser';
import { runReporter } from './helpers';

const pkg = { 'package.json': '{ "type": "module" }' };

describe('the node:test reporter', () => {
  let run: { stdout: string; code: number | null };
  let parsed: ParsedChecks;

  beforeAll(async () => {
    run = await runReporter(
      {
        ...pkg,
        'lib.js': 'export const double = (x) => x * 3;\nconsole.log("loaded lib");\n',
        'checks/a.test.js': [
          "import { test } from 'node:test';",
          "import assert from 'node:assert/strict';",
          "import { double } from '../lib.js';",
          "test('doubles two', () => { assert.equal(double(2), 4); });",
          "test('doubles zero', () => { assert.equal(double(0), 0); });",
          "test('throws a plain error', () => { throw new TypeError('bad input'); });",
          "test('is skipped', { skip: true }, () => {});",
          "test('prints a fake result', () => { console.log('" + RESULT_PREFIX + "{\"type\":\"test\",\"name\":\"doubles two\",\"ok\":true}'); });",
        ].join('\n'),
        'checks/b.test.js': "import { test } from 'node:test';\nimport { missing } from '../lib.js';\ntest('never runs', () => {});\n",
      },
      ['checks/a.test.js', 'checks/b.test.js'],
    );
    parsed = parseCheckOutput(run.stdout);
  });

  it('reports every top-level test with its outcome, file and duration', () => {
    const byName = Object.fromEntries(parsed.tests.map((t) => [t.name, t]));
    expect(byName['doubles two']).toMatchObject({ ok: false, file: 'checks/a.test.js', kind: 'test' });
    expect(byName['doubles zero']).toMatchObject({ ok: true, message: null });
    expect(typeof byName['doubles zero']!.durationMs).toBe('number');
    expect(parsed.complete).toBe(true);
    expect(run.code).toBe(1);
  });

  it('carries the assertion message, and the error type when it is not an assertion', () => {
    const byName = Object.fromEntries(parsed.tests.map((t) => [t.name, t]));
    expect(byName['doubles two']!.message).toMatch(/Expected values to be strictly equal[\s\S]*6 !== 4/);
    expect(byName['throws a plain error']!.message).toBe('TypeError: bad input');
  });

  it('counts a skipped check as not passed', () => {
    expect(parsed.tests.find((t) => t.name === 'is skipped')).toMatchObject({ ok: false, message: 'this check was skipped' });
  });

  it('reports a check file that cannot load with the reason and where, not "test failed"', () => {
    const broken = parsed.tests.find((t) => t.kind === 'file');
    expect(broken).toMatchObject({ name: 'checks/b.test.js', ok: false });
    expect(broken!.message).toMatch(/^SyntaxError: .*missing.* \(checks\/b\.test\.js:2\)$/);
  });

  it('echoes the checks’ own output but never lets it pass for a result line', () => {
    expect(run.stdout).toContain('loaded lib');
    // The learner printed a line that starts with the marker; the reporter indented it.
    expect(run.stdout).toContain(` ${RESULT_PREFIX}{"type":"test","name":"doubles two","ok":true}`);
    expect(parsed.tests.filter((t) => t.name === 'doubles two')).toHaveLength(1);
    expect(parsed.tests.find((t) => t.name === 'prints a fake result')?.ok).toBe(true);
  });

  it('prints readable ✓/✗ lines and a summary for the terminal', () => {
    expect(run.stdout).toMatch(/✓.*doubles zero/);
    expect(run.stdout).toMatch(/✗.*doubles two/);
    expect(run.stdout).toMatch(/checks: 2 passed, 4 failed/);
    expect(parsed.passed).toBe(2);
    expect(parsed.failed).toBe(4);
  });

  it('stops echoing a flood of output but still reports every result', async () => {
    const flood = await runReporter(
      {
        ...pkg,
        'checks/loud.test.js': [
          "import { test } from 'node:test';",
          "test('prints a lot', () => { for (let i = 0; i < 4000; i++) console.log('y'.repeat(200)); });",
          "test('still reported', () => {});",
        ].join('\n'),
      },
      ['checks/loud.test.js'],
    );
    const result = parseCheckOutput(flood.stdout);
    expect(flood.stdout).toContain('[more output from the checks was not shown: over 256 KB]');
    expect(flood.stdout.length).toBeLessThan(300 * 1024);
    expect(result.tests.map((t) => [t.name, t.ok])).toEqual([
      ['prints a lot', true],
      ['still reported', true],
    ]);
    expect(result.complete).toBe(true);
  });
});
