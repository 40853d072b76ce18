import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Prng } from '../../../src/sim/engine/prng';
import {
  adaptiveThrottleProbability,
  backoffDelay,
  RetryBudget,
  RetryThrottle,
  type BackoffPolicy,
  type Jitter,
} from '../../../src/sim/model/retry';
import { TokenBucket } from '../../../src/sim/model/ratelimit';

const policy = (jitter: Jitter, kind: BackoffPolicy['kind'] = 'exponential'): BackoffPolicy => ({
  kind,
  maxAttempts: 10,
  baseMs: 100,
  capMs: 5000,
  jitter,
});

describe('backoff with jitter (AWS "Exponential Backoff And Jitter")', () => {
  it('without jitter sleeps min(cap, base * 2^n)', () => {
    const r = new Prng(1);
    expect([0, 1, 2, 3, 6, 10].map((n) => backoffDelay(policy('none'), n, 0, r))).toEqual([0.1, 0.2, 0.4, 0.8, 5, 5]);
    expect(backoffDelay(policy('none', 'fixed'), 5, 0, r)).toBe(0.1);
    expect(backoffDelay(policy('none', 'none'), 5, 0, r)).toBe(0);
  });

  it('full jitter stays in [0, v], equal jitter in [v/2, v], decorrelated in [base, min(cap, 3 * previous)]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.double({ min: 0, max: 6, noNaN: true }), fc.integer({ min: 0, max: 1e6 }), (n, prev, seed) => {
        const r = new Prng(seed);
        const v = Math.min(5, 0.1 * 2 ** n);
        const full = backoffDelay(policy('full'), n, prev, r);
        const equal = backoffDelay(policy('equal'), n, prev, r);
        const dec = backoffDelay(policy('decorrelated'), n, prev, r);
        expect(full).toBeGreaterThanOrEqual(0);
        expect(full).toBeLessThanOrEqual(v);
        expect(equal).toBeGreaterThanOrEqual(v / 2);
        expect(equal).toBeLessThanOrEqual(v);
        expect(dec).toBeGreaterThanOrEqual(Math.min(0.1, 5));
        expect(dec).toBeLessThanOrEqual(Math.min(5, Math.max(0.1, 3 * (prev > 0 ? prev : 0.1))));
      }),
    );
  });

  it('orders the mean sleeps: full (v/2) < equal (3v/4) < none (v)', () => {
    const r = new Prng(5);
    const mean = (j: Jitter) => {
      let s = 0;
      for (let i = 0; i < 20_000; i++) s += backoffDelay(policy(j), 3, 0, r);
      return s / 20_000;
    };
    const [full, equal, none] = [mean('full'), mean('equal'), mean('none')];
    expect(full).toBeLessThan(equal);
    expect(equal).toBeLessThan(none);
    expect(full / none).toBeCloseTo(0.5, 1);
    expect(equal / none).toBeCloseTo(0.75, 1);
  });

  // Many clients collide at t = 0 and retry; a time slot with exactly one attempt succeeds, a slot
  // with several fails them all. Counts total calls until every client succeeded or gave up.
  function contention(jitter: Jitter, clients: number, seed: number): number {
    const rng = new Prng(seed);
    const p: BackoffPolicy = { kind: 'exponential', maxAttempts: 21, baseMs: 20, capMs: 1000, jitter };
    let pending = Array.from({ length: clients }, () => ({ t: 0, retry: 0, prev: 0 }));
    let calls = 0;
    while (pending.length > 0) {
      const slot = Math.min(...pending.map((c) => Math.floor(c.t)));
      const here = pending.filter((c) => Math.floor(c.t) === slot);
      calls += here.length;
      if (here.length === 1) {
        pending = pending.filter((c) => c !== here[0]);
        continue;
      }
      for (const c of here) {
        if (c.retry + 1 >= p.maxAttempts) {
          pending = pending.filter((x) => x !== c);
          continue;
        }
        const d = backoffDelay(p, c.retry, c.prev, rng);
        c.prev = d;
        c.retry++;
        c.t = slot + 1 + d * 1000; // slots are milliseconds
      }
    }
    return calls;
  }

  it('with many contending clients, every jitter strategy needs less than half the calls of no jitter', () => {
    const total = (j: Jitter) => [1, 2, 3, 4, 5].reduce((s, seed) => s + contention(j, 100, seed), 0);
    const none = total('none');
    for (const j of ['full', 'equal', 'decorrelated'] as const) expect(total(j)).toBeLessThan(none / 2);
  });

  it('in one contended retry round, full jitter collides least (it spreads retries over [0, v])', () => {
    const collisions = (j: Jitter) => {
      const rng = new Prng(11);
      let total = 0;
      for (let round = 0; round < 50; round++) {
        const slots = new Map<number, number>();
        for (let c = 0; c < 100; c++) {
          const s = Math.floor(backoffDelay(policy(j), 4, 0, rng) * 1000 / 10);
          slots.set(s, (slots.get(s) ?? 0) + 1);
        }
        for (const n of slots.values()) if (n > 1) total += n;
      }
      return total;
    };
    const [full, equal, none] = [collisions('full'), collisions('equal'), collisions('none')];
    expect(full).toBeLessThan(equal);
    expect(equal).toBeLessThan(none);
  });
});

