// Randomness is injected too, so a check can say "this read rolled 0.5" and a demo can repeat its run.
// Both functions return numbers in (0, 1]: never 0, so Math.log(rand()) is always finite (and <= 0).

/** Real randomness, moved from [0, 1) to (0, 1]. */
export function systemRand() {
  return () => 1 - Math.random();
}

/** A repeatable sequence from a seed (mulberry32): the same seed gives the same numbers. */
export function seededRand(seed = 1) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296; // [0, 1)
    return 1 - u; // (0, 1]
  };
}
