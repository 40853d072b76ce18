// Seeded randomness (mulberry32): the same seed gives the same ids and the same random traces on
// every run and every machine, so a failing check can be replayed exactly.

/** A function returning numbers in [0, 1), the same sequence for the same integer seed. */
export function seededRandom(seed) {
  if (!Number.isInteger(seed)) throw new TypeError(`seededRandom(seed) needs an integer seed, got ${seed}`);
  let state = seed >>> 0;
  return function rand() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [min, max]. */
export function randomInt(rand, min, max) {
  return min + Math.floor(rand() * (max - min + 1));
}
