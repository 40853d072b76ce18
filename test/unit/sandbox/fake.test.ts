import { describe, expect, it } from 'vitest';
import { buildWorkspace, type SandboxSource } from '../../../src/sandbox/checks/workspace';
import { parseCheckOutput } from '../../../src/sandbox/checks/parser';
import { checksPlan, FakeRuntime, type FakeScript } from '../../../src/sandbox/fake';
import { RuntimeError } from '../../../src/sandbox/runtime';
import { loadSandbox } from '../../../src/server/sandbox-disk';
import { starterLearnerFiles } from '../../../src/sandbox/checks/workspace';
import { adderDir } from './helpers';
import { runtimeContract } from './runtime-contract';

/**
 * A scripted model of the adder fixture: what the real runtimes would print for each learner
 * variant, decided from the mounted adder.js alone.
 */
const adderScript: FakeScript = (task, files, sandbox) => {
  const code = files['adder.js'] ?? '';
  if (code.includes('for (;;)')) return { output: [{ data: 'looping forever\n' }], hang: true };
  const noisy = code.includes("'x'.repeat(1023)");
  const fixed = code.includes('a + b');
  // Five 1 MB writes, as a pipe coalesces the 5,120 lines: the cap is then reached on the first
  // write, so the test does not race the 250 ms time limit one tick per line on a loaded machine.
  const prelude = noisy ? Array.from({ length: 5 }, () => ({ data: `${'x'.repeat(1023)}\n`.repeat(1024) })) : [];
  if (task.kind === 'demo') {
    return { output: [...prelude, { data: `add(2, 3) = ${fixed ? 5 : -1} (expected 5)\n` }] };
  }
  const names = sandbox.checks.map((c) => c.name);
  return checksPlan(names.map((name) => ({ name, ok: fixed || name === 'adding zero changes nothing', message: 'Expected values to be strictly equal' })));
};

let source: SandboxSource | undefined;
async function adder(): Promise<SandboxSource> {
  source ??= await loadSandbox(adderDir);
  return source;
}

runtimeContract('fake', async () => {
  const src = await adder();
  const maxOutputBytes = 64 * 1024;
  return {
    runtime: new FakeRuntime({ script: adderScript, timeoutMs: 250, maxOutputBytes }),
    sandbox: src.manifest,
    workspace: buildWorkspace(src, starterLearnerFiles(src)),
    maxOutputBytes,
    cleanup: async () => {},
  };
});

describe('FakeRuntime', () => {
  it('fails boot with the scripted error and can boot again afterwards', async () => {
    const runtime = new FakeRuntime({ script: () => ({}), bootError: new RuntimeError('unavailable', 'WebContainer hosts are blocked') });
    const phases: string[] = [];
    runtime.onProgress((p) => phases.push(`${p.phase}: ${p.message}`));
    await expect(runtime.boot()).rejects.toThrow('WebContainer hosts are blocked');
    expect(phases).toEqual(['booting: Starting the fake runtime', 'failed: WebContainer hosts are blocked']);
    await expect(runtime.boot()).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('hands the script the mounted files with the learner edits, and records tasks', async () => {
    const src = await adder();
    const seen: string[] = [];
    const runtime = new FakeRuntime({
      script: (task, files) => {
        seen.push(files['adder.js']!);
        return {};
      },
    });
    await runtime.mount(buildWorkspace(src, starterLearnerFiles(src)), src.manifest);
    await runtime.writeFile('adder.js', 'edited');
    await runtime.run({ kind: 'checks' }).exit;
    expect(seen).toEqual(['edited']);
    expect(runtime.started).toEqual([{ kind: 'checks' }]);
    expect(runtime.workspace?.['checks/adder.test.js']).toBe(src.checks['checks/adder.test.js']);
  });

  it('checksPlan prints what the parser reads back', async () => {
    const plan = checksPlan([
      { name: 'one', ok: true },
      { name: 'two', ok: false, message: 'nope' },
    ]);
    const parsed = parseCheckOutput(plan.output!.map((o) => o.data).join(''));
    expect(parsed).toMatchObject({ passed: 1, failed: 1, complete: true });
    expect(parsed.tests[1]).toMatchObject({ name: 'two', message: 'nope' });
    expect(plan.exitCode).toBe(1);
  });
});
