import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCheckOutput } from '../../../src/sandbox/checks/parser';
import type { SandboxSource } from '../../../src/sandbox/checks/workspace';
import { truncationNotice } from '../../../src/sandbox/output-cap';
import type { Task } from '../../../src/sandbox/runtime';
import { loadSandbox } from '../../../src/server/sandbox-disk';
import { runTask, writeWorkspace, type StartTaskOptions } from '../../../src/server/task-runner';
import { adderDir, learnerVariant } from '../sandbox/helpers';
import { eventually, isDead, isEmpty, tempRoot } from './helpers';

let source: SandboxSource;
let tmp: string;
const MB = 1024 * 1024;

beforeAll(async () => {
  source = await loadSandbox(adderDir);
});
beforeEach(async () => {
  tmp = await tempRoot();
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function learner(name: 'fixed' | 'loop' | 'noisy' | 'grandchild' | 'env') {
  return { 'adder.js': await readFile(join(learnerVariant(name), 'adder.js'), 'utf8') };
}

function start(files: Record<string, string>, task: Task, extra: Partial<StartTaskOptions> = {}) {
  let output = '';
  const handle = runTask(source, files, task, {
    limits: { timeoutMs: 1500, maxOutputBytes: MB },
    tmpRoot: tmp,
    onOutput: (c) => (output += c),
    ...extra,
  });
  return { handle, output: () => output };
}

describe('runTask', () => {
  it('runs the checks in a fresh folder and removes it afterwards', async () => {
    const run = start(await learner('fixed'), { kind: 'checks' });
    const exit = await run.handle.exit;
    expect(exit).toMatchObject({ exitCode: 0, killed: false, timedOut: false, truncated: false });
    expect(parseCheckOutput(run.output())).toMatchObject({ passed: 3, failed: 0, complete: true });
    expect(await isEmpty(tmp)).toBe(true);
  });

  it('gives the run a scrubbed environment: nothing inherited, HOME and TMPDIR inside the run folder', async () => {
    process.env.BLAST_TEST_SECRET = 'hunter2';
    try {
      const run = start(await learner('env'), { kind: 'demo', id: 'sum' });
      expect((await run.handle.exit).exitCode).toBe(0);
      const env = JSON.parse(/^ENV (.*)$/m.exec(run.output())![1]!) as Record<string, string>;
      const cwd = /^CWD (.*)$/m.exec(run.output())![1]!;
      expect(Object.keys(env).sort()).toEqual(['HOME', 'NODE_ENV', 'PATH', 'TMPDIR']);
      expect(run.output()).not.toContain('hunter2');
      const runRoot = join(cwd, '..');
      expect(env.HOME).toBe(join(runRoot, 'home'));
      expect(env.TMPDIR).toBe(join(runRoot, 'tmp'));
      expect(env.NODE_ENV).toBe('development');
      expect(runRoot.startsWith(tmp)).toBe(true);
      expect(existsSync(cwd)).toBe(false);
    } finally {
      delete process.env.BLAST_TEST_SECRET;
    }
  });

  it('kills the whole process tree at the time limit and removes the folder', async () => {
    const run = start(await learner('grandchild'), { kind: 'demo', id: 'sum' });
    const exit = await run.handle.exit;
    expect(exit).toMatchObject({ exitCode: null, killed: true, timedOut: true });
    const pid = Number(/grandchild pid (\d+)/.exec(run.output())?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(await eventually(() => isDead(pid))).toBe(true);
    expect(await isEmpty(tmp)).toBe(true);
  });

  it('kills the whole process tree when its signal is aborted', async () => {
    const abort = new AbortController();
    const run = start(await learner('grandchild'), { kind: 'demo', id: 'sum' }, { limits: { timeoutMs: 60_000, maxOutputBytes: MB }, signal: abort.signal });
    expect(await eventually(() => /grandchild pid \d+/.test(run.output()), 20_000)).toBe(true);
    abort.abort();
    const exit = await run.handle.exit;
    expect(exit).toMatchObject({ exitCode: null, killed: true, timedOut: false });
    const pid = Number(/grandchild pid (\d+)/.exec(run.output())![1]);
    expect(await eventually(() => isDead(pid))).toBe(true);
    expect(await isEmpty(tmp)).toBe(true);
  });

  it('stops checks that never end at the time limit', async () => {
    const run = start(await learner('loop'), { kind: 'checks' });
    expect(await run.handle.exit).toMatchObject({ exitCode: null, timedOut: true, killed: true });
    expect(parseCheckOutput(run.output()).complete).toBe(false);
    expect(await isEmpty(tmp)).toBe(true);
  });

  it('caps a flood of output at 1 MB with a visible notice', async () => {
    const run = start(await learner('noisy'), { kind: 'demo', id: 'sum' }, { limits: { timeoutMs: 20_000, maxOutputBytes: MB } });
    const exit = await run.handle.exit;
    expect(exit).toMatchObject({ truncated: true, exitCode: 0 });
    expect(Buffer.byteLength(run.output())).toBe(MB + Buffer.byteLength(truncationNotice(MB)));
    expect(run.output().endsWith(truncationNotice(MB))).toBe(true);
  });

  it('keeps every check result even when the checks print 5 MB', async () => {
    const run = start(await learner('noisy'), { kind: 'checks' }, { limits: { timeoutMs: 20_000, maxOutputBytes: MB } });
    const exit = await run.handle.exit;
    expect(exit).toMatchObject({ exitCode: 0, truncated: false });
    expect(parseCheckOutput(run.output())).toMatchObject({ passed: 3, failed: 0, complete: true });
  });

  it('reports a Node that cannot start, and still removes the folder', async () => {
    const run = start(await learner('fixed'), { kind: 'checks' }, { nodePath: join(tmp, 'no-such-node') });
    await expect(run.handle.exit).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/Could not start/) });
    expect(await isEmpty(tmp)).toBe(true);
  });

  it('refuses learner files it must not write before creating anything', async () => {
    const run = start({ '../adder.js': 'x' }, { kind: 'checks' });
    await expect(run.handle.exit).rejects.toThrow(/Refused a file: "\.\.\/adder\.js"/);
    expect(await isEmpty(tmp)).toBe(true);
  });
});

describe('writeWorkspace', () => {
  it('refuses a path that escapes the folder even if it skipped validation', async () => {
    await expect(writeWorkspace(join(tmp, 'w'), { '../outside.js': 'x' })).rejects.toThrow(/\.\./);
    await expect(writeWorkspace(join(tmp, 'w'), { '/etc/x': 'x' })).rejects.toThrow(/absolute/);
    expect(existsSync(join(tmp, 'outside.js'))).toBe(false);
  });

  it('never writes through something already in place', async () => {
    await writeWorkspace(join(tmp, 'w'), { 'a.js': '1' });
    await expect(writeWorkspace(join(tmp, 'w'), { 'a.js': '2' })).rejects.toThrow(/EEXIST/);
  });
});
