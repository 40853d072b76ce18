// Per-second good/bad counts and the error ratio over the last N seconds, for windows from
// 5 minutes to 3 days. Running totals in a ring buffer: recording a second and asking for any
// window both take constant time, and memory stays at maxSeconds + 1 slots.

/**
 * @param {{ maxSeconds: number }} options the longest window anyone will ask for
 */
export function createWindows({ maxSeconds }) {
  if (!Number.isInteger(maxSeconds) || maxSeconds < 1) throw new RangeError(`maxSeconds must be a positive whole number, got ${maxSeconds}`);
  const size = maxSeconds + 1;
  // cumGood[i % size] = good events in seconds 0 .. i-1; slot n holds the totals after n seconds.
  const cumGood = new Float64Array(size);
  const cumBad = new Float64Array(size);
  let recorded = 0;
  let totalGood = 0;
  let totalBad = 0;

  return {
    /** Records one second: `good` requests succeeded, `bad` failed. */
    add(good, bad) {
      totalGood += good;
      totalBad += bad;
      recorded += 1;
      cumGood[recorded % size] = totalGood;
      cumBad[recorded % size] = totalBad;
    },

    /** bad / (good + bad) over the last `seconds` recorded seconds (fewer if fewer exist); 0 if none. */
    errorRatio(seconds) {
      const span = Math.min(seconds, recorded, maxSeconds);
      const from = (recorded - span) % size;
      const bad = totalBad - cumBad[from];
      const all = bad + (totalGood - cumGood[from]);
      return all > 0 ? bad / all : 0;
    },

    /** How many seconds have been recorded. */
    recorded: () => recorded,
  };
}
