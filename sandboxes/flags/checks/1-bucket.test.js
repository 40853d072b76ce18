// Checks for bucket.js: the bucket is the lesson's hash, FNV-1a (32-bit) over "flagKey:userId",
// mod 100, so every SDK and every process agrees, and each flag picks its own first users.
// The numbers are the lesson's: 200,000 ids "user-0" to "user-199999".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketOf } from '../bucket.js';

const USERS = Array.from({ length: 200_000 }, (_, i) => `user-${i}`);
const count = (flagKey, below) => USERS.reduce((n, id) => n + (bucketOf(flagKey, id) < below ? 1 : 0), 0);

test("a user's bucket is FNV-1a of flagKey:userId, mod 100 (the lesson's numbers)", async () => {
  const vectors = [
    ['new-checkout', 'user-42', 26, 'FNV-1a of "new-checkout:user-42" is 2915469926'],
    ['new-checkout', 'user-7', 25, 'FNV-1a of "new-checkout:user-7" is 1797318825'],
    ['new-search', 'user-42', 58, 'the same user in another flag: FNV-1a of "new-search:user-42" is 706071758'],
    ['new-checkout', 'zoë', 2, 'hash code points (codePointAt), as the lesson does, not UTF-8 bytes: "ë" is one character, 0xEB'],
    ['new-checkout', 'kai-🐙', 19, 'iterate with for...of: "🐙" is one code point, 0x1F419, not two UTF-16 halves'],
  ];
  for (const [flagKey, userId, expected, why] of vectors) {
    const got = bucketOf(flagKey, userId);
    assert.equal(got, expected, `bucketOf('${flagKey}', '${userId}') returned ${got}, expected ${expected} (${why}, mod 100)`);
  }
  const again = USERS.slice(0, 2000).map((id) => bucketOf('new-checkout', id));
  const bad = again.find((b) => !Number.isInteger(b) || b < 0 || b > 99);
  assert.equal(bad, undefined, `a bucket is a whole number from 0 to 99, got ${bad}`);
  const { bucketOf: otherProcess } = await import('../bucket.js?process=2');
  const moved = USERS.slice(0, 2000).filter((id, i) => otherProcess('new-checkout', id) !== again[i]).length;
  assert.equal(moved, 0, `${moved} of 2,000 users got a different bucket from a second copy of bucket.js (another pod, or after a restart): no randomness, no per-process secret`);

  const at5 = count('new-checkout', 5);
  const at20 = count('new-checkout', 20);
  assert.equal(at5, 9977, `of the 200,000 ids, ${at5} have a new-checkout bucket below 5; the lesson's hash gives 9,977`);
  assert.equal(at20, 39866, `of the 200,000 ids, ${at20} have a new-checkout bucket below 20; the lesson's hash gives 39,866`);
});

test('each flag picks its own first users (the flag key is part of the hash)', () => {
  let checkout = 0;
  let search = 0;
  let both = 0;
  for (const id of USERS) {
    const a = bucketOf('new-checkout', id) < 10;
    const b = bucketOf('new-search', id) < 10;
    if (a) checkout += 1;
    if (b) search += 1;
    if (a && b) both += 1;
  }
  assert.ok(
    both < 0.02 * USERS.length,
    `new-checkout at 10% (${checkout} users) and new-search at 10% (${search}) share ${both} users; independent flags share about 10% x 10% = 1% (2,000). Hashing the user id alone puts the same users first in every flag`,
  );
  assert.deepEqual([checkout, search, both], [19926, 20005, 2155], `the lesson's numbers for these two flags are 19,926, 20,005 and 2,155 in both; got ${checkout}, ${search} and ${both}`);
});
