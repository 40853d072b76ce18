// Seeded randomness, so a "random" arrival pattern is the same on every run and every machine.

/** A small seeded generator (mulberry32): returns a function giving numbers in [0, 1). */
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

/** A random gap between Poisson arrivals at `ratePerSec`, in ms. */
export function exponentialGapMs(rand, ratePerSec) {
  return (-Math.log(1 - rand()) / ratePerSec) * 1000;
}

/** A whole number in [min, max]. */
export function randomInt(rand, min, max) {
  return min + Math.floor(rand() * (max - min + 1));
}
