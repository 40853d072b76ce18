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
import { ACCESS_DENIED_NOTICE, DEFAULT_RESOURCE_LIMITS } from '../../../src/sandbox/limits';
import { OLDEST_NODE, OLDEST_NODE_NOTE } from '../oldest-node';
import { adderDir, fixturesDir, learnerVariant, repoRoot } from '../sandbox/helpers';
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

async function learner(name: 'fixed' | 'loop' | 'noisy' | 'env' | 'escapes' | 'spawner' | 'hog-memory' | 'hog-cpu' | 'hog-disk' | 'forger') {
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

  it('refuses every way out of the run folder, and tells the learner why', async () => {
    const run = start(await learner('escapes'), { kind: 'demo', id: 'sum' }, { limits: { timeoutMs: 20_000, maxOutputBytes: MB } });
    expect((await run.handle.exit).exitCode).toBe(0);
    const outcomes = Object.fromEntries([...run.output().matchAll(/^ESCAPE (\S+) (\S+)(?: (\S+))?$/gm)].map((m) => [m[1]!, `${m[2]} ${m[3] ?? ''}`.trim()]));
    expect(outcomes).toEqual({
      'detached-child': 'refused ERR_ACCESS_DENIED',
      setsid: 'refused ERR_ACCESS_DENIED',
      'double-fork': 'refused ERR_ACCESS_DENIED',
      fork: 'refused ERR_ACCESS_DENIED',
      worker: 'refused ERR_ACCESS_DENIED',
      'read-passwd': 'refused ERR_ACCESS_DENIED',
      'read-parent-environ': 'refused ERR_ACCESS_DENIED',
      'read-home-ssh': 'refused ERR_ACCESS_DENIED',
      'write-outside': 'refused ERR_ACCESS_DENIED',
      'write-tmp': 'refused ERR_ACCESS_DENIED',
      'symlink-out': 'refused ERR_ACCESS_DENIED',
      'native-addon': 'refused ERR_DLOPEN_DISABLED',
      'native-require': 'refused ERR_DLOPEN_DISABLED',
      'process-binding': 'refused ERR_ACCESS_DENIED',
    });
    expect(run.output()).toContain(ACCESS_DENIED_NOTICE);
    // Nothing landed outside the run folder, which is gone.
    expect(await isEmpty(tmp)).toBe(true);
  });

  it('stops the run at the time limit and leaves no process of it behind', async () => {
    const run = start(await learner('spawner'), { kind: 'demo', id: 'sum' });
    const exit = await run.handle.exit;
    expect(exit).toMatchObject({ exitCode: null, killed: true, timedOut: true });
    expect(run.output()).toMatch(/spawn refused: ERR_ACCESS_DENIED/);
    expect(run.output()).not.toMatch(/escaped pid/);
    const pid = Number(/run pid (\d+)/.exec(run.output())?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(await eventually(() => isDead(pid))).toBe(true);
    expect(await isEmpty(tmp)).toBe(true);
  });

  it('kills the run when its signal is aborted', async () => {
    const abort = new AbortController();
    const run = start(await learner('spawner'), { kind: 'demo', id: 'sum' }, { limits: { timeoutMs: 60_000, maxOutputBytes: MB }, signal: abort.signal });
    expect(await eventually(() => /run pid \d+/.test(run.output()), 20_000)).toBe(true);
    abort.abort();
    const exit = await run.handle.exit;
    expect(exit).toMatchObject({ exitCode: null, killed: true, timedOut: false });
    const pid = Number(/run pid (\d+)/.exec(run.output())![1]);
    expect(await eventually(() => isDead(pid))).toBe(true);
    expect(await isEmpty(tmp)).toBe(true);
  });

  it.each([
    ['hog-memory', { heapMb: 64 }, 'memory', /Stopped: memory limit/],
    ['hog-cpu', { cpuSeconds: 1 }, 'cpu', /Stopped: CPU time limit/],
    ['hog-disk', { diskEntries: 200 }, 'disk', /Stopped: disk limit/],
  ] as const)('stops %s at its resource limit and says which', async (variant, override, limit, message) => {
    const run = start(await learner(variant), { kind: 'demo', id: 'sum' }, {
      limits: { timeoutMs: 30_000, maxOutputBytes: MB },
      resources: { ...DEFAULT_RESOURCE_LIMITS, ...override },
    });
    const exit = await run.handle.exit;
    expect(exit.limit).toBe(limit);
    expect(exit.timedOut).toBe(false);
    expect(run.output()).toMatch(message);
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

  it('keeps the learner’s own output from passing for a result or splitting one, in one process', async () => {
    const run = start(await learner('forger'), { kind: 'checks' });
    expect((await run.handle.exit).exitCode).toBe(0);
    const parsed = parseCheckOutput(run.output());
    expect(parsed).toMatchObject({ passed: 3, failed: 0, complete: true });
    expect(parsed.tests.map((t) => t.name)).toEqual(['adds two positive numbers', 'adding zero changes nothing', 'adds negative numbers']);
    expect(run.output()).toContain(' ::blast::{"type":"done","passed":99');
    expect(run.output()).toContain('half a line on stderr');
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

describe.runIf(OLDEST_NODE)(`runTask ${OLDEST_NODE_NOTE}`, () => {
  it('confines the run the same way', async () => {
    const run = start(await learner('escapes'), { kind: 'demo', id: 'sum' }, { nodePath: OLDEST_NODE!, limits: { timeoutMs: 20_000, maxOutputBytes: MB } });
    expect((await run.handle.exit).exitCode).toBe(0);
    const lines = [...run.output().matchAll(/^ESCAPE (\S+) (\S+)/gm)];
    expect(lines.length).toBe(14);
    expect(lines.filter((m) => m[2] !== 'refused').map((m) => m[1])).toEqual([]);
    expect(run.output()).not.toMatch(/ExperimentalWarning/);
  });

  it('runs the checks in one process and reports them', async () => {
    const run = start(await learner('fixed'), { kind: 'checks' }, { nodePath: OLDEST_NODE! });
    expect(await run.handle.exit).toMatchObject({ exitCode: 0, killed: false });
    expect(parseCheckOutput(run.output())).toMatchObject({ passed: 3, failed: 0, complete: true });
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

describe('a sandbox that declares a dependency', () => {
  it('links the project’s own copy into the run, lets it load, and nothing else of node_modules', async () => {
    const pg = await loadSandbox(join(fixturesDir, '_deps/pgsum'));
    expect(pg.dependencies).toEqual([{ name: '@electric-sql/pglite', dir: expect.stringMatching(/node_modules\/@electric-sql\/pglite$/) }]);
    let output = '';
    const zodEntry = join(repoRoot, 'node_modules/zod/index.js');
    const files = { 'sum.js': pg.solution['sum.js']! };
    const checks = await runTask(pg, files, { kind: 'checks' }, { limits: { timeoutMs: 60_000, maxOutputBytes: MB }, tmpRoot: tmp, onOutput: (c) => (output += c) }).exit;
    expect(checks.exitCode, output).toBe(0);
    expect(parseCheckOutput(output)).toMatchObject({ passed: 1, failed: 0, complete: true });
    output = '';
    const reachSource = (await readFile(join(fixturesDir, '_deps/pgsum/scripts/reach.js'), 'utf8')).replace('/work/main/node_modules/zod/index.js', zodEntry);
    const reach = runTask({ ...pg, scripts: { 'scripts/reach.js': reachSource } }, files, { kind: 'demo', id: 'reach' }, { limits: { timeoutMs: 60_000, maxOutputBytes: MB }, tmpRoot: tmp, onOutput: (c) => (output += c) });
    expect((await reach.exit).exitCode, output).toBe(0);
    expect(output).toContain('pglite function');
    expect(output).toContain('other package refused ERR_ACCESS_DENIED');
    expect(await isEmpty(tmp)).toBe(true);
    // PostgreSQL starts in each of the two runs (seconds of CPU each): allow the runs' own limits.
  }, 130_000);
});
