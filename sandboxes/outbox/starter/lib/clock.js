// Time is injected: the harness stamps rows with clock.now(), and a demo can let "95 seconds" pass
// in a few milliseconds.

/** A clock that moves only when told to. Starts at 2026-01-02T18:00:00Z, a Friday evening. */
export function fakeClock(start = Date.UTC(2026, 0, 2, 18, 0, 0)) {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`clock.advance() needs a non-negative number of ms, got ${ms}`);
      now += ms;
    },
  };
}
