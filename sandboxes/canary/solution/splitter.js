// Which version each user gets while a canary release is running.
//
// Every user has a bucket from 0 to 99, worked out from the user id and the release's salt with a
// stable hash, so the answer is the same on every request, on every pod and after every restart.
// Buckets below the weight get the canary; a slice of the same size gets the baseline (the old
// version, started at the same moment as the canary); everyone else stays on primary.

/** Each release gets its own salt, so the same users are not always the first to try new code. */
export const SALT = 'release-4.32';

/** A user's bucket, 0 to 99: FNV-1a (32-bit) over "salt:userId". */
export function bucketOf(userId, salt = SALT) {
  checkUserId(userId);
  let hash = 0x811c9dc5;
  for (const ch of `${salt}:${userId}`) {
    hash ^= ch.codePointAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 100;
}

/** 'canary', 'baseline' or 'primary' for this user at this weight (a percentage, 0 to 100). */
export function route(userId, weight, salt = SALT) {
  checkWeight(weight);
  const bucket = bucketOf(userId, salt);
  if (bucket < weight) return 'canary';
  // The baseline takes the top `weight` buckets: as many users as the canary, from the other end,
  // so raising the weight never moves a canary user to the baseline.
  if (bucket >= 100 - weight) return 'baseline';
  return 'primary';
}

function checkUserId(userId) {
  if (typeof userId !== 'string' || userId === '') {
    throw new TypeError(`a user id must be a non-empty string, got ${JSON.stringify(userId)}`);
  }
}

function checkWeight(weight) {
  if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
    throw new RangeError(`weight must be a whole percentage from 0 to 100, got ${JSON.stringify(weight)}`);
  }
}
