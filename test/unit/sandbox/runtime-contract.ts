/**
 * The behaviour every SandboxRuntime promises, as one suite run against each runtime (the fake
 * here, the local runtime against a real local runner in test/unit/server). Scenarios use the
 * adder fixture: its starter fails, and learner variants fix it, loop forever or print 5 MB.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCheckOutput } from '../../../src/sandbox/checks/parser';
import { truncationNotice } from '../../../src/sandbox/output-cap';
import { RuntimeError, type RunExit, type RuntimeProgress, type SandboxRuntime } from '../../../src/sandbox/runtime';
import type { FileMap } from '../../../src/sandbox/files';
import type { Sandbox } from '../../../src/schemas/sandbox';
import { learnerVariant } from './helpers';

export interface ContractSetup {
  runtime: SandboxRuntime;
  sandbox: Sandbox;
  /** The full workspace of the adder fixture with its starter files. */
  workspace: FileMap;
  /** Output cap the runtime applies (bytes). */
  maxOutputBytes: number;
  cleanup(): Promise<void>;
}

export const variant = async (name: 'fixed' | 'loop' | 'noisy') => readFile(join(learnerVariant(name), 'adder.js'), 'utf8');

async function collect(runtime: SandboxRuntime, task: Parameters<SandboxRuntime['run']>[0], signal?: AbortSignal) {
  let output = '';
  const handle = runtime.run(task, { onOutput: (c) => (output += c), ...(signal ? { signal } : {}) });
  const exit = await handle.exit;
  return { output, exit };
}

/** Resolves once `predicate` holds for the output so far (the run is known to have started). */
function runUntil(runtime: SandboxRuntime, task: Parameters<SandboxRuntime['run']>[0], predicate: (out: string) => boolean, signal?: AbortSignal) {
  let output = '';
  let seen!: () => void;
  const started = new Promise<void>((resolve) => (seen = resolve));
  const handle = runtime.run(task, {
    onOutput: (c) => {
      output += c;
      if (predicate(output)) seen();
    },
    ...(signal ? { signal } : {}),
  });
  return { handle, started, output: () => output };
}

const stopped = (exit: RunExit) => ({ exitCode: exit.exitCode, killed: exit.killed, timedOut: exit.timedOut });

