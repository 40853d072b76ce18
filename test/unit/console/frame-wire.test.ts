import { describe, expect, it } from 'vitest';
import { fromWire, toWire } from '../../../src/console/frame-wire';
import { ConsoleRun } from '../../../src/console/run';
import type { Frame, FromWorker } from '../../../src/console/protocol';

/** What the page gets for `message`: packed by the worker, cloned with its transfers, unpacked. */
function acrossWire(message: FromWorker): FromWorker {
  const { message: wire, transfer } = toWire(message);
  return fromWire(structuredClone(wire, { transfer }));
}

describe('frames on the wire', () => {
  // A run that scales out mid-way: instances' metrics appear, so the frames' metric names change.
  const { run } = ConsoleRun.load({ source: { kind: 'builtin', id: 'baseline' }, seed: 3, warmupSeconds: 60 });
  const before = run.advance(90);
  run.act({ type: 'scale', replicas: 5 });
  const frames = [...before, ...run.advance(200)];

  it('arrive as the worker built them, metrics included, across a change of metric names', () => {
    const names = new Set(frames.map((f) => Object.keys(f.metrics).join()));
    expect(names.size).toBeGreaterThan(1);
    const got = acrossWire({ type: 'history', frames });
    expect(got).toEqual({ type: 'history', frames });
    // Key order as built (the charts read names in order).
    expect(Object.keys((got as { frames: Frame[] }).frames.at(-1)!.metrics)).toEqual(Object.keys(frames.at(-1)!.metrics));
  });

  it('keep values a JSON copy would lose (NaN, infinities, -0)', () => {
    const odd = { ...frames[0]!, metrics: { a: NaN, b: Infinity, c: -0, d: 1.5 } };
    const got = acrossWire({ type: 'frames', frames: [odd], clock: { t: 1, playing: true, speed: 1, ended: false } }) as { frames: Frame[] };
    expect(got.frames[0]!.metrics).toEqual({ a: NaN, b: Infinity, c: -0, d: 1.5 });
    expect(Object.is(got.frames[0]!.metrics.c, -0)).toBe(true);
  });

  it('moves the metrics out of the frames into transferred columns', () => {
    const { message, transfer } = toWire({ type: 'history', frames });
    expect(message.type).toBe('packed');
    expect(transfer.length).toBeGreaterThan(0);
    const inner = (message as { message: { frames: { metrics: unknown }[] } }).message;
    expect(inner.frames.every((f) => f.metrics === null)).toBe(true);
    // The worker's own frames are untouched.
    expect(frames.every((f) => f.metrics !== null)).toBe(true);
  });

  it('passes messages without frames through as they are', () => {
    const error: FromWorker = { type: 'error', message: 'x' };
    expect(toWire(error)).toEqual({ message: error, transfer: [] });
    expect(acrossWire({ type: 'history', frames: [] })).toEqual({ type: 'history', frames: [] });
  });

  it('refuses a message whose columns do not cover its frames', () => {
    const { message } = toWire({ type: 'history', frames: frames.slice(0, 3) });
    (message as { metrics: unknown[] }).metrics.length = 0;
    expect(() => fromWire(message)).toThrow(/3 frames but metrics for 0/);
  });
});

describe('frame parts', () => {
  it('are shared between frames while unchanged, and new when they change', () => {
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
  });
});
