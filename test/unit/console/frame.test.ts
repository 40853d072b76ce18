import { describe, expect, it } from 'vitest';
import { ConsoleRun } from '../../../src/console/run';

describe('frame parts', () => {
  it('are shared between frames while unchanged (posted once per message, kept once on the page), and new when they change', () => {
    const { run } = ConsoleRun.load({ source: { kind: 'builtin', id: 'baseline' }, seed: 3, warmupSeconds: 30 });
    const [a, b] = run.advance(32);
    expect(b!.instances).toBe(a!.instances);
    expect(b!.alerts).toBe(a!.alerts);
    run.act({ type: 'scale', replicas: 5 });
    const [c] = run.advance(33);
    expect(c!.instances).not.toBe(b!.instances);
    expect(c!.instances.length).toBeGreaterThan(b!.instances.length);
    // Per-second numbers are never shared.
    expect(c!.edge).not.toBe(b!.edge);
    expect(c!.metrics).not.toBe(b!.metrics);
  });

  it('keep each metric the simulation recorded, to six significant digits, in the order it names them', () => {
    const { run } = ConsoleRun.load({ source: { kind: 'builtin', id: 'baseline' }, seed: 3, warmupSeconds: 30 });
    run.act({ type: 'scale', replicas: 5 });
    const frames = run.advance(120);
    const last = frames.at(-1)!;
    const names = Object.keys(last.metrics);
    expect(names.some((n) => n.startsWith('instance.api-5.'))).toBe(true);
    for (const f of frames) for (const v of Object.values(f.metrics)) if (Number.isFinite(v)) expect(v).toBe(Number(v.toPrecision(6)));
    // Frames before and after the scale-out list the names they had then.
    expect(Object.keys(frames[0]!.metrics).length).toBeLessThanOrEqual(names.length);
  });
});
