import { describe, expect, it } from 'vitest';
import { GameDayMonitor } from '../../../../src/console/gameday/monitor';
import type { Frame } from '../../../../src/console/protocol';
import type { GameDay } from '../../../../src/sim/scenarios/game-day';

const WARM = 100;

/** A frame with just what the monitor reads: the edge's RED numbers. */
function frame(t: number, errorRatio: number, p99Ms = 200): Frame {
  return { t: WARM + t, edge: { rate: 100, errors: errorRatio * 100, p50Ms: 20, p95Ms: 100, p99Ms }, metrics: {}, database: null } as unknown as Frame;
}

const hypothesis: GameDay['hypothesis'] = [
  { metric: 'edge.errorRatio', op: '<', threshold: 0.01 },
  { metric: 'edge.p99Ms', op: '<', threshold: 400 },
];

function feed(m: GameDayMonitor, seconds: number, value: (t: number) => [number, number?]): void {
  for (let t = 1; t <= seconds; t++) {
    const [e, p] = value(t);
    m.observe(frame(t, e, p));
  }
}

describe('game day steady-state hypothesis', () => {
  it('holds when every minute meets every condition', () => {
    const m = new GameDayMonitor({ hypothesis, abort: [] }, WARM);
    feed(m, 180, () => [0.002, 250]);
    const r = m.report();
    expect(r.hypothesis).toMatchObject({ evaluated: true, held: true, windows: 3 });
    expect(r.hypothesis.conditions.map((c) => c.held)).toEqual([true, true]);
    expect(r.hypothesis.conditions[0]!.text).toBe('Error rate at the edge < 1%');
    expect(r.aborted).toBeNull();
  });

  it('is judged on minute means: one bad second in a good minute does not break it, a bad minute does', () => {
    const m = new GameDayMonitor({ hypothesis, abort: [] }, WARM);
    feed(m, 180, (t) => [t === 30 ? 0.2 : 0.001, 250]); // minute 1 mean: 0.0043
    expect(m.report().hypothesis.held).toBe(true);
    const bad = new GameDayMonitor({ hypothesis, abort: [] }, WARM);
    feed(bad, 180, (t) => [0.001, t > 60 && t <= 120 ? 900 : 250]);
    const r = bad.report().hypothesis;
    expect(r.held).toBe(false);
    expect(r.conditions[0]!.held).toBe(true);
    expect(r.conditions[1]).toMatchObject({ held: false, worst: '900 ms', worstAt: 60 });
  });

  it('ignores the warm-up, counts a last partial minute of at least 10 s, and says when nothing was judged', () => {
    const m = new GameDayMonitor({ hypothesis, abort: [] }, WARM);
    for (let t = -50; t <= 0; t++) m.observe(frame(t, 0.5)); // the warm-up: bad, but before T+0
    expect(m.report().hypothesis).toMatchObject({ evaluated: false, held: false, windows: 0 });
    feed(m, 69, () => [0.001]);
    expect(m.report().hypothesis.windows).toBe(1);
    m.observe(frame(70, 0.001));
    expect(m.report().hypothesis.windows).toBe(2);
  });
});

describe('game day abort conditions', () => {
  const abort: GameDay['abort'] = [{ metric: 'edge.errorRatio', op: '>', threshold: 0.05, forSeconds: 10 }];

  it('stops the experiment once a condition has held for its forSeconds, saying when and why', () => {
    const m = new GameDayMonitor({ hypothesis, abort }, WARM);
    feed(m, 200, (t) => [t >= 90 ? 0.3 : 0.001]);
    const r = m.report();
    expect(r.aborted).toEqual({ at: 99, because: 'Error rate at the edge > 5% for 10 s (measured 30%)' });
    expect(m.abortedAtSimTime).toBe(WARM + 99);
    // The hypothesis is judged up to the abort: minute 1 good, the partial minute 61-99 s bad.
    expect(r.hypothesis).toMatchObject({ evaluated: true, held: false, windows: 2 });
  });

  it('a streak shorter than forSeconds does not abort, and a broken streak starts again', () => {
    const m = new GameDayMonitor({ hypothesis, abort }, WARM);
    feed(m, 120, (t) => [t % 10 === 0 ? 0.001 : 0.3]); // nine bad seconds, then one good, repeatedly
    expect(m.report().aborted).toBeNull();
  });

  it('forSeconds 0 aborts on the first bad second', () => {
    const m = new GameDayMonitor({ hypothesis, abort: [{ metric: 'edge.p99Ms', op: '>=', threshold: 2000, forSeconds: 0 }] }, WARM);
    feed(m, 60, (t) => [0, t === 42 ? 2000 : 100]);
    expect(m.report().aborted?.at).toBe(42);
  });
});
