// A seeded random generator (mulberry32), so a "random" partition schedule or message delay is the
// same on every run: a failing seed can be replayed exactly.

/** Returns { next() in [0, 1), int(min, max) inclusive, pick(array), chance(p) }. */
export function createRandom(seed) {
  if (!Number.isInteger(seed)) throw new TypeError(`createRandom needs an integer seed, got ${seed}`);
  let a = seed >>> 0;
  function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  return {
    next,
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    pick(items) {
      return items[Math.floor(next() * items.length)];
    },
    chance(p) {
      return next() < p;
    },
  };
}
