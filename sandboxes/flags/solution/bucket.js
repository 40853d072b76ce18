// Which bucket, 0 to 99, a user falls in for one flag. A percentage rollout turns the flag on for
// users whose bucket is below the percentage.
//
// The bucket is a pure function of the flag key and the user id: the same on every request, in
// every process and after every restart, so raising the percentage only adds buckets. Hashing the
// flag key with the id gives each flag its own first users.

/**
 * @param {string} flagKey  e.g. 'new-checkout'
 * @param {string} userId   a stable id: the account id, or a device id for logged-out users
 * @returns {number} an integer from 0 to 99
 */
export function bucketOf(flagKey, userId) {
  // 32-bit FNV-1a over the code points of "flagKey:userId".
  let hash = 0x811c9dc5;
  for (const ch of `${flagKey}:${userId}`) {
    hash ^= ch.codePointAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 100;
}
