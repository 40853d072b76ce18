import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Prng, hashString, normaliseSeed } from '../../../src/sim/engine/prng';
import { EventHeap } from '../../../src/sim/engine/heap';
import { AliasTable, zipfWeights } from '../../../src/sim/engine/alias';
import { DeadlineFifo, IntQueue } from '../../../src/sim/engine/fifo';
import { Scheduler } from '../../../src/sim/engine/scheduler';

describe('Prng', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const xs = Array.from({ length: 100 }, () => a.nextUint32());
    const ys = Array.from({ length: 100 }, () => b.nextUint32());
    const zs = Array.from({ length: 100 }, () => c.nextUint32());
    expect(xs).toEqual(ys);
    expect(xs).not.toEqual(zs);
  });

  it('accepts string seeds and rejects negative or fractional numbers', () => {
    expect(new Prng('incident-7').next()).toBe(new Prng('incident-7').next());
    expect(normaliseSeed('abc')).toBe(hashString('abc'));
    expect(() => new Prng(-1)).toThrow(/non-negative integer/);
    expect(() => new Prng(1.5)).toThrow(/non-negative integer/);
  });

  it('forks independent, reproducible streams by label', () => {
    const root = new Prng(7);
    const x = root.fork('arrivals');
    const y = new Prng(7).fork('arrivals');
    const z = root.fork('service');
    const xs = Array.from({ length: 20 }, () => x.next());
    expect(xs).toEqual(Array.from({ length: 20 }, () => y.next()));
    expect(xs).not.toEqual(Array.from({ length: 20 }, () => z.next()));
  });

  it('produces uniforms in [0,1) with the right mean and variance', () => {
    const r = new Prng(1);
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    let lo = 1;
    let hi = 0;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      if (u < lo) lo = u;
      if (u > hi) hi = u;
      sum += u;
      sq += u * u;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    const mean = sum / n;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(sq / n - mean * mean).toBeCloseTo(1 / 12, 2);
  });

  it('draws exponential, normal and lognormal variates with the requested moments', () => {
    const r = new Prng(2);
    const n = 200_000;
    let e = 0;
    let z = 0;
    let z2 = 0;
    let ln = 0;
    for (let i = 0; i < n; i++) {
      e += r.exponential(4);
      const g = r.normal();
      z += g;
      z2 += g * g;
      ln += r.lognormal(0.02, 0.5);
    }
    expect(e / n).toBeCloseTo(0.25, 2);
    expect(z / n).toBeCloseTo(0, 1);
    expect(z2 / n).toBeCloseTo(1, 1);
    expect(ln / n / 0.02).toBeCloseTo(1, 1);
  });

  it('int(n) covers 0..n-1 evenly', () => {
    const r = new Prng(3);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[r.int(10)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });
});

describe('EventHeap', () => {
  it('pops events in time order, ties in insertion order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.boolean()), { maxLength: 300 }), (ops) => {
        const heap = new EventHeap(4);
        const model: Array<{ t: number; id: number }> = [];
        let id = 0;
        const popped: number[] = [];
        const expected: number[] = [];
        for (const [t, pop] of ops) {
          if (pop && model.length > 0) {
            model.sort((x, y) => x.t - y.t || x.id - y.id);
            expected.push(model.shift()!.id);
            heap.pop();
            popped.push(heap.a);
          } else {
            heap.push(t, 2, id, t);
            model.push({ t, id: id++ });
          }
        }
        model.sort((x, y) => x.t - y.t || x.id - y.id);
        while (heap.size > 0) {
          const t = heap.pop();
          expect(heap.b).toBe(t);
          popped.push(heap.a);
        }
        expected.push(...model.map((m) => m.id));
        expect(popped).toEqual(expected);
      }),
    );
  });

  it('grows past its initial capacity and rejects NaN times', () => {
    const heap = new EventHeap(16);
    for (let i = 0; i < 1000; i++) heap.push(1000 - i, 3, i, 0);
    expect(heap.size).toBe(1000);
    expect(heap.pop()).toBe(1);
    expect(heap.a).toBe(999);
    expect(() => heap.push(NaN, 1, 0, 0)).toThrow(/NaN/);
  });
});

