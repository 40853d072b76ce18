import { describe, expect, it, vi } from 'vitest';
import type { FromWorker, ToWorker } from '../../../src/console/protocol';

// Fresh copies of the host and the catalogue, without the scenarios the test setup provides: as the
// simulation worker starts in a browser.
async function freshHost() {
  vi.resetModules();
  const catalogue = await import('../../../src/console/scenario-catalogue');
  const { ConsoleHost } = await import('../../../src/console/host');
  const out: FromWorker[] = [];
  const host = new ConsoleHost((m) => out.push(structuredClone(m)));
  return { catalogue, host, out, send: (m: unknown) => host.handle(structuredClone(m) as ToWorker) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the simulation worker loads the built-in scenarios when a run first names one', () => {
  it('free play runs without them', async () => {
    const { catalogue, out, send } = await freshHost();
    const { baselineScenario } = await import('../../../src/sim/scenarios/defaults');
    send({ type: 'load', source: { kind: 'custom', scenario: baselineScenario() }, seed: 1, warmupSeconds: 0 });
    expect(out.map((m) => m.type)).toEqual(['loaded']);
    expect(catalogue.scenarioCatalogueReady()).toBe(false);
  });

  it('a drill waits for them, and commands sent meanwhile keep their order', async () => {
    const { catalogue, out, send } = await freshHost();
    send({ type: 'load', source: { kind: 'builtin', id: 'bad-deploy' }, seed: 1, warmupSeconds: 10 });
    send({ type: 'step', seconds: 2 });
    send({ type: 'teleport' });
    expect(out).toEqual([]); // nothing answered before the scenarios are there
    await vi.waitFor(() => expect(out.length).toBe(3));
    expect(catalogue.scenarioCatalogueReady()).toBe(true);
    expect(out.map((m) => m.type)).toEqual(['loaded', 'frames', 'error']);
    expect(out[0]).toMatchObject({ type: 'loaded', clock: { t: 10 } });
    // Once loaded, commands are answered at once again.
    send({ type: 'pause' });
    expect(out.length).toBe(4);
  });

  it('an unknown drill is still named, after the load', async () => {
    const { out, send } = await freshHost();
    send({ type: 'load', source: { kind: 'builtin', id: 'no-such-drill' }, seed: 1, warmupSeconds: 0 });
    await settle();
    await vi.waitFor(() => expect(out.length).toBe(1));
    expect(out[0]).toMatchObject({ type: 'error', message: expect.stringMatching(/There is no scenario "no-such-drill"/) });
  });

  it('resolving a built-in scenario before they are loaded says what to do', async () => {
    vi.resetModules();
    const { resolveScenario } = await import('../../../src/console/run');
    expect(() => resolveScenario({ kind: 'builtin', id: 'bad-deploy' })).toThrow(/not loaded yet: await loadScenarioCatalogue\(\)/);
  });
});
