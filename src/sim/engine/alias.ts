import type { Prng } from './prng';

/**
 * Walker/Vose alias table: draws from a fixed discrete distribution with one random number and one
 * comparison, which matters when every simulated cache read picks a key.
 */
export class AliasTable {
  readonly n: number;
  private prob: Float64Array;
  private alias: Int32Array;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    if (n === 0) throw new Error('AliasTable needs at least one weight');
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`AliasTable weight ${i} must be a finite number >= 0`);
      total += w;
    }
    if (total <= 0) throw new Error('AliasTable weights must not all be zero');
    this.n = n;
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = new Float64Array(n);
    const small = new Int32Array(n);
    const large = new Int32Array(n);
    let ns = 0;
    let nl = 0;
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i]! * n) / total;
      if (scaled[i]! < 1) small[ns++] = i;
      else large[nl++] = i;
    }
    while (ns > 0 && nl > 0) {
      const s = small[--ns]!;
      const l = large[nl - 1]!;
      this.prob[s] = scaled[s]!;
      this.alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      if (scaled[l]! < 1) {
        nl--;
        small[ns++] = l;
      }
    }
    while (nl > 0) {
      const l = large[--nl]!;
      this.prob[l] = 1;
      this.alias[l] = l;
    }
    while (ns > 0) {
      // Only reachable through rounding error: these columns are (almost exactly) full.
      const s = small[--ns]!;
      this.prob[s] = 1;
      this.alias[s] = s;
    }
  }

  sample(rng: Prng): number {
    const u = rng.next() * this.n;
    const i = u | 0;
    return u - i < this.prob[i]! ? i : this.alias[i]!;
  }
}

/** Zipf popularity over ranks 1..n: weight of rank i is i^-alpha (alpha = 0 means uniform). */
export function zipfWeights(n: number, alpha: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = Math.pow(i + 1, -alpha);
  return w;
}
