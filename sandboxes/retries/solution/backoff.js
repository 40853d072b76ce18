// How long to wait before the next try: exponential backoff, full jitter, and Retry-After.

/** The backoff before retry number `retry` (0 for the first retry): min(cap, base x 2^retry) ms. */
export function backoffMs(retry, { baseMs = 100, capMs = 2000 } = {}) {
  return Math.min(capMs, baseMs * 2 ** retry);
}

/** Full jitter: a wait drawn uniformly from [0, backoff), using the injected random(). */
export function fullJitterMs(retry, { baseMs = 100, capMs = 2000 } = {}, random) {
  return random() * backoffMs(retry, { baseMs, capMs });
}

/**
 * What a Retry-After header asks for, in ms from `nowMs`: delay-seconds ("120") or an HTTP-date
 * ("Mon, 02 Mar 2026 12:00:02 GMT"). null when there is no header or it cannot be read; 0 for a date
 * already past (a value like "1.5" or "-1" parses as a date long past, so it asks for no wait either).
 */
export function retryAfterMs(value, nowMs) {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}
