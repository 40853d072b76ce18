// Which version each user gets while a canary release is running.
//
// Right now the split is decided by a coin toss on every request, like round-robin routing: the
// same user bounces between versions, a retry on the old version hides a failure on the new one,
// and there is no baseline to compare the canary with. Your job is the TODOs below.
//
// The rule to build (hash(userId) mod 100 < weight):
//   - every user has a bucket from 0 to 99, from a stable hash of "salt:userId", so the answer is
//     the same on every request, on every pod and after every restart
//   - buckets below the weight get the canary, so raising the weight only adds users
//   - a slice of users as large as the canary's gets the baseline: the old version, started at the
//     same moment as the canary, which the analysis compares it with
//   - everyone else stays on primary (the old version that has been running for days)

/** Each release gets its own salt, so the same users are not always the first to try new code. */
export const SALT = 'release-4.32';

/** A user's bucket, 0 to 99. */
export function bucketOf(userId, salt = SALT) {
  checkUserId(userId);
  // TODO 1: hash `${salt}:${userId}` with a stable hash and return it mod 100. FNV-1a (32-bit) is
  //   enough: start from 0x811c9dc5; for each character, XOR in its code and multiply by
  //   0x01000193 with Math.imul, keeping the result unsigned (>>> 0).
  //   Math.random() and a per-process secret are not stable; a Map of past answers is not shared
  //   between pods and is lost on restart.
  return Math.floor(Math.random() * 100);
}

/** 'canary', 'baseline' or 'primary' for this user at this weight (a percentage, 0 to 100). */
export function route(userId, weight, salt = SALT) {
  checkWeight(weight);
  // TODO 2: canary when the user's bucket is below the weight. Give the baseline another `weight`
  //   buckets that do not overlap the canary's (when there are not enough left, the baseline gets
  //   what remains), and primary the rest.
  return bucketOf(userId, salt) < weight ? 'canary' : 'primary';
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
