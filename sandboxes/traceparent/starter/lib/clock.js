// Time is injected so that span timestamps are exact numbers (ms) and checks never wait.

/** The real clock. */
export function systemClock() {
  return { now: () => Date.now() };
}

/** A clock that only moves when told to. Starts at 0 ms. */
export function fakeClock(start = 0) {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`advance() needs a non-negative number of ms, got ${ms}`);
      now += ms;
    },
    set(t) {
      now = t;
    },
  };
}
