// How long to wait before the next try. Right now every retry waits the same base delay, so
// clients that failed together retry together, and keep doing so. Your job is the TODOs below.
//
// Randomness is injected: random() returns a number in [0, 1), like Math.random, but the checks
// and demos pass a seeded or scripted one so that every run waits the same. Never call
// Math.random() here.

/** The backoff before retry number `retry` (0 for the first retry), in ms. */
export function backoffMs(retry, { baseMs = 100, capMs = 2000 } = {}) {
  // TODO 1: exponential backoff, min(cap, base x 2^retry): 100, 200, 400, ... up to the cap.
  return baseMs;
}

/** Full jitter: the wait before retry number `retry`, drawn with random(). */
export function fullJitterMs(retry, { baseMs = 100, capMs = 2000 } = {}, random) {
  // TODO 2: full jitter, a wait drawn uniformly from [0, backoff): one call to random() per wait.
  return backoffMs(retry, { baseMs, capMs });
}

/**
 * What a Retry-After header asks for, in ms from `nowMs` (the injected clock's now): null when
 * there is no header or it cannot be read.
 */
export function retryAfterMs(value, nowMs) {
  // TODO 3: Retry-After is either delay-seconds ("120") or an HTTP-date
  //   ("Mon, 02 Mar 2026 12:00:02 GMT", what new Date(ms).toUTCString() writes; Date.parse reads it).
  //   A date in the past asks for no wait (0). A value that is neither ("soon") cannot be read:
  //   return null. Either way the backoff alone then decides.
  return null;
}
