// The system under test: one worker serving requests first in, first out, in simulated time.
// Each request takes `serviceMs` (or, with `rand`, an exponentially distributed time with that
// mean: the M/M/1 server of the lesson). During a stall ({ at, ms }: a garbage-collection pause, a
// lock) no request starts; one already being served finishes normally.
//
//   const server = createServer({ scheduler, serviceMs: 10, stalls: [{ at: 30_000, ms: 2000 }] });
//   server.send(onDone)      a request arrives now; onDone() is called when it has been served
//   server.log               every request: { arrivedAt, startedAt, doneAt }
//   server.inFlight          requests arrived and not done yet (waiting or being served)
//   server.maxInFlight       the most there ever were at once
//   server.capacityPerSec    1000 / serviceMs

export function createServer({ scheduler, serviceMs = 10, rand = null, stalls = [] } = {}) {
  if (typeof scheduler?.setTimeout !== 'function') throw new TypeError('createServer needs { scheduler } from lib/scheduler.js');
  if (!(serviceMs > 0)) throw new TypeError(`serviceMs must be a positive number of ms, got ${serviceMs}`);
  const queue = [];
  const log = [];
  let busy = false;
  let inFlight = 0;
  let maxInFlight = 0;
  let wakeScheduled = false;

  const stallAt = (t) => stalls.find((s) => t >= s.at && t < s.at + s.ms);
  const duration = () => (rand ? -Math.log(1 - rand()) * serviceMs : serviceMs);

  function startNext() {
    if (busy || queue.length === 0) return;
    const stall = stallAt(scheduler.now());
    if (stall) {
      if (!wakeScheduled) {
        wakeScheduled = true;
        scheduler.setTimeout(() => {
          wakeScheduled = false;
          startNext();
        }, stall.at + stall.ms - scheduler.now());
      }
      return;
    }
    const job = queue.shift();
    busy = true;
    job.entry.startedAt = scheduler.now();
    scheduler.setTimeout(() => {
      busy = false;
      inFlight -= 1;
      job.entry.doneAt = scheduler.now();
      job.onDone();
      startNext();
    }, duration());
  }

  return {
    send(onDone) {
      if (typeof onDone !== 'function') throw new TypeError('server.send(onDone) needs a function to call when the request is served');
      const entry = { arrivedAt: scheduler.now(), startedAt: undefined, doneAt: undefined };
      log.push(entry);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      queue.push({ entry, onDone });
      startNext();
    },
    log,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    capacityPerSec: 1000 / serviceMs,
  };
}
