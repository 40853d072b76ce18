import { describe, expect, it } from 'vitest';
import { cheHitRatio, erlangC, mmc, runCacheLab, runQueueLab, zipfProbabilities } from '../../../src/sim/index';

/** Che's approximation written out independently of the library code. */
function che(n: number, alpha: number, capacity: number): number {
  const w = Array.from({ length: n }, (_, i) => (i + 1) ** -alpha);
  const total = w.reduce((a, b) => a + b, 0);
  const p = w.map((x) => x / total);
  const filled = (t: number) => p.reduce((s, pi) => s + 1 - Math.exp(-pi * t), 0);
  let lo = 0;
  let hi = 1;
  while (filled(hi) < capacity) hi *= 2;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (filled(mid) < capacity) lo = mid;
    else hi = mid;
  }
  return p.reduce((s, pi) => s + pi * (1 - Math.exp(-pi * lo)), 0);
}

describe('closed forms (SPECS §3, §4)', () => {
  it('M/M/1 vector: lambda 8, mu 10 -> W 0.5 s, L 4, Wq 0.4 s', () => {
    const r = mmc(8, 10, 1);
    expect(r.W).toBeCloseTo(0.5, 10);
    expect(r.L).toBeCloseTo(4, 10);
    expect(r.Wq).toBeCloseTo(0.4, 10);
  });

  it('M/M/c vector: lambda 8, mu 5, c 2 -> ErlangC 0.7111, W 0.5556 s, L 4.444', () => {
    expect(erlangC(8, 5, 2)).toBeCloseTo(0.7111, 4);
    const r = mmc(8, 5, 2);
    expect(r.W).toBeCloseTo(0.5556, 4);
    expect(r.L).toBeCloseTo(4.444, 3);
    expect(() => mmc(10, 5, 2)).toThrow(/unstable/);
  });

  it('Che vectors: N 1000, C 100 -> 0.378 (alpha 0.8) and 0.577 (alpha 1.0)', () => {
    expect(che(1000, 0.8, 100)).toBeCloseTo(0.378, 3);
    expect(che(1000, 1.0, 100)).toBeCloseTo(0.577, 2);
    expect(cheHitRatio(zipfProbabilities(1000, 0.8), 100).hitRatio).toBeCloseTo(che(1000, 0.8, 100), 9);
  });
});

describe('queue lab against theory (long runs, fixed seeds)', () => {
  it('M/M/1 (lambda 8, mu 10): mean response time within 3% of 1/(mu - lambda), Little within 2%', () => {
    const { summary: s, theory } = runQueueLab({ arrivalRate: 8, serviceRate: 10, servers: 1, durationSeconds: 100_000 }, 1);
    expect(s.requests).toBeGreaterThan(780_000);
    expect(Math.abs(s.littlesLaw.W / theory.W! - 1)).toBeLessThan(0.03);
    expect(Math.abs(s.timeAverage.inSystem / s.littlesLaw.lambdaW - 1)).toBeLessThan(0.02);
    expect(Math.abs(s.timeAverage.inSystem / theory.L! - 1)).toBeLessThan(0.03);
  });

  it('M/M/2 (lambda 8, mu 5): mean response time within 3% of Erlang C, Little within 2%', () => {
    const { summary: s, theory } = runQueueLab({ arrivalRate: 8, serviceRate: 5, servers: 2, durationSeconds: 100_000 }, 2);
    expect(Math.abs(s.littlesLaw.W / theory.W! - 1)).toBeLessThan(0.03);
    expect(Math.abs(s.timeAverage.inSystem / s.littlesLaw.lambdaW - 1)).toBeLessThan(0.02);
    expect(Math.abs(s.timeAverage.inQueue / theory.Lq! - 1)).toBeLessThan(0.05);
  });

  it('a bounded queue blocks arrivals as M/M/1/K predicts: (1 - rho) rho^K / (1 - rho^(K+1))', () => {
    const rho = 0.8;
    const K = 5; // one in service + four waiting
    const expected = ((1 - rho) * rho ** K) / (1 - rho ** (K + 1));
    const { summary: s } = runQueueLab({ arrivalRate: 8, serviceRate: 10, servers: 1, queueLimit: 4, durationSeconds: 50_000 }, 3);
    expect(Math.abs(s.shed / s.requests - expected)).toBeLessThan(0.01);
  });
});

describe('cache lab against the Che approximation', () => {
  it.each([
    [0.8, 0.378],
    [1.0, 0.577],
  ])('Zipf %s, 1000 keys, capacity 100: steady-state hit ratio within 0.01 of Che (%s)', (alpha, vector) => {
    const expected = che(1000, alpha, 100);
    expect(expected).toBeCloseTo(vector, 2);
    const lab = runCacheLab({ keys: 1000, zipf: alpha, capacity: 100, requests: 300_000 }, 4);
    expect(Math.abs(lab.steadyStateHitRatio - expected)).toBeLessThan(0.01);
    expect(lab.theory.cheHitRatio).toBeCloseTo(expected, 9);
  });

  it('a TTL lowers the hit ratio', () => {
    const none = runCacheLab({ keys: 1000, zipf: 0.8, capacity: 100, requests: 100_000 }, 5).steadyStateHitRatio;
    const short = runCacheLab({ keys: 1000, zipf: 0.8, capacity: 100, requests: 100_000, ttlSeconds: 0.05 }, 5).steadyStateHitRatio;
    expect(short).toBeLessThan(none - 0.05);
  });
});