export function runtimeContract(name: string, setup: () => Promise<ContractSetup>): void {
  describe(`SandboxRuntime contract: ${name}`, () => {
    let s: ContractSetup;
    beforeEach(async () => {
      s = await setup();
    });
    afterEach(async () => {
      await s.runtime.teardown();
      await s.cleanup();
    });

    it('boots once, reporting booting then ready', async () => {
      const seen: RuntimeProgress['phase'][] = [];
      s.runtime.onProgress((p) => seen.push(p.phase));
      await s.runtime.boot();
      await s.runtime.boot();
      expect(seen).toEqual(['booting', 'ready']);
    });

    it('refuses to run before a sandbox is mounted', async () => {
      await s.runtime.boot();
      await expect(s.runtime.run({ kind: 'checks' }).exit).rejects.toMatchObject({ code: 'not-mounted' });
    });

    it('runs the checks of the starter, streaming reporter output, and they fail', async () => {
      const seen: string[] = [];
      s.runtime.onProgress((p) => seen.push(p.phase));
      await s.runtime.boot();
      await s.runtime.mount(s.workspace, s.sandbox);
      const { output, exit } = await collect(s.runtime, { kind: 'checks' });
      const parsed = parseCheckOutput(output);
      expect(parsed.complete).toBe(true);
      expect(parsed.failed).toBeGreaterThan(0);
      expect(parsed.tests.map((t) => t.name)).toEqual(s.sandbox.checks.map((c) => c.name));
      expect(exit).toMatchObject({ killed: false, timedOut: false, truncated: false });
      expect(exit.exitCode).not.toBe(0);
      expect(seen).toEqual(expect.arrayContaining(['mounting', 'running', 'idle']));
      expect(seen.indexOf('mounting')).toBeLessThan(seen.indexOf('running'));
    });

    it('runs what writeFile wrote: the fixed file passes every check', async () => {
      await s.runtime.mount(s.workspace, s.sandbox);
      await s.runtime.writeFile('adder.js', await variant('fixed'));
      const { output, exit } = await collect(s.runtime, { kind: 'checks' });
      const parsed = parseCheckOutput(output);
      expect(parsed).toMatchObject({ failed: 0, passed: 3, complete: true });
      expect(exit).toMatchObject({ exitCode: 0, killed: false });
    });

    it('refuses to write checks, support files and unsafe names', async () => {
      await s.runtime.mount(s.workspace, s.sandbox);
      for (const path of ['checks/adder.test.js', 'format.js', '../adder.js', '/adder.js', '.blast/reporter.mjs']) {
        await expect(s.runtime.writeFile(path, 'x'), path).rejects.toMatchObject({ code: 'read-only' });
      }
    });

    it('runs a listed demo and refuses an unknown one', async () => {
      await s.runtime.mount(s.workspace, s.sandbox);
      const { output, exit } = await collect(s.runtime, { kind: 'demo', id: 'sum' });
      expect(output).toContain('add(2, 3) = -1 (expected 5)');
      expect(exit.exitCode).toBe(0);
      await expect(s.runtime.run({ kind: 'demo', id: 'nope' }).exit).rejects.toMatchObject({ code: 'unknown-demo' });
    });

    it('kill() stops a run that would never end', async () => {
      await s.runtime.mount(s.workspace, s.sandbox);
      await s.runtime.writeFile('adder.js', await variant('loop'));
      const run = runUntil(s.runtime, { kind: 'demo', id: 'sum' }, (o) => o.includes('looping forever'));
      await run.started;
      run.handle.kill();
      expect(stopped(await run.handle.exit)).toEqual({ exitCode: null, killed: true, timedOut: false });
    });

    it('aborting the signal stops the run', async () => {
      await s.runtime.mount(s.workspace, s.sandbox);
      await s.runtime.writeFile('adder.js', await variant('loop'));
      const abort = new AbortController();
      const run = runUntil(s.runtime, { kind: 'demo', id: 'sum' }, (o) => o.includes('looping forever'), abort.signal);
      await run.started;
      abort.abort();
      expect(stopped(await run.handle.exit)).toEqual({ exitCode: null, killed: true, timedOut: false });
    });

    it('a new run aborts the stale one', async () => {
      await s.runtime.mount(s.workspace, s.sandbox);
      await s.runtime.writeFile('adder.js', await variant('loop'));
      const first = runUntil(s.runtime, { kind: 'demo', id: 'sum' }, (o) => o.includes('looping forever'));
      await first.started;
      const second = runUntil(s.runtime, { kind: 'demo', id: 'sum' }, (o) => o.includes('looping forever'));
      expect(stopped(await first.handle.exit)).toEqual({ exitCode: null, killed: true, timedOut: false });
      await second.started;
      second.handle.kill();
      expect((await second.handle.exit).killed).toBe(true);
    });

    it('stops a run at the time limit and says so', async () => {
      await s.runtime.mount(s.workspace, s.sandbox);
      await s.runtime.writeFile('adder.js', await variant('loop'));
      const { exit } = await collect(s.runtime, { kind: 'checks' });
      expect(stopped(exit)).toEqual({ exitCode: null, killed: true, timedOut: true });
    });

    it('caps output with a visible notice', async () => {
      await s.runtime.mount(s.workspace, s.sandbox);
      await s.runtime.writeFile('adder.js', await variant('noisy'));
      const { output, exit } = await collect(s.runtime, { kind: 'demo', id: 'sum' });
      expect(exit.truncated).toBe(true);
      expect(output.endsWith(truncationNotice(s.maxOutputBytes))).toBe(true);
      expect(new TextEncoder().encode(output).byteLength).toBe(s.maxOutputBytes + new TextEncoder().encode(truncationNotice(s.maxOutputBytes)).byteLength);
    });

    it('teardown kills the active run, and the runtime refuses further use', async () => {
      await s.runtime.mount(s.workspace, s.sandbox);
      await s.runtime.writeFile('adder.js', await variant('loop'));
      const run = runUntil(s.runtime, { kind: 'demo', id: 'sum' }, (o) => o.includes('looping forever'));
      await run.started;
      await s.runtime.teardown();
      expect((await run.handle.exit).killed).toBe(true);
      await expect(s.runtime.run({ kind: 'checks' }).exit).rejects.toBeInstanceOf(RuntimeError);
      await expect(s.runtime.run({ kind: 'checks' }).exit).rejects.toMatchObject({ code: 'torn-down' });
      await expect(s.runtime.writeFile('adder.js', '')).rejects.toMatchObject({ code: 'torn-down' });
    });
  });
}
