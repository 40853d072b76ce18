import type { Prng } from './prng';

/**
 * Walker/Vose alias table: draws from a fixed discrete distribution with one random number and one
 * comparison, which matters when every simulated cache read picks a key.
 */
export class AliasTable {
  readonly n: number;
  /**
   * Large tables are split in two: the first HEAD weights (for Zipf, the popular keys) get their
   * own small table, so most draws stay in cache. One uniform picks the part and, rescaled, the entry.
   */
  private head: AliasTable | null = null;
  private tail: AliasTable | null = null;
  private pHead = 0;
  /**
   * Threshold and alias interleaved ([t0, a0, t1, a1, ...]) so a draw touches one cache line; the
   * column probability is stored as a 32-bit threshold to keep the table at 8 bytes per entry.
   */
  private table: Uint32Array;

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
    if (n > 4 * HEAD) {
      let headSum = 0;
      for (let i = 0; i < HEAD; i++) headSum += weights[i]!;
      if (headSum > 0 && headSum < total) {
        this.pHead = headSum / total;
        this.head = new AliasTable(Array.prototype.slice.call(weights, 0, HEAD) as number[]);
        this.tail = new AliasTable(Array.prototype.slice.call(weights, HEAD) as number[]);
        this.table = new Uint32Array(0);
        return;
      }
    }
    const prob = new Float64Array(n);
    const alias = new Int32Array(n);
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
      prob[s] = scaled[s]!;
      alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      if (scaled[l]! < 1) {
        nl--;
        small[ns++] = l;
      }
    }
    while (nl > 0) {
      const l = large[--nl]!;
      prob[l] = 1;
      alias[l] = l;
    }
    while (ns > 0) {
      // Only reachable through rounding error: these columns are (almost exactly) full.
      const s = small[--ns]!;
      prob[s] = 1;
      alias[s] = s;
    }
    this.table = new Uint32Array(2 * n);
    for (let i = 0; i < n; i++) {
      this.table[2 * i] = Math.min(4294967295, Math.floor(prob[i]! * 4294967296));
      this.table[2 * i + 1] = alias[i]!;
    }
  }

  sample(rng: Prng): number {
    return this.draw(rng.next());
  }

  /** Maps a uniform u in [0, 1) to an index. */
  private draw(u: number): number {
    if (this.head !== null) {
      return u < this.pHead ? this.head.draw(u / this.pHead) : HEAD + this.tail!.draw((u - this.pHead) / (1 - this.pHead));
    }
    const x = u * this.n;
    const i = x | 0;
    const t = this.table;
    return (x - i) * 4294967296 < t[2 * i]! ? i : t[2 * i + 1]!;
  }
}

const HEAD = 1024;

/** Zipf popularity over ranks 1..n: weight of rank i is i^-alpha (alpha = 0 means uniform). */
export function zipfWeights(n: number, alpha: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = Math.pow(i + 1, -alpha);
  return w;
}
