// Time is injected, so that a check can say exactly which timestamp a line must carry.

/** The real wall clock. */
export function systemClock() {
  return { now: () => Date.now() };
}

/** A clock that only moves when told to. Starts at 2025-03-11T14:05:22.481Z. */
export function fakeClock(start = Date.UTC(2025, 2, 11, 14, 5, 22, 481)) {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`advance() needs a non-negative number of ms, got ${ms}`);
      now += ms;
    },
  };
}
