// Time is injected, so that "a 12-second export" or "a 20-second deadline" can be tested in a
// few milliseconds. Both clocks have the same shape:
//
//   now()                       ms
//   setTimeout(fn, ms)          returns a handle for clearTimeout
//   setInterval(fn, ms)         returns a handle for clearInterval
//   sleep(ms)                   a promise that resolves after ms
//
// Use these, never the global setTimeout/setInterval/Date.now, in server.js: the checks move
// time with fakeClock().advance(ms), and a real timer would also keep the check process alive.

/** Real time, for `node server.js`. Timers are unref'd: they never keep a process alive alone. */
export function systemClock() {
  const unref = (handle) => (handle?.unref?.(), handle);
  return {
    now: () => Date.now(),
    setTimeout: (fn, ms) => unref(setTimeout(fn, ms)),
    clearTimeout: (handle) => clearTimeout(handle),
    setInterval: (fn, ms) => unref(setInterval(fn, ms)),
    clearInterval: (handle) => clearInterval(handle),
    sleep: (ms) => new Promise((resolve) => unref(setTimeout(resolve, ms))),
  };
}

/** Lets promise callbacks and pending I/O callbacks run (a few turns of the event loop). */
export async function settle(turns = 5) {
  for (let i = 0; i < turns; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Simulated time, starting at 0. Nothing happens until advance(ms) moves it: timers then fire
 * in time order, each at its own moment, and the code they wake up gets to run before the next.
 */
export function fakeClock() {
  let now = 0;
  let seq = 0;
  const timers = new Map(); // handle -> { at, seq, fn, every }

  function add(fn, ms, every) {
    if (typeof fn !== 'function') throw new TypeError('a timer needs a function');
    if (!Number.isFinite(ms) || ms < 0) throw new TypeError(`a timer needs a non-negative number of ms, got ${ms}`);
    const handle = { id: ++seq };
    timers.set(handle, { at: now + ms, seq: handle.id, fn, every });
    return handle;
  }
  const remove = (handle) => void timers.delete(handle);

  function next(limit) {
    let best = null;
    for (const [handle, t] of timers) {
      if (t.at <= limit && (!best || t.at < best.t.at || (t.at === best.t.at && t.seq < best.t.seq))) best = { handle, t };
    }
    return best;
  }

  return {
    now: () => now,
    setTimeout: (fn, ms = 0) => add(fn, ms, undefined),
    clearTimeout: remove,
    setInterval(fn, ms) {
      if (!(ms > 0)) throw new TypeError(`setInterval needs a positive number of ms, got ${ms}`);
      return add(fn, ms, ms);
    },
    clearInterval: remove,
    sleep(ms) {
      return new Promise((resolve) => add(resolve, ms, undefined));
    },
    /** Moves time forward by ms, firing every timer due on the way, in order. */
    async advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new TypeError(`advance(ms) needs a non-negative number of ms, got ${ms}`);
      const target = now + ms;
      await settle();
      for (let due = next(target); due; due = next(target)) {
        now = due.t.at;
        if (due.t.every) {
          due.t.at += due.t.every;
          due.t.seq = ++seq;
        } else {
          timers.delete(due.handle);
        }
        due.t.fn();
        await settle();
      }
      now = target;
      await settle();
    },
    /** Timers still waiting to fire. */
    get pending() {
      return timers.size;
    },
  };
}
