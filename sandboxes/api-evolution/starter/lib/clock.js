// Time is injected so that "after the sunset" can be tested without waiting for it.

/** The real wall clock, used when the server runs for real. */
export function systemClock() {
  return { now: () => Date.now() };
}

/** A clock that only moves when told to. Starts at 2026-03-01T00:00:00Z (v1 deprecated, not yet sunset). */
export function fakeClock(start = Date.UTC(2026, 2, 1)) {
  let now = start;
  return {
    now: () => now,
    /** Jump to an absolute time in ms since the epoch. */
    set(ms) {
      if (!Number.isFinite(ms)) throw new Error(`set() needs a time in ms, got ${ms}`);
      now = ms;
    },
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`advance() needs a non-negative number of ms, got ${ms}`);
      now += ms;
    },
  };
}
