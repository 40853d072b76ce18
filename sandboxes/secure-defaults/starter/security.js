// The defaults that make Ledgerly safe when nobody is thinking about security: response headers,
// log redaction, constant-time secret comparison, and login throttling that slows guessing without
// letting anyone lock a real user out.
//
// Right now every helper here is a placeholder that does nothing useful. Your job is the TODOs,
// and then the TODOs in app.js that put these helpers to work.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Sets the security headers on `res` and returns this response's CSP nonce (128 random bits, new
 * every time), which the page must put on each of its own <script> tags.
 */
export function securityHeaders(res) {
  // TODO 1: a fresh nonce for every response: randomBytes(16), as base64.
  // TODO 2: Content-Security-Policy: scripts only with this response's nonce ('nonce-...', plus
  //   'strict-dynamic'), NEVER 'unsafe-inline'; object-src 'none'; base-uri 'none';
  //   frame-ancestors 'none' (nobody may frame the app: clickjacking); default-src 'self'.
  // TODO 3: Strict-Transport-Security with a max-age of at least a year (31,536,000 s);
  //   X-Content-Type-Options: nosniff; Referrer-Policy: strict-origin-when-cross-origin.
  return '';
}

/** A copy of `value` with every field whose name looks like a credential replaced by [REDACTED]. */
export function redact(value) {
  // TODO 4: walk objects and arrays (a copy: never change the caller's object) and replace the
  //   value of every field whose NAME looks like a credential: password, passwd, secret, token,
  //   authorization, cookie, session, api key. Redact by name, so a new field is covered too.
  return value;
}

/** A logger that redacts before writing, so a forgotten debug line cannot leak a password. */
export function safeLogger(logger) {
  const wrap = (level) => (fields, msg) => (typeof fields === 'object' ? logger[level](redact(fields), msg) : logger[level](fields, msg));
  return { info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}

/** Compares a presented secret with the expected one in constant time. */
export function sameSecret(presented, expected) {
  // TODO 5: === stops at the first different character, so the response time tells an attacker
  //   how much of the token is right. Use crypto.timingSafeEqual. It throws on inputs of different
  //   lengths, and checking the length first leaks the length: hash both sides (SHA-256) so the
  //   buffers always have the same length. A missing value must not throw.
  return presented === expected;
}

/**
 * Login throttling, two limits, neither of them a lock an attacker controls:
 *   per IP       a token bucket of failed logins: ipLimit per ipWindowMs (20 per 15 minutes)
 *   per account  after each failure, a delay before the next attempt is evaluated: baseDelayMs,
 *                doubling with every further failure, never more than maxDelayMs (1 s, 2 s, 4 s ...
 *                15 minutes). A known device skips it. A success resets it.
 * Attempts refused by either limit are not evaluated and count as nothing.
 */
export function createLoginThrottle({ clock, ipLimit = 20, ipWindowMs = 15 * 60_000, baseDelayMs = 1000, maxDelayMs = 15 * 60_000 } = {}) {
  // TODO 6: per IP, a bucket that starts with ipLimit tokens and refills at ipLimit per ipWindowMs
  //   (time from clock.now(), never Date.now()). check() refuses when less than one token is left;
  //   failure() takes one. Successful logins take nothing.
  // TODO 7: per account, count consecutive failures and remember when the last one happened. After
  //   n failures the next attempt waits min(maxDelayMs, baseDelayMs x 2^(n-1)) from the last failure,
  //   unless it comes from a known device. success() forgets the account's failures.
  // TODO 8: check() answers { allowed: true } or { allowed: false, reason: 'ip' | 'account',
  //   retryAfterMs }, where retryAfterMs is how long until an attempt would be evaluated.
  return {
    check({ ip, account, knownDevice = false }) {
      return { allowed: true };
    },
    failure({ ip, account }) {},
    success({ account }) {},
  };
}
