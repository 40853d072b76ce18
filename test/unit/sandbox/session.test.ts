import { describe, expect, it } from 'vitest';
import { FakeRuntime, checksPlan } from '../../../src/sandbox/fake';
import { RuntimeError, type SandboxRuntime } from '../../../src/sandbox/runtime';
import { SandboxSession, probeLocalRunner, resolveRuntime, type RuntimeKind } from '../../../src/sandbox/session';
import { loadSandbox } from '../../../src/server/sandbox-disk';
import { adderDir } from './helpers';

const source = await loadSandbox(adderDir);
const checkNames = source.manifest.checks.map((c) => c.name);

/** A fake runtime whose checks pass only when the learner's file contains "fixed". */
function fakeFor(kind: RuntimeKind, opts: { bootError?: RuntimeError; hang?: boolean } = {}): SandboxRuntime {
  // The fake reports kind "fake"; the session compares kinds, so it must pass for the one asked for.
  return Object.defineProperty(
    new FakeRuntime({
      bootError: opts.bootError,
      // Short only where a run is meant to hit it: a busy machine can take 200 ms over a real run.
      timeoutMs: opts.hang ? 200 : 10_000,
      script: (task, workspace) => {
        if (opts.hang) return { hang: true };
        if (task.kind === 'demo') return { output: [{ data: 'demo says hi\n' }] };
        const fixed = Object.entries(workspace).some(([p, t]) => !p.startsWith('checks/') && t.includes('fixed'));
        return checksPlan(checkNames.map((name, i) => ({ name, ok: fixed || i === 0, message: 'expected 5, got 4' })));
      },
    }),
    'kind',
    { value: kind },
  ) as SandboxRuntime;
}

function session(opts: { local?: boolean; bootError?: Partial<Record<RuntimeKind, RuntimeError>>; hang?: boolean } = {}) {
  const created: RuntimeKind[] = [];
  const s = new SandboxSession({
    source,
    createRuntime: (kind) => {
      created.push(kind);
      return fakeFor(kind, { bootError: opts.bootError?.[kind], hang: opts.hang });
    },
    localAvailable: async () => opts.local ?? true,
  });
  return { s, created };
}

const learner = Object.fromEntries(Object.entries(source.starter).filter(([p]) => source.manifest.files.includes(p)));

describe('runtime choice', () => {
  it('prefers the local runner when the page has one, WebContainer otherwise, and obeys an explicit setting', () => {
    expect(resolveRuntime('auto', true)).toBe('local');
    expect(resolveRuntime('auto', false)).toBe('webcontainer');
    expect(resolveRuntime('webcontainer', true)).toBe('webcontainer');
    expect(resolveRuntime('local', false)).toBe('local');
  });
});

