// A repeatable sequence of numbers in [0, 1) from a seed (mulberry32), so a demo prints the same
// numbers on every run.
export function seededRandom(seed = 1) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max]. */
export function randomInt(rand, min, max) {
  return min + Math.floor(rand() * (max - min + 1));
}
