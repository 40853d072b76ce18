// A load generator, and a rate sweep that finds the knee of the latency curve.
//
// Right now openLoad is a CLOSED generator in disguise: one connection that sends the next request
// only when the previous one has been answered, and times each request from the moment it was
// actually sent. While the server stalls it sends nothing, and when the stall ends it records one
// slow request and many fast ones: coordinated omission. Run node scripts/stall.js and compare its
// p99 with the truth. Your job is the TODOs below.
import { percentile, summarize } from './lib/stats.js';

/**
 * Intended start times (ms, ascending) for `ratePerSec` requests a second from startMs to
 * startMs + durationMs (end excluded). Without `rand` they are evenly spaced; with a seeded
 * `rand` the gaps are exponential (Poisson arrivals, like many independent users).
 */
export function arrivalTimes({ ratePerSec, durationMs, startMs = 0, rand = null }) {
  if (!(ratePerSec > 0)) throw new RangeError(`ratePerSec must be positive, got ${ratePerSec}`);
  // TODO 1: with `rand`, make the gaps exponential with mean 1000 / ratePerSec ms:
  //   -ln(1 - rand()) x mean. Same seed, same times; different seeds, different times.
  const gapMs = 1000 / ratePerSec;
  const times = [];
  for (let i = 0; startMs + i * gapMs < startMs + durationMs; i += 1) times.push(startMs + i * gapMs);
  return times;
}

/**
 * Plays `times` against `server` on `scheduler` and returns one sample per request, in the order
 * of `times`: { intendedAt, sentAt, doneAt, latencyMs }.
 */
export function openLoad({ scheduler, server, times, connections = Infinity }) {
  // TODO 2: send each request AT its intended time (scheduler.setTimeout), whether or not earlier
  //   ones have been answered: never wait for a reply before sending the next one.
  // TODO 3: latencyMs = doneAt - intendedAt. Time from when the request SHOULD have started: if it
  //   went out late, a real user would have been waiting all along.
  // TODO 4: at most `connections` requests in flight. A request due while all of them are busy
  //   waits (first in, first out) and is sent when one frees; its wait still counts (TODO 3).
  const samples = [];
  let next = 0;
  function sendNext() {
    if (next >= times.length) return;
    const intendedAt = times[next];
    next += 1;
    scheduler.setTimeout(() => {
      const sentAt = scheduler.now();
      server.send(() => {
        const doneAt = scheduler.now();
        samples.push({ intendedAt, sentAt, doneAt, latencyMs: doneAt - sentAt });
        sendNext(); // only now: the generator waited for the reply
      });
    }, Math.max(0, intendedAt - scheduler.now()));
  }
  sendNext();
  scheduler.run();
  return samples;
}

/**
 * Steps through `rates` (ascending) and measures each with measure(rate) -> latencies (ms).
 * Returns { knee, steps }: knee is the last rate before the first step whose p99 is over
 * budgetMs (null if the first step is already over), and steps lists { rate, p99, ok } for every
 * step measured.
 */
export function findKnee({ rates, budgetMs, measure }) {
  // TODO 5: judge each step by its p99 (percentile(latencies, 99)), not the mean: the mean stays
  //   low long after the tail has blown the budget. Stop at the first step over budget: the knee
  //   is the step before it, even if a later, noisier step happens to pass.
  const steps = [];
  let knee = null;
  for (const rate of rates) {
    const latencies = measure(rate);
    const { mean } = summarize(latencies);
    const ok = mean <= budgetMs;
    steps.push({ rate, p99: percentile(latencies, 99), ok });
    if (ok) knee = rate;
  }
  return { knee, steps };
}
