// A pool of workers that each take `serviceMs` to render one document: the expensive part of a
// request. The pool has no queue of its own; work that cannot start yet is the server's to hold.
//
//   pool.idle / pool.busy / pool.size   free, busy and total workers
//   pool.start(onDone)                  occupies a free worker; onDone() runs when the work is finished
//   pool.onIdle(listener)               listener() runs every time a worker becomes free
//   pool.capacityPerSec                 how many documents the pool finishes per second when always busy
import { systemScheduler } from './scheduler.js';

export function createWorkerPool({ scheduler = systemScheduler(), workers = 4, serviceMs = 40 } = {}) {
  if (!Number.isInteger(workers) || workers < 1) throw new TypeError(`workers must be a whole number of at least 1, got ${workers}`);
  if (!Number.isFinite(serviceMs) || serviceMs <= 0) throw new TypeError(`serviceMs must be a positive number of ms, got ${serviceMs}`);
  let busy = 0;
  let started = 0;
  let completed = 0;
  const listeners = [];

  return {
    get size() {
      return workers;
    },
    get busy() {
      return busy;
    },
    get idle() {
      return workers - busy;
    },
    /** Jobs started and finished so far. */
    get started() {
      return started;
    },
    get completed() {
      return completed;
    },
    serviceMs,
    capacityPerSec: (workers * 1000) / serviceMs,
    start(onDone) {
      if (typeof onDone !== 'function') throw new TypeError('pool.start(onDone) needs a function to call when the work is done');
      if (busy >= workers) {
        throw new Error(`pool.start() was called while all ${workers} workers were busy: check pool.idle first, and keep work that cannot start yet in your queue`);
      }
      busy += 1;
      started += 1;
      scheduler.setTimeout(() => {
        busy -= 1;
        completed += 1;
        onDone();
        for (const listener of listeners) listener();
      }, serviceMs);
    },
    onIdle(listener) {
      if (typeof listener !== 'function') throw new TypeError('pool.onIdle(listener) needs a function');
      listeners.push(listener);
    },
  };
}
