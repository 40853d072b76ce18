// Seeded randomness, so a "random" day of traffic is the same on every run and every machine.

/** A small seeded generator (mulberry32): returns a function giving numbers in [0, 1), like Math.random. */
export function seededRandom(seed) {
  if (!Number.isInteger(seed)) throw new TypeError(`seededRandom(seed) needs an integer seed, got ${seed}`);
  let state = seed >>> 0;
  return function random() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
