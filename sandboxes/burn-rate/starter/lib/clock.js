// Simulated time in whole seconds. t = 0 is the moment the scenario starts (an outage, a bad
// deploy); the healthy history before it has negative times. Nothing here ever waits.

export function fakeClock(start = 0) {
  let now = start;
  return {
    /** The current time in seconds. */
    now: () => now,
    set(t) {
      if (!Number.isFinite(t)) throw new Error(`set() needs a time in seconds, got ${t}`);
      now = t;
    },
    advance(seconds) {
      if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`advance() needs a non-negative number of seconds, got ${seconds}`);
      now += seconds;
    },
  };
}
