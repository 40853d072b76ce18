// Seeded randomness. The same seed gives the same users, latencies and errors on every run and
// every machine, so a check about "noise" has one fixed answer instead of a flaky one.

/** A small, fast generator (mulberry32). `seed` is any integer. */
export function createRandom(seed = 1) {
  if (!Number.isInteger(seed)) throw new TypeError(`createRandom() needs an integer seed, got ${seed}`);
  // Typed arrays keep the state unboxed: a plain `let` holding a uint32 or a double would allocate
  // on every call, and the traffic generator and the demos call these in tight loops.
  const state = new Uint32Array([seed >>> 0]);
  const spare = new Float64Array(1); // Box-Muller makes normals in pairs; keep the second one
  let hasSpare = false;

  function next() {
    state[0] += 0x6d2b79f5;
    let t = state[0];
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  function normal() {
    if (hasSpare) {
      hasSpare = false;
      return spare[0];
    }
    let u = next();
    while (u === 0) u = next();
    const radius = Math.sqrt(-2 * Math.log(u));
    const angle = 2 * Math.PI * next();
    spare[0] = radius * Math.sin(angle);
    hasSpare = true;
    return radius * Math.cos(angle);
  }

  return {
    /** A number in [0, 1). */
    next,
    /** An integer in [0, n). */
    int: (n) => Math.floor(next() * n),
    /** true with probability p. */
    chance: (p) => next() < p,
    /** A standard normal value (mean 0, standard deviation 1). */
    normal,
    /** A log-normal value: half the draws fall below `median`; `sigma` sets how long the tail is. */
    lognormal: (median, sigma) => median * Math.exp(sigma * normal()),
    /** Shuffle an array in place (Fisher-Yates) and return it. */
    shuffle(array) {
      for (let i = array.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [array[i], array[j]] = [array[j], array[i]];
      }
      return array;
    },
  };
}
