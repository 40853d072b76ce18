// Which bucket, 0 to 99, a user falls in for one flag. A percentage rollout turns the flag on for
// users whose bucket is below the percentage.
//
// Right now the bucket is drawn at random on every call, so the same user sees the new checkout,
// then the old one, then the new one again, and raising the rollout from 5% to 20% turns some of
// the first 5% off. Your job is the TODO below.

/**
 * @param {string} flagKey  e.g. 'new-checkout'
 * @param {string} userId   a stable id: the account id, or a device id for logged-out users
 * @returns {number} an integer from 0 to 99
 */
export function bucketOf(flagKey, userId) {
  // TODO: make the bucket a pure function of the flag key and the user id, the one the lesson
  //   uses (every SDK that evaluates this flag must get the same answer): 32-bit FNV-1a over the
  //   string `${flagKey}:${userId}`. Start from 0x811c9dc5; for each character, XOR its code
  //   point (str.codePointAt) into the hash and multiply by 0x01000193 with Math.imul, keeping
  //   the result unsigned (>>> 0). The bucket is the hash mod 100.
  //   The flag key is part of the string so that each flag picks its own first users.
  return Math.floor(Math.random() * 100);
}
