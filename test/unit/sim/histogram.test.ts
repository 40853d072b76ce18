import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Histogram, bucketLower, bucketOf, bucketWidth, HISTOGRAM_BUCKETS } from '../../../src/sim/telemetry/histogram';

function exactQuantile(sorted: number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

describe('log-linear histogram', () => {
  it('puts every value in the bucket that contains it', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 2000, noNaN: true }), (v) => {
        const b = bucketOf(v);
        expect(b).toBeGreaterThanOrEqual(0);
        expect(b).toBeLessThan(HISTOGRAM_BUCKETS);
        const us = Math.floor(v * 1e6) / 1e6;
        expect(bucketLower(b)).toBeLessThanOrEqual(us + 1e-12);
        expect(bucketLower(b) + bucketWidth(b)).toBeGreaterThan(us - 1e-12);
      }),
    );
  });

  it('reports percentiles within 1/64 of the exact sample quantile (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.0001, max: 30, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.constantFrom(0.5, 0.9, 0.95, 0.99, 1),
        (values, q) => {
          const h = new Histogram();
          for (const v of values) h.record(v);
          const exact = exactQuantile([...values].sort((a, b) => a - b), q);
          const got = h.quantile(q);
          expect(Math.abs(got - exact)).toBeLessThanOrEqual(exact / 64 + 1e-6);
        },
      ),
    );
  });

  it('gives the same quantiles in one pass as one at a time, and exact count, sum and mean', () => {
    const h = new Histogram();
    for (let i = 1; i <= 1000; i++) h.record(i / 1000);
    const out: number[] = [];
    h.quantilesInto([0.5, 0.95, 0.99], out);
    expect(out).toEqual([h.quantile(0.5), h.quantile(0.95), h.quantile(0.99)]);
    expect(h.count).toBe(1000);
    expect(h.mean()).toBeCloseTo(0.5005, 10);
    expect(h.quantile(0.5)).toBeCloseTo(0.5, 2);
  });

  it('merging histograms equals recording everything in one (percentiles are never averaged)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.001, max: 5, noNaN: true }), { maxLength: 200 }),
        fc.array(fc.double({ min: 0.001, max: 5, noNaN: true }), { maxLength: 200 }),
        (xs, ys) => {
          const a = new Histogram();
          const b = new Histogram();
          const all = new Histogram();
          xs.forEach((v) => (a.record(v), all.record(v)));
          ys.forEach((v) => (b.record(v), all.record(v)));
          a.merge(b);
          for (const q of [0.5, 0.95, 0.99]) expect(a.quantile(q)).toBe(all.quantile(q));
          expect(a.count).toBe(all.count);
        },
      ),
    );
  });

  it('clears completely', () => {
    const h = new Histogram();
    h.record(0.2);
    h.clear();
    expect(h.count).toBe(0);
    expect(h.quantile(0.99)).toBe(0);
    h.record(0.003);
    expect(h.quantile(0.5)).toBeCloseTo(0.003, 4);
  });
});
