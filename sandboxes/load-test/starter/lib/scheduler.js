// Simulated time. Nothing waits for real: a timer is an event at a virtual millisecond, and run()
// jumps from one event to the next, so a 100-second load test takes a few milliseconds and gives
// the same numbers on every run. Events due at the same moment run in the order they were set.
//
//   const scheduler = virtualScheduler();
//   scheduler.now()                   the current time in ms (starts at 0)
//   scheduler.setTimeout(fn, ms)      fn runs once, ms later (0 = later at this same moment)
//   scheduler.run()                   runs every event until none is left

export function virtualScheduler({ start = 0, maxEvents = 20_000_000 } = {}) {
  let now = start;
  let seq = 0;
  let executed = 0;
  const heap = []; // min-heap of { at, seq, fn }, ordered by (at, seq)

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

  return {
    now: () => now,
    setTimeout(fn, ms = 0) {
      if (typeof fn !== 'function') throw new TypeError('setTimeout(fn, ms) needs a function');
      if (!Number.isFinite(ms) || ms < 0) throw new TypeError(`setTimeout(fn, ms) needs a non-negative number of ms, got ${ms}`);
      push({ at: now + ms, seq: seq++, fn });
    },
    run() {
      while (heap.length > 0) {
        const event = pop();
        if (++executed > maxEvents) throw new Error(`the virtual scheduler ran more than ${maxEvents} events: is a timer re-arming itself forever?`);
        now = event.at;
        event.fn();
      }
    },
    get pending() {
      return heap.length;
    },
  };
}
