// Time is injected. A store call "takes" 100 ms and a TTL lasts a minute, yet the checks run in
// milliseconds: on the fake clock, time only moves when a check or demo moves it.
//
// Both clocks have the same shape, so the cache never needs to know which one it got:
//   now()                  current time in ms (may be fractional on the fake clock)
//   setTimeout(fn, ms)     call fn once, ms from now; returns a handle
//   clearTimeout(handle)   cancel it
//   sleep(ms)              a promise that resolves ms from now
// The fake clock adds:
//   advance(ms), advanceTo(time)   move time forward, firing every timer that falls due, in order
//   run(promise)                   move time forward only as far as needed for promise to settle

/** The real wall clock, for running the cache for real. */
export function systemClock() {
  return {
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    run: (promise) => promise,
  };
}

/** A clock that only moves when told to. Starts at `start` ms (default 0). */
export function fakeClock(start = 0) {
  let now = start;
  let order = 0;
  const timers = []; // { at, order, fn }: order keeps timers due at the same ms first-come, first-served

  function nextDue(limit) {
    let best;
    for (const t of timers) {
      if (t.at <= limit && (!best || t.at < best.at || (t.at === best.at && t.order < best.order))) best = t;
    }
    return best;
  }

  function fire(timer) {
    timers.splice(timers.indexOf(timer), 1);
    now = timer.at;
    timer.fn();
  }

  function checkMs(ms, what) {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      throw new TypeError(`${what} needs a non-negative number of ms, got ${ms}`);
    }
  }

  const clock = {
    now: () => now,

    setTimeout(fn, ms = 0) {
      if (typeof fn !== 'function') throw new TypeError('clock.setTimeout(fn, ms) needs a function');
      checkMs(ms, 'clock.setTimeout(fn, ms)');
      const timer = { at: now + ms, order: order++, fn };
      timers.push(timer);
      return timer;
    },

    clearTimeout(handle) {
      const i = timers.indexOf(handle);
      if (i >= 0) timers.splice(i, 1);
    },

    sleep(ms) {
      return new Promise((resolve) => clock.setTimeout(resolve, ms));
    },

    /** Move to `time`, firing due timers in order and letting the code they wake up run. */
    async advanceTo(time) {
      checkMs(time - now, `advanceTo(${time}) at ${now}`);
      await settle();
      for (let timer = nextDue(time); timer; timer = nextDue(time)) {
        fire(timer);
        await settle();
      }
      now = time;
      await settle();
    },

    advance(ms) {
      checkMs(ms, 'advance(ms)');
      return clock.advanceTo(now + ms);
    },

    /**
     * Let time pass until `promise` settles, then return its value (or throw its error). Time moves
     * from timer to timer, so it stops exactly when the promise is done. Fails instead of hanging
     * when the promise waits for something no timer will ever bring.
     */
    async run(promise, { maxMs = 24 * 3600 * 1000 } = {}) {
      promise = Promise.resolve(promise);
      let state = 'pending';
      promise.then(
        () => (state = 'done'),
        () => (state = 'done'),
      );
      const from = now;
      await settle();
      while (state === 'pending') {
        const timer = nextDue(Infinity);
        if (!timer) {
          throw new Error(
            `stuck at t=${now} ms: the operation is still waiting, but nothing is scheduled on the clock. ` +
              'Is something waiting for a promise that is never resolved, or for a real setTimeout instead of clock.setTimeout?',
          );
        }
        if (timer.at - from > maxMs) throw new Error(`the operation did not finish within ${maxMs} ms of clock time`);
        fire(timer);
        await settle();
      }
      return promise;
    },

    /** How many timers are waiting (for checks and demos). */
    get pendingTimers() {
      return timers.length;
    },
  };
  return clock;
}

/**
 * Let every promise callback that is ready run to the end. Microtasks all run before the event loop
 * reaches setImmediate; the second turn tolerates code that itself yields with setImmediate.
 */
function settle() {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}
