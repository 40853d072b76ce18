// Time is injected so that "24 hours later" can be tested in a millisecond.

/** The real wall clock, used when the server runs for real. */
export function systemClock() {
  return { now: () => Date.now() };
}

/** A clock that only moves when told to. Starts at 2026-01-01T00:00:00Z. */
export function fakeClock(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`advance() needs a non-negative number of ms, got ${ms}`);
      now += ms;
    },
  };
}
