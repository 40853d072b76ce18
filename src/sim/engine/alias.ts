import type { Prng } from './prng';
import { stopIfReviving } from '../checkpoint/blank';

/** Weights up to this index form the "head" of a large table (for Zipf: the popular keys). */
const HEAD = 1024;
const TWO32 = 4294967296;

/**
 * Builds a Walker/Vose alias table over weights[from..to): entries of [threshold, alias], where the
 * column's probability is a 32-bit threshold, so one entry is 8 bytes and a draw touches one cache line.
 */
function buildTable(weights: ArrayLike<number>, from: number, to: number): Uint32Array {
  const n = to - from;
  let total = 0;
  for (let i = from; i < to; i++) total += weights[i]!;
  const scaled = new Float64Array(n);
  const small = new Int32Array(n);
  const large = new Int32Array(n);
  const table = new Uint32Array(2 * n);
  let ns = 0;
  let nl = 0;
  for (let i = 0; i < n; i++) {
    scaled[i] = (weights[from + i]! * n) / total;
    if (scaled[i]! < 1) small[ns++] = i;
    else large[nl++] = i;
  }
  while (ns > 0 && nl > 0) {
    const s = small[--ns]!;
    const l = large[nl - 1]!;
    table[2 * s] = Math.min(TWO32 - 1, Math.floor(scaled[s]! * TWO32));
    table[2 * s + 1] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    if (scaled[l]! < 1) {
      nl--;
      small[ns++] = l;
    }
  }
  // Whatever is left is (up to rounding) a full column.
  while (nl > 0) {
    const l = large[--nl]!;
    table[2 * l] = TWO32 - 1;
    table[2 * l + 1] = l;
  }
  while (ns > 0) {
    const s = small[--ns]!;
    table[2 * s] = TWO32 - 1;
    table[2 * s + 1] = s;
  }
  return table;
}

/**
 * Walker/Vose alias table: draws from a fixed discrete distribution with one random number and one
 * comparison, which matters when every simulated cache read picks a key. Large tables are split in
 * two: the first HEAD weights get their own small table, so that most draws of a skewed distribution
 * stay in cache; one uniform picks the part and, rescaled, the entry.
 */
export class AliasTable {
  readonly n: number;
  private head: Uint32Array;
  private headN: number;
  private tail: Uint32Array;
  private tailN: number;
  /** Probability of the head part (1 when the table is not split). */
  private pHead: number;

  constructor(weights: ArrayLike<number>) {
    stopIfReviving(this, new.target);
    const n = weights.length;
    if (n === 0) throw new Error('AliasTable needs at least one weight');
    let total = 0;
    let headSum = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`AliasTable weight ${i} must be a finite number >= 0`);
      total += w;
      if (i < HEAD) headSum += w;
    }
    if (total <= 0) throw new Error('AliasTable weights must not all be zero');
    this.n = n;
    if (n > 4 * HEAD && headSum > 0 && headSum < total) {
      this.pHead = headSum / total;
      this.head = buildTable(weights, 0, HEAD);
      this.headN = HEAD;
      this.tail = buildTable(weights, HEAD, n);
      this.tailN = n - HEAD;
    } else {
      this.pHead = 1;
      this.head = buildTable(weights, 0, n);
      this.headN = n;
      this.tail = this.head;
      this.tailN = 0;
    }
  }

  sample(rng: Prng): number {
    const u = rng.next();
    const p = this.pHead;
    if (u < p) {
      const x = (u / p) * this.headN;
      const i = x | 0;
      const t = this.head;
      return (x - i) * TWO32 < t[2 * i]! ? i : t[2 * i + 1]!;
    }
    const x = ((u - p) / (1 - p)) * this.tailN;
    const i = x | 0;
    const t = this.tail;
    return HEAD + ((x - i) * TWO32 < t[2 * i]! ? i : t[2 * i + 1]!);
  }
}

/** Zipf popularity over ranks 1..n: weight of rank i is i^-alpha (alpha = 0 means uniform). */
export function zipfWeights(n: number, alpha: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = Math.pow(i + 1, -alpha);
  return w;
}