describe('probeLocalRunner', () => {
  /** A session answer whose body records whether the probe let it go. */
  function answer(status: number) {
    let cancelled = false;
    const body = new ReadableStream({ pull: () => new Promise(() => {}), cancel: () => void (cancelled = true) });
    const response = new Response(body, { status, headers: { 'content-type': 'application/json' } });
    return { fetch: (async () => response) as unknown as typeof fetch, cancelled: () => cancelled };
  }

  it('finds the runner when the session route answers, connected (200) or not (401), and not otherwise', async () => {
    expect(await probeLocalRunner(answer(200).fetch)).toBe(true);
    expect(await probeLocalRunner(answer(401).fetch)).toBe(true);
    expect(await probeLocalRunner(answer(404).fetch)).toBe(false);
    expect(await probeLocalRunner((async () => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch)).toBe(false);
  });

  it('lets go of the answer it does not read (an unread body keeps the request open in the browser)', async () => {
    const a = answer(401);
    await probeLocalRunner(a.fetch);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(a.cancelled()).toBe(true);
  });
});

describe('SandboxSession', () => {
  it('starts, runs the checks and builds a checklist with hints for failures', async () => {
    const { s } = session();
    expect(await s.start('local', learner)).toBe(true);
    expect(s.state.status).toBe('ready');
    const output: string[] = [];
    const result = await s.run({ kind: 'checks' }, learner, (t) => output.push(t));
    expect(result!.checklist!.allPassed).toBe(false);
    expect(result!.checklist!.passed).toBe(1);
    const failing = result!.checklist!.items.find((i) => !i.ok)!;
    expect(failing.message).toContain('expected 5, got 4');
    expect(failing.hint).toBe(source.manifest.checks.find((c) => c.name === failing.name)!.hint);
    // The terminal gets the readable lines, not the machine records.
    expect(output.join('')).toContain('✗');
    expect(output.join('')).not.toContain('::blast::');
    expect(s.state.status).toBe('ready');
  });

  it('runs the learner files as they are now: fixing the code makes every check pass', async () => {
    const { s } = session();
    await s.start('local', learner);
    const fixedFiles = Object.fromEntries(Object.keys(learner).map((p) => [p, '// fixed\n']));
    const result = await s.run({ kind: 'checks' }, fixedFiles, () => {});
    expect(result!.checklist!.allPassed).toBe(true);
    expect(s.state.checklist!.failed).toBe(0);
  });

  it('starts by itself when asked to run before starting', async () => {
    const { s, created } = session();
    const result = await s.run({ kind: 'demo', id: source.manifest.demos[0]!.id }, learner, () => {});
    expect(result!.exit.exitCode).toBe(0);
    expect(created).toEqual(['local']);
  });

  it('reports a blocked WebContainer and offers the local runner when there is one', async () => {
    const blocked = new RuntimeError('unavailable', 'did not start within 20 s');
    const { s } = session({ local: true, bootError: { webcontainer: blocked } });
    expect(await s.start('webcontainer', learner)).toBe(false);
    expect(s.state.status).toBe('failed');
    expect(s.state.error).toMatchObject({ message: 'did not start within 20 s', fallback: 'local' });
    expect(await s.start('local', learner)).toBe(true);
    expect(s.state).toMatchObject({ status: 'ready', runtime: 'local', error: null });
  });

  it('offers no fallback when the local runner is absent too', async () => {
    const { s } = session({ local: false, bootError: { webcontainer: new RuntimeError('unavailable', 'blocked') } });
    await s.start('webcontainer', learner);
    expect(s.state.error!.fallback).toBeNull();
  });

  it('a run that never ends is stopped at the limit and reported as such', async () => {
    const { s } = session({ hang: true });
    const result = await s.run({ kind: 'checks' }, learner, () => {});
    expect(result!.exit.timedOut).toBe(true);
    expect(result!.checklist!.allPassed).toBe(false);
    expect(result!.checklist!.stopped).toMatch(/time limit/);
    expect(result!.checklist!.items.every((i) => i.status === 'not-run')).toBe(true);
  });

  it('stop() kills the run in progress', async () => {
    const { s } = session({ hang: true });
    await s.start('local', learner);
    const running = s.run({ kind: 'checks' }, learner, () => {});
    await new Promise((r) => setTimeout(r, 20));
    expect(s.state.status).toBe('running');
    s.stop();
    const result = await running;
    expect(result!.exit.killed).toBe(true);
    expect(result!.exit.timedOut).toBe(false);
  });

  it('a newer run replaces an older one, and only the newer one reports', async () => {
    const { s } = session();
    await s.start('local', learner);
    const first = s.run({ kind: 'checks' }, learner, () => {});
    const second = s.run({ kind: 'checks' }, Object.fromEntries(Object.keys(learner).map((p) => [p, 'fixed'])), () => {});
    expect(await first).toBeNull();
    expect((await second)!.checklist!.allPassed).toBe(true);
    expect(s.state.checklist!.allPassed).toBe(true);
  });

  it('a refused run (runner busy) leaves the session usable', async () => {
    const busy = new RuntimeError('busy', 'Too many runs at once; try again in 2 s.', 2);
    // The fake cannot be busy; make writeFile fail the way a busy runner's request does.
    const failing = new SandboxSession({
      source,
      createRuntime: () => {
        const runtime = fakeFor('local');
        const write = runtime.writeFile.bind(runtime);
        let refusals = 1;
        return Object.assign(runtime, { writeFile: async (p: string, t: string) => (refusals-- > 0 ? Promise.reject(busy) : write(p, t)) });
      },
      localAvailable: async () => true,
    });
    await failing.start('local', learner);
    expect(await failing.run({ kind: 'checks' }, learner, () => {})).toBeNull();
    expect(failing.state).toMatchObject({ status: 'ready', error: { code: 'busy' } });
    const retry = await failing.run({ kind: 'checks' }, learner, () => {});
    expect(retry!.checklist!.passed).toBe(1);
    expect(failing.state.error).toBeNull();
  });
});
