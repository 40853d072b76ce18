// The defaults that make Ledgerly safe when nobody is thinking about security: response headers,
// log redaction, constant-time secret comparison, and login throttling that slows guessing without
// letting anyone lock a real user out.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Sets the security headers on `res` and returns this response's CSP nonce (128 random bits, new
 * every time), which the page must put on each of its own <script> tags.
 */
export function securityHeaders(res) {
  const nonce = randomBytes(16).toString('base64');
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      `script-src 'nonce-${nonce}' 'strict-dynamic'`,
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ].join('; '),
  );
  res.setHeader('Strict-Transport-Security', 'max-age=63072000; includeSubDomains'); // two years
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  return nonce;
}

// Field names that hold credentials, wherever they appear in what is logged.
const SECRET_NAME = /pass(word|wd|phrase)?|secret|token|authorization|cookie|session|api[-_]?key|credential/i;

/** A copy of `value` with every field whose name looks like a credential replaced by [REDACTED]. */
export function redact(value, depth = 0) {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out = {};
  for (const [key, v] of Object.entries(value)) out[key] = SECRET_NAME.test(key) ? '[REDACTED]' : redact(v, depth + 1);
  return out;
}

/** A logger that redacts before writing, so a forgotten debug line cannot leak a password. */
export function safeLogger(logger) {
  const wrap = (level) => (fields, msg) => (typeof fields === 'object' ? logger[level](redact(fields), msg) : logger[level](fields, msg));
  return { info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}

/**
 * Compares a presented secret with the expected one in constant time. Both sides are hashed first:
 * timingSafeEqual needs equal lengths, and digests always have them, so the length of the
 * presented value leaks nothing either.
 */
export function sameSecret(presented, expected) {
  const a = createHash('sha256').update(String(presented ?? '')).digest();
  const b = createHash('sha256').update(String(expected)).digest();
  return timingSafeEqual(a, b);
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
  const ips = new Map(); // ip -> { tokens, at }
  const accounts = new Map(); // account -> { failures, lastFailureAt }
  const refillPerMs = ipLimit / ipWindowMs;

  function bucket(ip) {
    const now = clock.now();
    const b = ips.get(ip) ?? { tokens: ipLimit, at: now };
    b.tokens = Math.min(ipLimit, b.tokens + (now - b.at) * refillPerMs);
    b.at = now;
    ips.set(ip, b);
    return b;
  }

  const delayAfter = (failures) => (failures === 0 ? 0 : Math.min(maxDelayMs, baseDelayMs * 2 ** (failures - 1)));

  return {
    /** May this attempt be evaluated? { allowed: true } or { allowed: false, reason, retryAfterMs }. */
    check({ ip, account, knownDevice = false }) {
      const b = bucket(ip);
      if (b.tokens < 1) return { allowed: false, reason: 'ip', retryAfterMs: Math.ceil((1 - b.tokens) / refillPerMs) };
      const a = accounts.get(account);
      if (a && !knownDevice) {
        const until = a.lastFailureAt + delayAfter(a.failures);
        if (clock.now() < until) return { allowed: false, reason: 'account', retryAfterMs: until - clock.now() };
      }
      return { allowed: true };
    },
    /** A wrong password (or an unknown account) was evaluated. */
    failure({ ip, account }) {
      bucket(ip).tokens -= 1;
      const a = accounts.get(account) ?? { failures: 0, lastFailureAt: 0 };
      a.failures += 1;
      a.lastFailureAt = clock.now();
      accounts.set(account, a);
    },
    /** The right password: the account's failures are forgotten. */
    success({ account }) {
      accounts.delete(account);
    },
  };
}
