// Seeded randomness, so "random" jitter gives the same waits on every run and every machine.

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

/**
 * A "random" function that returns the given numbers in order, for checks that need exact waits:
 * scriptedRandom([0.6, 0.75]) makes full jitter pick 60 ms of 100, then 150 ms of 200.
 * When the list runs out it keeps returning `then` (default 0.5).
 */
export function scriptedRandom(values, { then = 0.5 } = {}) {
  const queue = [...values];
  let draws = 0;
  const random = () => {
    draws += 1;
    return queue.length > 0 ? queue.shift() : then;
  };
  Object.defineProperty(random, 'draws', { get: () => draws });
  return random;
}