describe('retry throttling and budgets', () => {
  it('gRPC throttling vector: max 10, ratio 0.1 -> retries stop after 5 failures, one success re-enables', () => {
    const t = new RetryThrottle(10, 0.1);
    for (let i = 0; i < 4; i++) t.onFailure();
    expect(t.tokens).toBe(6);
    expect(t.allowsRetry()).toBe(true);
    t.onFailure();
    expect(t.tokens).toBe(5);
    expect(t.allowsRetry()).toBe(false);
    t.onSuccess();
    expect(t.tokens).toBe(5.1);
    expect(t.allowsRetry()).toBe(true);
  });

  it('gRPC throttling tokens stay within [0, maxTokens]', () => {
    const t = new RetryThrottle(10, 0.1);
    for (let i = 0; i < 30; i++) t.onFailure();
    expect(t.tokens).toBe(0);
    for (let i = 0; i < 300; i++) t.onSuccess();
    expect(t.tokens).toBe(10);
  });

  it('a ratio budget keeps retries near 10% of requests', () => {
    const b = new RetryBudget(0.1, 0, 100);
    let allowed = 0;
    for (let i = 0; i < 10_000; i++) {
      b.onRequest();
      if (b.tryWithdraw(0)) allowed++; // every request fails and wants a retry
    }
    expect(allowed).toBeGreaterThanOrEqual(990);
    expect(allowed).toBeLessThanOrEqual(1000);
  });

  it('SRE adaptive throttling: 100 requests, 30 accepts, K = 2 -> 0.396', () => {
    expect(adaptiveThrottleProbability(100, 30, 2)).toBeCloseTo(0.396, 3);
    expect(adaptiveThrottleProbability(100, 60, 2)).toBe(0);
  });

  it('token bucket vector: r 10/s, b 20, 25 requests at t=0 -> 20 pass; at t=1 it holds 10', () => {
    const tb = new TokenBucket(10, 20, 0);
    let passed = 0;
    for (let i = 0; i < 25; i++) if (tb.tryTake(0)) passed++;
    expect(passed).toBe(20);
    tb.refill(1);
    expect(tb.tokens).toBeCloseTo(10, 9);
  });

  it('token bucket never lets more than b + r*T through in a window (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { maxLength: 300 }), (times) => {
        const tb = new TokenBucket(10, 20, 0);
        const sorted = [...times].sort((a, b) => a - b);
        const passed = sorted.filter((t) => tb.tryTake(t));
        const T = sorted.length ? sorted[sorted.length - 1]! : 0;
        expect(passed.length).toBeLessThanOrEqual(20 + 10 * T + 1e-9);
      }),
    );
  });
});
