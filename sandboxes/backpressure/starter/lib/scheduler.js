// Time is injected: the server never calls Date.now() or setTimeout() itself, so a check can run
// "ten seconds of overload" in a few milliseconds by jumping straight from one event to the next.
//
// Both schedulers have the same shape:
//   now()                 -> the current time in ms
//   setTimeout(fn, ms)    -> a handle; fn runs once, ms later
//   clearTimeout(handle)

/** Real time, for `node server.js`. */
export function systemScheduler() {
  return {
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle),
  };
}

/**
 * Simulated time: nothing happens until the caller moves time forward with advance(ms),
 * runUntil(t) or run(). Events due at the same moment run in the order they were scheduled,
 * so every run with the same inputs gives the same result.
 */
export function virtualScheduler({ start = 0, maxEvents = 5_000_000 } = {}) {
  if (!Number.isFinite(start)) throw new TypeError(`virtualScheduler({ start }) needs a time in ms, got ${start}`);
  let now = start;
  let seq = 0;
  let executed = 0;
  const heap = []; // min-heap of { at, seq, fn, cancelled } ordered by (at, seq)

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

  /** Runs every event due at or before `limit`, in time order. */
  function runDue(limit) {
    while (heap.length > 0 && heap[0].at <= limit) {
      const event = pop();
      if (event.cancelled) continue;
      executed += 1;
      if (executed > maxEvents) {
        throw new Error(`the virtual scheduler ran more than ${maxEvents} events: is a timer re-arming itself forever?`);
      }
      now = event.at;
      event.fn();
    }
  }

  return {
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
    /** Moves time forward by `ms`, running everything due on the way. */
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new TypeError(`advance(ms) needs a non-negative number of ms, got ${ms}`);
      this.runUntil(now + ms);
    },
    /** Moves time forward to `t` (ms), running everything due on the way. */
    runUntil(t) {
      if (!Number.isFinite(t)) throw new TypeError(`runUntil(t) needs a time in ms, got ${t}`);
      if (t < now) throw new RangeError(`runUntil(${t}) is in the past: it is already ${now}`);
      runDue(t);
      now = t;
    },
    /** Runs events until none are left, or until time `limit` (ms) if given. */
    run({ limit = Infinity } = {}) {
      runDue(limit);
      if (Number.isFinite(limit) && now < limit && heap.every((e) => e.cancelled)) now = limit;
    },
    /** Events still waiting to run. */
    get pending() {
      return heap.filter((e) => !e.cancelled).length;
    },
  };
}
