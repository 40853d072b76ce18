/**
 * Seeded pseudo-random numbers for the simulator. Everything random in a run comes from here, so a
 * run is a pure function of (scenario, seed, action log).
 *
 * Generator: xoshiro128** (Blackman & Vigna), 32-bit state words so it stays in V8's small-integer
 * fast path; seeded through splitmix32 so that nearby seeds give unrelated streams.
 */
import { mix32 } from './hash';
import { stopIfReviving } from '../checkpoint/blank';

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  return mix32(state.s);
}

/** FNV-1a over the UTF-16 code units; used to turn labels and string seeds into 32-bit numbers. */
export function hashString(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Accepts a non-negative integer or any string (e.g. "incident-42"). */
export type Seed = number | string;

export function normaliseSeed(seed: Seed): number {
  if (typeof seed === 'string') return hashString(seed);
  if (!Number.isFinite(seed) || !Number.isInteger(seed) || seed < 0) {
    throw new Error(`seed must be a non-negative integer or a string, got ${String(seed)}`);
  }
  // Fold seeds above 2^32 so that every safe integer still maps to a distinct-ish 32-bit value.
  return ((seed >>> 0) ^ Math.floor(seed / 4294967296)) >>> 0;
}

/** Uniforms are generated in batches so that the per-draw call is tiny and the JIT inlines it. */
const BATCH = 256;

export class Prng {
  private buf = new Uint32Array(BATCH);
  private pos = BATCH;
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal = 0;
  private hasSpare = false;
  /** The 32-bit seed this stream was built from (kept for forking). */
  readonly seed: number;

  constructor(seed: Seed) {
    stopIfReviving(this, new.target);
    this.seed = normaliseSeed(seed);
    const st = { s: this.seed | 0 };
    this.s0 = splitmix32(st) | 0;
    this.s1 = splitmix32(st) | 0;
    this.s2 = splitmix32(st) | 0;
    this.s3 = splitmix32(st) | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** An independent stream for one component, so that adding randomness in one place does not shift another. */
  fork(label: string): Prng {
    return new Prng(hashString(label, this.seed ^ 0x811c9dc5));
  }

  private refill(): void {
    const b = this.buf;
    for (let i = 0; i < BATCH; i++) b[i] = this.step();
    this.pos = 0;
  }

  /** Uniform unsigned 32-bit integer. */
  nextUint32(): number {
    if (this.pos === BATCH) this.refill();
    return this.buf[this.pos++]!;
  }

  /** One xoshiro128** step. */
  private step(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const r = Math.imul(s1, 5);
    const result = Math.imul((r << 7) | (r >>> 25), 9) >>> 0;
    const t = s1 << 9;
    let s2 = this.s2 ^ s0;
    let s3 = this.s3 ^ s1;
    this.s1 = s1 ^ s2;
    this.s0 = s0 ^ s3;
    s2 ^= t;
    this.s2 = s2;
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /** Uniform on [0, 1). */
  next(): number {
    if (this.pos === BATCH) this.refill();
    return this.buf[this.pos++]! / 4294967296;
  }

  /** Uniform on (0, 1]: safe to take the logarithm of. */
  nextOpen(): number {
    if (this.pos === BATCH) this.refill();
    return (this.buf[this.pos++]! + 1) / 4294967296;
  }

  /** Uniform on [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer on [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Exponential with the given rate (mean 1/rate). */
  exponential(rate: number): number {
    return -Math.log(this.nextOpen()) / rate;
  }

  /**
   * Standard normal by Marsaglia's polar method (Box-Muller without the trigonometry); the second
   * value of each pair is kept for the next call.
   */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spareNormal;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    this.hasSpare = true;
    return u * f;
  }

  /** Log-normal with the given mean (not median) and shape sigma. */
  lognormal(mean: number, sigma: number): number {
    const mu = Math.log(mean) - (sigma * sigma) / 2;
    return Math.exp(mu + sigma * this.normal());
  }
}
