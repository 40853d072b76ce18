// Simulated time for the checks and the demos. Nothing happens until the caller moves time forward:
// `await clock.advance(30_000)` runs every sleep that falls due in those 30 s, in time order, and
// lets the code woken by each one run to its next await before the next is due. So "30 seconds
// later" takes a millisecond, and every run with the same inputs gives the same result.
//
//   clock.now()            the time in ms (starts at 2026-03-12T14:00:00Z)
//   await clock.sleep(ms)  wait `ms` of simulated time (the warehouse uses this for slow calls)
//   await clock.advance(ms) / await clock.runUntil(t)   move time forward

const settle = () => new Promise((resolve) => setImmediate(resolve));

export function virtualClock({ start = Date.UTC(2026, 2, 12, 14, 0, 0) } = {}) {
  if (!Number.isFinite(start)) throw new TypeError(`virtualClock({ start }) needs a time in ms, got ${start}`);
  let now = start;
  let seq = 0;
  const timers = []; // sorted by (at, seq)

  function insert(timer) {
    let lo = 0;
    let hi = timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const t = timers[mid];
      if (t.at < timer.at || (t.at === timer.at && t.seq < timer.seq)) lo = mid + 1;
      else hi = mid;
    }
    timers.splice(lo, 0, timer);
  }

  const clock = {
    now: () => now,
    sleep(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new TypeError(`sleep(ms) needs a non-negative number of ms, got ${ms}`);
      return new Promise((resolve) => insert({ at: now + ms, seq: seq++, resolve }));
    },
    async runUntil(t) {
      if (!Number.isFinite(t)) throw new TypeError(`runUntil(t) needs a time in ms, got ${t}`);
      if (t < now) throw new RangeError(`runUntil(${t}) is in the past: it is already ${now}`);
      for (;;) {
        await settle(); // let whatever is running reach its next await first
        if (timers.length === 0 || timers[0].at > t) break;
        const timer = timers.shift();
        now = timer.at;
        timer.resolve();
      }
      now = t;
      await settle();
    },
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new TypeError(`advance(ms) needs a non-negative number of ms, got ${ms}`);
      return clock.runUntil(now + ms);
    },
    /** Sleeps still waiting. */
    get pending() {
      return timers.length;
    },
  };
  return clock;
}
