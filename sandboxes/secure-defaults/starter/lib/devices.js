// Known-device tokens: after a successful login the server gives the browser a signed token naming
// the account, kept in a cookie. A later login for that account from the same browser can skip the
// account's failure delay, so a stranger's failed guesses cannot lock the real user out.
//
//   issueDeviceToken(secret, userId)      -> '1.4f0c...e2.9a7d...' (user id, random id, HMAC)
//   deviceTokenUser(secret, token)        -> the user id, or null if the token is not genuine
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const sign = (secret, payload) => createHmac('sha256', String(secret)).update(payload).digest();

export function issueDeviceToken(secret, userId) {
  const payload = `${userId}.${randomBytes(12).toString('hex')}`;
  return `${payload}.${sign(secret, payload).toString('hex')}`;
}

export function deviceTokenUser(secret, token) {
  if (typeof token !== 'string') return null;
  const cut = token.lastIndexOf('.');
  if (cut < 0) return null;
  const payload = token.slice(0, cut);
  const given = Buffer.from(token.slice(cut + 1), 'hex');
  const expected = sign(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const id = Number(payload.split('.')[0]);
  return Number.isInteger(id) ? id : null;
}
