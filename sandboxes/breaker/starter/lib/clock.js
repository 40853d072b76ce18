// A clock that only moves when told to, for checks that drive the breaker call by call.

export function fakeClock(start = 0) {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`advance() needs a non-negative number of ms, got ${ms}`);
      now += ms;
    },
    set(t) {
      if (t < now) throw new Error(`the clock cannot go back from ${now} to ${t}`);
      now = t;
    },
  };
}
