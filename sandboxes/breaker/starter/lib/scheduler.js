// Virtual time that async code can wait on. Nothing waits for real: timers are events at virtual
// milliseconds, and runUntil(t) takes them in time order. After each event it lets every pending
// promise continuation run (it waits for setImmediate, which Node fires only once the microtask
// queue is empty), so `await` inside your code resumes at the right virtual time, the same on
// every run.
//
//   const scheduler = createScheduler();
//   scheduler.now()                 the current virtual time in ms (starts at 0)
//   scheduler.setTimeout(fn, ms)    a handle; fn runs once, ms later
//   scheduler.clearTimeout(handle)
//   scheduler.sleep(ms)             a promise that resolves ms later
//   await scheduler.runUntil(t)     runs everything due up to time t, then sets the time to t
//   await scheduler.runFor(ms)      the same, ms from now

const settle = () => new Promise((resolve) => setImmediate(resolve));

export function createScheduler({ maxEvents = 2_000_000 } = {}) {
  let now = 0;
  let seq = 0;
  let executed = 0;
  const heap = []; // min-heap of { at, seq, fn, cancelled }, ordered by (at, seq)

  const before = (a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq);
  function push(event) {
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(event, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = event;
  }
  function pop() {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let child = l;
        if (r < heap.length && before(heap[r], heap[l])) child = r;
        if (l >= heap.length || !before(heap[child], last)) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }

  const scheduler = {
    now: () => now,
    setTimeout(fn, ms = 0) {
      if (typeof fn !== 'function') throw new TypeError('setTimeout(fn, ms) needs a function');
      if (!Number.isFinite(ms) || ms < 0) throw new TypeError(`setTimeout(fn, ms) needs a non-negative number of ms, got ${ms}`);
      const event = { at: now + ms, seq: seq++, fn, cancelled: false };
      push(event);
      return event;
    },
    clearTimeout(handle) {
      if (handle && typeof handle === 'object') handle.cancelled = true;
    },
    sleep(ms) {
      return new Promise((resolve) => scheduler.setTimeout(resolve, ms));
    },
    async runUntil(t) {
      if (!Number.isFinite(t)) throw new TypeError(`runUntil(t) needs a time in ms, got ${t}`);
      if (t < now) throw new RangeError(`runUntil(${t}) is in the past: it is already ${now}`);
      await settle();
      while (heap.length > 0 && heap[0].at <= t) {
        const event = pop();
        if (event.cancelled) continue;
        if (++executed > maxEvents) throw new Error(`the virtual scheduler ran more than ${maxEvents} events: is a timer re-arming itself forever?`);
        now = event.at;
        event.fn();
        await settle();
      }
      now = t;
      await settle();
    },
    runFor(ms) {
      return scheduler.runUntil(now + ms);
    },
    get pending() {
      return heap.filter((e) => !e.cancelled).length;
    },
  };
  return scheduler;
}
