import { describe, expect, it } from 'vitest';
import { buildChecklist } from '../../../src/sandbox/checks/checklist';
import type { ParsedChecks } from '../../../src/sandbox/checks/parser';
import type { RunExit } from '../../../src/sandbox/runtime';
import { sandboxSchema } from '../../../src/schemas/sandbox';

const sandbox = sandboxSchema.parse({
  id: 'demo',
  title: 'Demo',
  lesson: 'demo',
  files: ['server.js'],
  checkFiles: ['checks/a.test.js'],
  checks: [
    { name: 'a replay is charged once', hint: 'Store the first response.' },
    { name: 'a missing key is refused', hint: 'Answer 400 when the header is absent.' },
  ],
  timeoutMs: 5000,
});

const exitOk: RunExit = { exitCode: 0, timedOut: false, truncated: false, durationMs: 10, killed: false };
const exitFail: RunExit = { ...exitOk, exitCode: 1 };

function parsed(tests: ParsedChecks['tests'], complete = true): ParsedChecks {
  const passed = tests.filter((t) => t.ok).length;
  return { tests, passed, failed: tests.length - passed, complete };
}

describe('buildChecklist', () => {
  it('gives a failing check its hint and a passing one none', () => {
    const list = buildChecklist(
      parsed([
        { name: 'a replay is charged once', ok: false, message: 'charged twice', kind: 'test' },
        { name: 'a missing key is refused', ok: true, message: null, kind: 'test' },
      ]),
      sandbox,
      exitFail,
    );
    expect(list.items).toEqual([
      { name: 'a replay is charged once', ok: false, status: 'failed', message: 'charged twice', hint: 'Store the first response.', kind: 'test' },
      { name: 'a missing key is refused', ok: true, status: 'passed', message: null, hint: null, kind: 'test' },
    ]);
    expect(list).toMatchObject({ passed: 1, failed: 1, allPassed: false, stopped: null });
  });

  it('is all passed only when every expected check passed and the run ended cleanly', () => {
    const all = parsed([
      { name: 'a replay is charged once', ok: true, message: null, kind: 'test' },
      { name: 'a missing key is refused', ok: true, message: null, kind: 'test' },
    ]);
    expect(buildChecklist(all, sandbox, exitOk).allPassed).toBe(true);
    expect(buildChecklist(all, sandbox, exitFail).allPassed).toBe(false);
    expect(buildChecklist({ ...all, complete: false }, sandbox, exitOk).allPassed).toBe(false);
  });

  it('lists a promised check that never reported as not run, with the reason', () => {
    const list = buildChecklist(parsed([{ name: 'a missing key is refused', ok: true, message: null, kind: 'test' }], false), sandbox, {
      ...exitOk,
      exitCode: null,
      timedOut: true,
      killed: true,
    });
    const missing = list.items.find((i) => i.name === 'a replay is charged once')!;
    expect(missing).toMatchObject({ ok: false, status: 'not-run', hint: 'Store the first response.' });
    expect(missing.message).toMatch(/Did not run\. The checks were stopped after 5 s/);
    expect(list.stopped).toMatch(/time limit/);
    expect(list.allPassed).toBe(false);
  });

  it('blames a check file that could not load for the checks it held', () => {
    const list = buildChecklist(
      parsed([{ name: 'checks/a.test.js', ok: false, message: "SyntaxError: Unexpected token ';' (server.js:3)", kind: 'file' }]),
      sandbox,
      exitFail,
    );
    expect(list.items).toHaveLength(3);
    expect(list.items[1]!.message).toBe("Did not run. checks/a.test.js could not run: SyntaxError: Unexpected token ';' (server.js:3)");
    expect(list.failed).toBe(3);
  });

  it('is never all passed with nothing reported', () => {
    // The schema refuses a sandbox without checks; the checklist must not trust that alone.
    const empty = { ...sandbox, checks: [] };
    expect(buildChecklist(parsed([]), empty, exitOk).allPassed).toBe(false);
  });
});
