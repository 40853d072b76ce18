/**
 * murmur3's 32-bit finaliser, the one integer mixer of the simulator: it seeds the PRNG (splitmix32),
 * turns request serials into users and users into sticky percentage buckets, all without a random
 * draw. The rounds below are the finaliser without its first xor-shift, so callers that already mixed
 * their input (or, for the buckets, always have) skip it.
 */
function murmurRounds(h: number): number {
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The full murmur3 finaliser: a non-negative 32-bit integer. */
export function mix32(x: number): number {
  return murmurRounds(x ^ (x >>> 16));
}

/** hash(userId) mod 100 with a per-purpose salt (sticky canary and flag assignment). */
export function userBucket(user: number, salt: number): number {
  return murmurRounds(user ^ salt) % 100;
}