describe('AliasTable', () => {
  it('samples a Zipf distribution with the right frequencies', () => {
    const w = zipfWeights(5, 1);
    const total = w.reduce((a, b) => a + b, 0);
    const t = new AliasTable(w);
    const r = new Prng(9);
    const counts = new Array(5).fill(0);
    const n = 200_000;
    for (let i = 0; i < n; i++) counts[t.sample(r)]++;
    counts.forEach((c, i) => expect(c / n).toBeCloseTo(w[i]! / total, 2));
  });

  it('samples large tables (split into a popular head and a tail) with the right frequencies', () => {
    const n = 20_000;
    const w = zipfWeights(n, 0.9);
    const total = w.reduce((a, b) => a + b, 0);
    const headMass = w.slice(0, 1024).reduce((a, b) => a + b, 0) / total;
    const t = new AliasTable(w);
    const r = new Prng(10);
    const draws = 400_000;
    let first = 0;
    let inHead = 0;
    let lastDecile = 0;
    for (let i = 0; i < draws; i++) {
      const k = t.sample(r);
      if (k === 0) first++;
      if (k < 1024) inHead++;
      if (k >= n * 0.9) lastDecile++;
      if (k < 0 || k >= n) throw new Error(`out of range: ${k}`);
    }
    expect(first / draws).toBeCloseTo(w[0]! / total, 2);
    expect(inHead / draws).toBeCloseTo(headMass, 2);
    const tailMass = w.slice(n * 0.9).reduce((a, b) => a + b, 0) / total;
    expect(lastDecile / draws).toBeCloseTo(tailMass, 2);
  });

  it('rejects empty, negative or all-zero weights', () => {
    expect(() => new AliasTable([])).toThrow();
    expect(() => new AliasTable([1, -1])).toThrow(/>= 0/);
    expect(() => new AliasTable([0, 0])).toThrow(/zero/);
  });
});

describe('queues', () => {
  it('IntQueue is FIFO across growth', () => {
    const q = new IntQueue(2);
    for (let i = 0; i < 100; i++) q.push(i);
    for (let i = 0; i < 50; i++) expect(q.shift()).toBe(i);
    for (let i = 100; i < 200; i++) q.push(i);
    const rest: number[] = [];
    while (q.length) rest.push(q.shift());
    expect(rest).toEqual(Array.from({ length: 150 }, (_, i) => i + 50));
  });

  it('DeadlineFifo keeps ids, tokens and deadlines together', () => {
    const f = new DeadlineFifo(2);
    for (let i = 0; i < 40; i++) f.push(i, i * 10, i + 0.5);
    f.drop();
    expect([f.headId(), f.headToken(), f.headDeadline()]).toEqual([1, 10, 1.5]);
    expect(f.length).toBe(39);
  });
});

describe('Scheduler timers', () => {
  it('fires named timers at simulated times; restarting an id replaces it; cancel removes it', () => {
    const s = new Scheduler();
    const fired: string[] = [];
    s.startTimer('a', 5, () => fired.push(`a@${s.now}`));
    s.startTimer('b', 3, () => fired.push(`b@${s.now}`));
    s.startTimer('a', 7, () => fired.push(`a2@${s.now}`));
    s.startTimer('c', 1, () => fired.push(`c@${s.now}`));
    s.cancelTimer('c');
    expect(s.pendingTimers().map((t) => t.id)).toEqual(['b', 'a']);
    s.runUntil(10);
    expect(fired).toEqual(['b@3', 'a2@7']);
    expect(s.now).toBe(10);
    expect(() => s.startTimer('x', -1, () => {})).toThrow(/delay/);
    expect(() => s.at(5, 2, 0, 0)).toThrow(/past/);
  });
});
