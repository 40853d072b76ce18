// Per-second good/bad counts and the error ratio over the last N seconds, for windows from
// 5 minutes to 3 days (259,200 seconds).
//
// Right now it only remembers the latest second, so every "window" is one second long and a
// single bad second looks like a disaster. Your job is the TODOs below.

/**
 * @param {{ maxSeconds: number }} options the longest window anyone will ask for
 */
export function createWindows({ maxSeconds }) {
  // TODO 1: remember enough to answer for any window up to maxSeconds. Walking through up to
  //   259,200 seconds on every question is far too slow (the checks ask 8 windows every second
  //   of a 3-day run): keep running totals of good and bad since the start, and remember the
  //   totals as they were at each of the last maxSeconds seconds (a ring buffer), so a window is
  //   one subtraction.
  let last = { good: 0, bad: 0 };

  return {
    /** Records one second: `good` requests succeeded, `bad` failed. */
    add(good, bad) {
      last = { good, bad };
    },

    /** bad / (good + bad) over the last `seconds` recorded seconds (fewer if fewer exist); 0 if none. */
    errorRatio(seconds) {
      // TODO 2: over the last `seconds` seconds: all the bad events divided by all the events,
      //   not an average of per-second ratios (a quiet second must not weigh as much as a busy one).
      const total = last.good + last.bad;
      return total > 0 ? last.bad / total : 0;
    },
  };
}
