// Time is injected so that "14 days later" can be checked in a millisecond.

/** The real wall clock. */
export function systemClock() {
  return { now: () => Date.now() };
}

/** A clock that only moves when told to. Starts at 2026-03-12T09:00:00Z. */
export function fakeClock(start = Date.UTC(2026, 2, 12, 9, 0, 0)) {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`advance() needs a non-negative number of ms, got ${ms}`);
      now += ms;
    },
  };
}

export const DAY = 24 * 3600 * 1000;
