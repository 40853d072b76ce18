/**
 * Closed-form results the simulator is checked against (SPECS §3, §4).
 */

/** Erlang C: probability that an arriving customer waits in an M/M/c queue (a = lambda / mu). */
export function erlangC(lambda: number, mu: number, c: number): number {
  const a = lambda / mu;
  if (a >= c) return 1;
  // sum_{k<c} a^k/k! computed iteratively; term = a^k/k!
  let term = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    sum += term;
    term = (term * a) / (k + 1);
  }
  // term is now a^c / c!
  const top = term * (c / (c - a));
  return top / (sum + top);
}

export interface MmcResult {
  rho: number;
  erlangC: number;
  /** Mean time in system, seconds. */
  W: number;
  /** Mean time waiting in queue, seconds. */
  Wq: number;
  /** Mean number in system. */
  L: number;
  /** Mean number waiting. */
  Lq: number;
}

/** M/M/c with an unbounded queue; throws if the system is unstable (lambda >= c * mu). */
export function mmc(lambda: number, mu: number, c: number): MmcResult {
  if (!(lambda > 0 && mu > 0 && c >= 1)) throw new Error('M/M/c needs lambda > 0, mu > 0, c >= 1');
  const rho = lambda / (c * mu);
  if (rho >= 1) throw new Error(`unstable: utilisation ${rho.toFixed(3)} >= 1, the queue grows without bound`);
  const C = erlangC(lambda, mu, c);
  const Wq = C / (c * mu - lambda);
  const W = Wq + 1 / mu;
  return { rho, erlangC: C, W, Wq, L: lambda * W, Lq: lambda * Wq };
}

/** Zipf request probabilities over n keys (rank 1 most popular). */
export function zipfProbabilities(n: number, alpha: number): Float64Array {
  const p = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += p[i] = Math.pow(i + 1, -alpha);
  for (let i = 0; i < n; i++) p[i]! /= sum;
  return p;
}

/**
 * Che approximation of the LRU hit ratio under independent requests: the characteristic time T_C
 * solves sum_i (1 - exp(-p_i T_C)) = C, and key i hits with probability 1 - exp(-p_i T_C).
 * Time is in requests (rates are the probabilities p_i).
 */
export function cheHitRatio(probabilities: ArrayLike<number>, capacity: number): { hitRatio: number; characteristicTime: number } {
  const n = probabilities.length;
  if (capacity >= n) return { hitRatio: 1, characteristicTime: Infinity };
  const occupancy = (t: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += 1 - Math.exp(-probabilities[i]! * t);
    return s;
  };
  let lo = 0;
  let hi = 1;
  while (occupancy(hi) < capacity) hi *= 2;
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (occupancy(mid) < capacity) lo = mid;
    else hi = mid;
  }
  const t = (lo + hi) / 2;
  let hit = 0;
  for (let i = 0; i < n; i++) hit += probabilities[i]! * (1 - Math.exp(-probabilities[i]! * t));
  return { hitRatio: hit, characteristicTime: t };
}
