// Time is injected so that "15 minutes later" takes no time in a check.

export function systemClock() {
  return { now: () => Date.now() };
}

/** A clock that only moves when told to. Starts at 2026-03-02T02:10:00Z, when the attack began. */
export function fakeClock(start = Date.UTC(2026, 2, 2, 2, 10)) {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`advance() needs a non-negative number of ms, got ${ms}`);
      now += ms;
    },
  };
}
