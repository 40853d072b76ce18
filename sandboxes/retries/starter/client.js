// A retrying HTTP client for calls to other services. Right now it does what Fernway's
// product-page did in the lesson: every failure is retried, whatever the method or status, after
// the same short wait, with no timeout on a try and no limit on the whole call. A server that
// never answers holds it forever; a POST is sent again after it may already have happened.
// Your job is the TODOs below (and those in backoff.js and throttle.js).
//
// Everything is injected, so the checks can run it in simulated time: fetch (a fake server),
// clock (lib/clock.js: now(), sleep(ms), setTimeout) and random (seeded). Never call Date.now(),
// setTimeout() or Math.random() directly here.
//
// Support files (read-only): lib/clock.js (time; timeoutSignal(clock, ms) is AbortSignal.timeout
// on the injected clock), lib/fake-server.js (the scripted server the checks and demos use; read
// its header for what a network error looks like), lib/random.js, lib/contention.js.
import { systemClock, timeoutSignal } from './lib/clock.js';
import { backoffMs, fullJitterMs, retryAfterMs } from './backoff.js';
import { RetryThrottle } from './throttle.js';

/** Statuses that say "try again": request timeout, too many requests, bad gateway, unavailable, gateway timeout. */
export const RETRYABLE_STATUSES = [408, 429, 502, 503, 504];

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
    // TODO 1: the overall deadline: deadlineMs from now (clock.now()), covering every try and wait.

    for (let attempt = 1; ; attempt += 1) {
      let res;
      let error;
      try {
        // TODO 2: a per-try timeout. Each try gets the smaller of perTryMs and the time left before
        //   the deadline: pass a signal from timeoutSignal(clock, ms) to fetch, and clear() it afterwards.
        res = await fetch(url, { method, headers, body });
      } catch (err) {
        error = err; // a network error, or the try's timeout
      }

      // TODO 3: which failures are worth another try: a network error or timeout, or a status in
      //   retryStatuses. Anything else (200, 404, 400, a 500 not configured) is returned as it is.
      const failed = error !== undefined || !res.ok;

      // TODO 4: tell this server's throttle (throttleFor(url)) about every try: a failure as above
      //   takes a token, a success (res.ok) adds some.

      if (!failed) return res;

      // TODO 5: the wait: the jittered backoff, but never less than the server's Retry-After
      //   (retryAfterMs(res.headers.get('retry-after'), clock.now()), when there is a response).
      const wait = waitBefore(attempt - 1);

      // TODO 6: give up (throw the error, or return the response) unless every one of these holds:
      //   - the request is safe to repeat: an idempotent method (GET, HEAD, OPTIONS, TRACE, PUT,
      //     DELETE) or an Idempotency-Key header; a network error that means the request was never
      //     sent (error.cause.code ECONNREFUSED or ENOTFOUND) makes any method safe;
      //   - fewer than maxAttempts tries so far;
      //   - the throttle allows a retry;
      //   - the wait ends before the deadline.
      if (attempt >= maxAttempts) {
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
