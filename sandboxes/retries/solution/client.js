// A retrying HTTP client for calls to other services: a per-try timeout inside an overall
// deadline, retries only for safe requests and transient failures, full-jitter backoff that
// honours Retry-After, and gRPC-style retry throttling per server.
//
// Everything is injected, so the checks can run it in simulated time: fetch (a fake server),
// clock (lib/clock.js: now(), sleep(ms), setTimeout) and random (seeded). Never call Date.now(),
// setTimeout() or Math.random() directly here.
import { systemClock, timeoutSignal } from './lib/clock.js';
import { backoffMs, fullJitterMs, retryAfterMs } from './backoff.js';
import { RetryThrottle } from './throttle.js';

/** Statuses that say "try again": request timeout, too many requests, bad gateway, unavailable, gateway timeout. */
export const RETRYABLE_STATUSES = [408, 429, 502, 503, 504];

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);
/** Network errors that mean the request never left: any method may be sent again. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND']);

/**
 * options:
 *   deadlineMs     the whole call, every try and wait included
 *   perTryMs       one try
 *   maxAttempts    tries in all, the first included
 *   baseMs, capMs  the backoff: min(cap, base x 2^n) before retry n
 *   jitter         'full' (a wait drawn from [0, backoff)) or 'none' (the backoff itself)
 *   retryStatuses  the statuses worth another try (add 500 here to retry it)
 *   throttling     { maxTokens, tokenRatio } for one RetryThrottle per server, or null for none
 */
export function createRetryingClient({
  fetch = globalThis.fetch,
  clock = systemClock(),
  random = Math.random,
  deadlineMs = 2000,
  perTryMs = 800,
  maxAttempts = 3,
  baseMs = 100,
  capMs = 2000,
  jitter = 'full',
  retryStatuses = RETRYABLE_STATUSES,
  throttling = { maxTokens: 10, tokenRatio: 0.1 },
} = {}) {
  checkOptions({ fetch, clock, random, deadlineMs, perTryMs, maxAttempts, baseMs, capMs, jitter });
  const retryable = new Set(retryStatuses);
  const throttles = new Map();

  /** The throttle for the server `url` belongs to (one per origin), or null when throttling is off. */
  function throttleFor(url) {
    if (!throttling) return null;
    const origin = new URL(url).origin;
    if (!throttles.has(origin)) throttles.set(origin, new RetryThrottle(throttling));
    return throttles.get(origin);
  }

  /** The wait before retry number `retry` (0 for the first retry), before any Retry-After. */
  function waitBefore(retry) {
    return jitter === 'none' ? backoffMs(retry, { baseMs, capMs }) : fullJitterMs(retry, { baseMs, capMs }, random);
  }

  /**
   * Sends the request, retrying when that is safe and useful. Resolves to the last Response (a
   * success, an answer not worth retrying, or the last failure when the client gives up); rejects
   * with the last error when the last try ended in a network error or a timeout.
   */
  async function request(url, { method = 'GET', headers = {}, body } = {}) {
    method = String(method).toUpperCase();
    const deadline = clock.now() + deadlineMs;
    const throttle = throttleFor(url);
    const idempotent = IDEMPOTENT_METHODS.has(method) || new Headers(headers).has('idempotency-key');

    for (let attempt = 1; ; attempt += 1) {
      const { signal, clear } = timeoutSignal(clock, Math.min(perTryMs, deadline - clock.now()));
      let res;
      let error;
      try {
        res = await fetch(url, { method, headers, body, signal });
      } catch (err) {
        error = err; // a network error, or the try's timeout
      } finally {
        clear();
      }

      const failed = error !== undefined || retryable.has(res.status);
      if (failed) throttle?.onFailure();
      else if (res.ok) throttle?.onSuccess();
      if (!failed) return res;

      const safe = idempotent || (error !== undefined && NEVER_SENT.has(error?.cause?.code));
      const asked = res ? retryAfterMs(res.headers.get('retry-after'), clock.now()) : null;
      const wait = Math.max(waitBefore(attempt - 1), asked ?? 0);
      const giveUp = !safe || attempt >= maxAttempts || (throttle !== null && !throttle.allowsRetry()) || clock.now() + wait >= deadline;
      if (giveUp) {
        if (error !== undefined) throw error;
        return res;
      }
      await res?.body?.cancel(); // let the connection go before waiting
      await clock.sleep(wait);
    }
  }

  return { request, throttleFor };
}

function checkOptions({ fetch, clock, random, deadlineMs, perTryMs, maxAttempts, baseMs, capMs, jitter }) {
  if (typeof fetch !== 'function') throw new TypeError('createRetryingClient needs a fetch function');
  if (typeof clock?.now !== 'function' || typeof clock?.sleep !== 'function') throw new TypeError('createRetryingClient needs the injected clock (lib/clock.js)');
  if (typeof random !== 'function') throw new TypeError('createRetryingClient needs random(): a function returning numbers in [0, 1)');
  for (const [name, value] of Object.entries({ deadlineMs, perTryMs, baseMs, capMs })) {
    if (!(Number.isFinite(value) && value > 0)) throw new TypeError(`${name} must be a positive number of ms, got ${value}`);
  }
  if (!(Number.isInteger(maxAttempts) && maxAttempts >= 1)) throw new TypeError(`maxAttempts must be a whole number >= 1, got ${maxAttempts}`);
  if (jitter !== 'full' && jitter !== 'none') throw new TypeError(`jitter must be 'full' or 'none', got ${jitter}`);
}
