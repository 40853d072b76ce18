// An open-model load generator, as wrk2 and k6's arrival-rate executors work: every request has an
// intended start time fixed before the test, it is sent then whether or not earlier ones have been
// answered, and its latency is measured from that intended time. Then a rate sweep that finds the
// knee: the highest arrival rate whose p99 stays within a budget.
import { percentile } from './lib/stats.js';

/**
 * Intended start times (ms, ascending) for `ratePerSec` requests a second from startMs to
 * startMs + durationMs (end excluded). Without `rand` they are evenly spaced; with a seeded
 * `rand` the gaps are exponential (Poisson arrivals, like many independent users).
 */
export function arrivalTimes({ ratePerSec, durationMs, startMs = 0, rand = null }) {
  if (!(ratePerSec > 0)) throw new RangeError(`ratePerSec must be positive, got ${ratePerSec}`);
  const gapMs = 1000 / ratePerSec;
  const end = startMs + durationMs;
  const times = [];
  if (!rand) {
    for (let i = 0; startMs + i * gapMs < end; i += 1) times.push(startMs + i * gapMs);
    return times;
  }
  for (let t = startMs + -Math.log(1 - rand()) * gapMs; t < end; t += -Math.log(1 - rand()) * gapMs) times.push(t);
  return times;
}

/**
 * Plays `times` against `server` on `scheduler` and returns one sample per request, in the order
 * of `times`: { intendedAt, sentAt, doneAt, latencyMs }, with latencyMs = doneAt - intendedAt.
 * At most `connections` requests are in flight; a request due while they are all busy is sent as
 * soon as one frees, and the wait counts in its latency, because a real user would have waited.
 */
export function openLoad({ scheduler, server, times, connections = Infinity }) {
  const samples = times.map((intendedAt) => ({ intendedAt, sentAt: undefined, doneAt: undefined, latencyMs: undefined }));
  const waiting = [];
  let inFlight = 0;

  function send(sample) {
    inFlight += 1;
    sample.sentAt = scheduler.now();
    server.send(() => {
      sample.doneAt = scheduler.now();
      sample.latencyMs = sample.doneAt - sample.intendedAt; // from the intended start, not from sentAt
      inFlight -= 1;
      if (waiting.length > 0) send(waiting.shift());
    });
  }

  for (const sample of samples) {
    scheduler.setTimeout(() => {
      if (inFlight < connections) send(sample);
      else waiting.push(sample);
    }, Math.max(0, sample.intendedAt - scheduler.now()));
  }
  scheduler.run();
  return samples;
}

/**
 * Steps through `rates` (ascending) and measures each with measure(rate) -> latencies (ms).
 * Returns { knee, steps }: knee is the last rate before the first step whose p99 is over
 * budgetMs (null if the first step is already over), and steps lists { rate, p99, ok } for every
 * step measured. The sweep stops at the first step over budget, as the lesson's does.
 */
export function findKnee({ rates, budgetMs, measure }) {
  const steps = [];
  let knee = null;
  for (const rate of rates) {
    const p99 = percentile(measure(rate), 99);
    const ok = p99 <= budgetMs;
    steps.push({ rate, p99, ok });
    if (!ok) break;
    knee = rate;
  }
  return { knee, steps };
}
