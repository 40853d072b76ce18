// Password hashing with scrypt (a deliberately slow, salted, memory-hard hash), stored as
// "scrypt$<N>$<salt>$<hash>". The sandbox uses a low cost so that checks run fast; production
// uses N = 2^15 or more (about 50 ms per hash), or Argon2id.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export function hashPassword(password, { cost = 256, salt = randomBytes(16) } = {}) {
  const hash = scryptSync(String(password), salt, 32, { N: cost, r: 8, p: 1 });
  return `scrypt$${cost}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** True when `password` matches the stored hash. Takes the same time for a wrong password. */
export function verifyPassword(stored, password) {
  const [scheme, cost, salt, hash] = String(stored).split('$');
  if (scheme !== 'scrypt') return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(String(password), Buffer.from(salt, 'base64'), expected.length, { N: Number(cost), r: 8, p: 1 });
  return timingSafeEqual(actual, expected);
}

/** A hash of nothing anyone knows: verify against it when the account does not exist, so an unknown
 *  email takes as long as a wrong password and the timing does not reveal which accounts exist. */
export const DUMMY_HASH = hashPassword(randomBytes(16).toString('hex'), { cost: 256 });
