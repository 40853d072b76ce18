// Virtual time. Nothing in the simulation waits for real: every message delivery, timeout and timer
// is an event at a virtual millisecond, and the scheduler jumps from one event to the next.
//
// Determinism: after each event the scheduler lets every pending promise continuation run (it waits
// for setImmediate, which Node only fires once the microtask queue is empty) before it takes the
// next event. So `await node.call(...)` inside a replica resumes at the same virtual time on every
// run, and the same seed always gives the same history.
//
// The scheduler only runs while someone is waiting on it (a client operation, a sleep, runFor):
// background timers such as anti-entropy never keep it spinning on their own.

// Far above what any check needs (about a thousand), low enough to stop a runaway replica in seconds.
const MAX_EVENTS_PER_RUN = 50_000;

export function createScheduler() {
  const heap = []; // events ordered by (time, seq): same-time events run in the order they were scheduled
  let seq = 0;
  let now = 0;
  let running = false;
  let total = 0; // events run since the start, for stats
  const waiters = new Set(); // { reject } of promises someone awaits

  function less(a, b) {
    return a.time < b.time || (a.time === b.time && a.seq < b.seq);
  }
  function push(event) {
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }
  function pop() {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l], heap[m])) m = l;
        if (r < heap.length && less(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  }

  const settle = () => new Promise((resolve) => setImmediate(resolve));

  async function drive() {
    running = true;
    let events = 0;
    try {
      for (;;) {
        await settle();
        if (waiters.size === 0) break;
        if (heap.length === 0) {
          const error = new Error('the simulation has nothing left to do, yet an awaited operation never finished');
          for (const w of [...waiters]) w.reject(error);
          break;
        }
        if (++events > MAX_EVENTS_PER_RUN) {
          const error = new Error(
            `the simulation ran ${MAX_EVENTS_PER_RUN} events without the awaited operations finishing: is a replica sending messages in an endless loop, or running node.every far too often?`,
          );
          for (const w of [...waiters]) w.reject(error);
          break;
        }
        const event = pop();
        if (event.cancelled) continue;
        now = event.time;
        total += 1;
        try {
          event.fn();
        } catch (error) {
          // A failing event must not stop the world; whoever scheduled it reports its own errors.
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    } finally {
      running = false;
    }
  }

  const scheduler = {
    /** The current virtual time in ms (starts at 0). */
    get now() {
      return now;
    },
    /** How many events have run so far. */
    get events() {
      return total;
    },
    /** Run fn at virtual time `time` (not before now). Returns a handle with cancel(). */
    at(time, fn) {
      if (!Number.isFinite(time)) throw new TypeError(`scheduler.at needs a finite time in ms, got ${time}`);
      const event = { time: Math.max(time, now), seq: seq++, fn, cancelled: false };
      push(event);
      return { cancel: () => (event.cancelled = true) };
    },
    /** Run fn `ms` virtual milliseconds from now. */
    after(ms, fn) {
      if (!Number.isFinite(ms) || ms < 0) throw new TypeError(`scheduler.after needs a non-negative number of ms, got ${ms}`);
      return scheduler.at(now + ms, fn);
    },
    /**
     * Wait for `promise` while the simulation runs: the scheduler keeps taking events until it
     * settles. Every client operation and sleep goes through here.
     */
    wait(promise) {
      let waiter;
      const guarded = new Promise((resolve, reject) => {
        waiter = { reject };
        waiters.add(waiter);
        promise.then(resolve, reject);
      }).finally(() => waiters.delete(waiter));
      if (!running) drive();
      return guarded;
    },
    /** Resolves after `ms` virtual milliseconds (the simulation runs meanwhile). */
    sleep(ms) {
      return scheduler.wait(new Promise((resolve) => scheduler.after(ms, resolve)));
    },
    /** Resolves at virtual time `time` (at once if it has passed). */
    until(time) {
      return scheduler.sleep(Math.max(0, time - now));
    },
  };
  return scheduler;
}
