// What users really waited: every request arrives at its intended time, whatever happened to the
// ones before it, and waits until served. The harness computes it directly, without a generator:
// one first-in, first-out server starts each request when both the request and the server are
// ready (and not during a stall), and finishes it one service time later. Same server model and
// same random service times as lib/server.js, so any generator's numbers can be compared with it.

/** Latency of each request (in the order of `times`, ascending) against a server with these options. */
export function trueLatencies(times, { serviceMs = 10, rand = null, stalls = [] } = {}) {
  const latencies = new Array(times.length);
  let free = -Infinity; // when the server finishes its current request
  times.forEach((arrival, i) => {
    let start = Math.max(arrival, free);
    for (;;) {
      const stall = stalls.find((s) => start >= s.at && start < s.at + s.ms);
      if (!stall) break;
      start = stall.at + stall.ms; // nothing starts during a stall
    }
    const duration = rand ? -Math.log(1 - rand()) * serviceMs : serviceMs;
    free = start + duration;
    latencies[i] = free - arrival;
  });
  return latencies;
}

/** Poisson arrival times (ms) at `ratePerSec` from 0 to durationMs, from a seeded rand. */
export function poissonTimes(rand, ratePerSec, durationMs) {
  const times = [];
  const mean = 1000 / ratePerSec;
  for (let t = -Math.log(1 - rand()) * mean; t < durationMs; t += -Math.log(1 - rand()) * mean) times.push(t);
  return times;
}
