// Time is injected so that "the lock is 20 minutes old" can be tested without waiting 20 minutes.

/** The real wall clock. */
export function systemClock() {
  return { now: () => Date.now() };
}

/** A clock that only moves when told to (ms). Starts at 2026-03-04T16:40:00Z. */
export function fakeClock(start = Date.UTC(2026, 2, 4, 16, 40)) {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`advance() needs a non-negative number of ms, got ${ms}`);
      now += ms;
    },
  };
}
