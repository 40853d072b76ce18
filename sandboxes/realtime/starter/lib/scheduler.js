// Time for the stream: heartbeats, reconnection delays and slow readers all run on a scheduler.
// The checks and demos use a virtual one, so "45 seconds later" takes no time at all and every run
// gives the same result; `node server.js` uses the real one.
//
//   scheduler.now()                              ms
//   scheduler.setTimeout(fn, ms) / clearTimeout(handle)
//   scheduler.setInterval(fn, ms) / clearInterval(handle)
//   scheduler.advance(ms) / runUntil(t)          virtual only: move time forward, running what falls due
//   scheduler.pending                            virtual only: timers and intervals still scheduled

/** Real time. */
export function systemScheduler() {
  return {
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle),
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (handle) => clearInterval(handle),
  };
}

/** Simulated time: nothing runs until advance() or runUntil() moves the clock past it. */
export function virtualScheduler({ start = Date.UTC(2026, 2, 12, 11, 0, 0) } = {}) {
  let now = start;
  let seq = 0;
  const timers = []; // { at, seq, fn, every, cancelled }, sorted by (at, seq)

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
    return timer;
  }
  function schedule(fn, ms, every) {
    if (typeof fn !== 'function') throw new TypeError('the scheduler needs a function to call');
    if (!Number.isFinite(ms) || ms < 0) throw new TypeError(`a delay must be a non-negative number of ms, got ${ms}`);
    if (every !== undefined && !(ms > 0)) throw new RangeError(`setInterval needs a period above 0 ms, got ${ms}`);
    return insert({ at: now + ms, seq: seq++, fn, every, cancelled: false });
  }
  function cancel(handle) {
    if (!handle || typeof handle !== 'object') return;
    handle.cancelled = true;
    const i = timers.indexOf(handle);
    if (i >= 0) timers.splice(i, 1);
  }

  const scheduler = {
    now: () => now,
    setTimeout: (fn, ms = 0) => schedule(fn, ms),
    clearTimeout: cancel,
    setInterval: (fn, ms) => schedule(fn, ms, ms),
    clearInterval: cancel,
    runUntil(t) {
      if (!Number.isFinite(t)) throw new TypeError(`runUntil(t) needs a time in ms, got ${t}`);
      if (t < now) throw new RangeError(`runUntil(${t}) is in the past: it is already ${now}`);
      let ran = 0;
      while (timers.length > 0 && timers[0].at <= t) {
        const timer = timers.shift();
        now = timer.at;
        if (timer.every !== undefined) {
          timer.at = now + timer.every;
          timer.seq = seq++;
          insert(timer);
        }
        ran += 1;
        if (ran > 1_000_000) throw new Error('more than a million timers fired in one advance: is a timer re-arming itself with no delay?');
        timer.fn();
      }
      now = t;
    },
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new TypeError(`advance(ms) needs a non-negative number of ms, got ${ms}`);
      scheduler.runUntil(now + ms);
    },
    get pending() {
      return timers.length;
    },
  };
  return scheduler;
}
