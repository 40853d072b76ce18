// Time is injected. A per-try timeout of 800 ms, a Retry-After of 2 s and a hundred clients backing
// off for a minute all run in milliseconds: on the fake clock, time only moves from one timer to
// the next, and only when a check or demo asks it to.
//
// Both clocks have the same shape, so the client never needs to know which one it got:
//   now()                  the current time in ms since 1970 (like Date.now())
//   setTimeout(fn, ms)     call fn once, ms from now; returns a handle
//   clearTimeout(handle)   cancel it
//   sleep(ms)              a promise that resolves ms from now
// The fake clock adds:
//   run(promise)           move time forward only as far as needed for promise to settle
//   advance(ms)            move time forward by ms, firing every timer that falls due, in order
//
// timeoutSignal(clock, ms) (below) is AbortSignal.timeout(ms) on an injected clock.

/** The real wall clock, for running the client for real. */
export function systemClock() {
  return {
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    run: (promise) => promise,
  };
}

/** 2 March 2026, 12:00:00 UTC: a whole second, so HTTP-dates (which have no milliseconds) line up. */
export const START = Date.UTC(2026, 2, 2, 12, 0, 0);

/** A clock that only moves when told to. */
export function fakeClock(start = START) {
  let now = start;
  let order = 0;
  let fired = 0;
  const heap = []; // timers by (at, order): the same ms keeps first come, first served

  const before = (a, b) => a.at < b.at || (a.at === b.at && a.order < b.order);
  function push(timer) {
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(timer, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = timer;
  }
  function pop() {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        let child = l;
        if (l + 1 < heap.length && before(heap[l + 1], heap[l])) child = l + 1;
        if (l >= heap.length || !before(heap[child], last)) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
  /** The next timer that has not been cancelled, left in place. */
  function peek() {
    while (heap.length > 0 && heap[0].cancelled) pop();
    return heap[0];
  }
  function fire() {
    const timer = pop();
    now = timer.at;
    fired += 1;
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
      const timer = { at: now + ms, order: order++, fn, cancelled: false };
      push(timer);
      return timer;
    },

    clearTimeout(handle) {
      if (handle && typeof handle === 'object') handle.cancelled = true;
    },

    sleep(ms) {
      return new Promise((resolve) => clock.setTimeout(resolve, ms));
    },

    /** Moves time forward by `ms`, firing due timers in order and letting the code they wake up run. */
    async advance(ms) {
      checkMs(ms, 'advance(ms)');
      const until = now + ms;
      await settle();
      for (let t = peek(); t && t.at <= until; t = peek()) {
        fire();
        await settle();
      }
      now = until;
      await settle();
    },

    /**
     * Lets time pass until `promise` settles, then returns its value (or throws its error). Time moves
     * from timer to timer, so it stops exactly when the promise is done. Fails instead of hanging
     * when the promise waits for something no timer will ever bring.
     */
    async run(promise, { maxMs = 3_600_000, maxTimers = 2_000_000 } = {}) {
      promise = Promise.resolve(promise);
      let pending = true;
      promise.then(
        () => (pending = false),
        () => (pending = false),
      );
      const from = now;
      const firedBefore = fired;
      await settle();
      while (pending) {
        const next = peek();
        if (!next) {
          const stuck = new Error(
            `stuck ${now - from} ms in: the call is still waiting, but nothing is scheduled on the clock. ` +
              'A request that never answers waits forever unless something aborts it: is there a per-try timeout? ' +
              '(Waiting on a real setTimeout instead of the injected clock looks the same.)',
          );
          stuck.code = 'ERR_CLOCK_STUCK';
          throw stuck;
        }
        if (next.at - from > maxMs) throw new Error(`the call did not finish within ${maxMs} ms of clock time`);
        if (fired - firedBefore > maxTimers) throw new Error(`more than ${maxTimers} timers fired: is something re-arming itself forever?`);
        fire();
        await settle();
      }
      return promise;
    },

    /** Timers waiting to fire. */
    get pendingTimers() {
      return heap.filter((t) => !t.cancelled).length;
    },
  };
  return clock;
}

/**
 * An AbortSignal that aborts `ms` from now on `clock`, with a TimeoutError like AbortSignal.timeout().
 * Call clear() when the work finished first, so no timer is left behind.
 *   const { signal, clear } = timeoutSignal(clock, 800);
 */
export function timeoutSignal(clock, ms) {
  if (typeof clock?.setTimeout !== 'function') throw new TypeError('timeoutSignal(clock, ms) needs the injected clock');
  if (typeof ms !== 'number' || !(ms >= 0)) throw new TypeError(`timeoutSignal(clock, ms) needs a number of ms >= 0, got ${ms}`);
  const controller = new AbortController();
  const handle = clock.setTimeout(() => {
    controller.abort(new DOMException(`this try took longer than its ${ms} ms timeout`, 'TimeoutError'));
  }, ms);
  return { signal: controller.signal, clear: () => clock.clearTimeout(handle) };
}

/**
 * Lets every promise callback that is ready run to the end. Microtasks all run before the event loop
 * reaches setImmediate; the second turn tolerates code that itself yields once.
 */
function settle() {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}
