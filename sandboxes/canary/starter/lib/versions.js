// A deployed version of the quote service, as the traffic generator sees it: how often a request
// fails and how long it takes. A freshly started process is slower at first (cold caches, code the
// JIT has not optimised yet, empty connection pools), and that slowdown fades as it warms up.
//
//   createVersion({ name, errorRate, medianMs, sigma, jitter, startedAt, coldStart, warmupMinutes,
//                   capacityPerMinute, overloadErrorRate })
//     errorRate      share of requests that fail (0.002 = 0.2%)
//     medianMs       median latency once warm; latency is log-normal, so p99 is about
//                    medianMs * exp(2.326 * sigma) (80 ms and 0.35 give about 181 ms)
//     jitter         how much a process's latency wobbles from one minute to the next (garbage
//                    collection, noisy neighbours): each minute its latencies are scaled by
//                    exp(jitter * a standard normal draw); 0.05 is a wobble of about 5%
//     startedAt      clock time (ms) the process started
//     coldStart      extra latency at start, as a share (0.5 = 50% slower), fading with
//     warmupMinutes  the time it takes to lose about two thirds of that extra latency
//     capacityPerMinute, overloadErrorRate   a problem that only shows under load (a connection
//                    pool sized for a few pods, say): in a minute with more requests than
//                    capacityPerMinute, overloadErrorRate of them fail instead of errorRate
import { MINUTE } from './clock.js';

export function createVersion({
  name,
  errorRate = 0.002,
  medianMs = 80,
  sigma = 0.35,
  jitter = 0.05,
  startedAt = 0,
  coldStart = 0,
  warmupMinutes = 30,
  capacityPerMinute = Infinity,
  overloadErrorRate = 0.05,
} = {}) {
  if (typeof name !== 'string' || name === '') throw new TypeError('createVersion() needs a name, e.g. "v4.32"');
  if (!(errorRate >= 0 && errorRate <= 1)) throw new RangeError(`${name}: errorRate must be between 0 and 1, got ${errorRate}`);
  if (!(medianMs > 0) || !(sigma >= 0) || !(jitter >= 0)) throw new RangeError(`${name}: medianMs must be above 0, sigma and jitter at least 0`);
  if (!Number.isFinite(startedAt)) throw new TypeError(`${name}: startedAt must be a clock time in ms, got ${startedAt}`);
  if (!(coldStart >= 0) || !(warmupMinutes > 0)) throw new RangeError(`${name}: coldStart must be at least 0 and warmupMinutes above 0`);
  if (!(capacityPerMinute > 0) || !(overloadErrorRate >= 0 && overloadErrorRate <= 1)) {
    throw new RangeError(`${name}: capacityPerMinute must be above 0 and overloadErrorRate between 0 and 1`);
  }

  return {
    name,
    errorRate,
    medianMs,
    sigma,
    jitter,
    startedAt,
    coldStart,
    warmupMinutes,
    capacityPerMinute,
    overloadErrorRate,
    /** The share of requests that fail in a minute in which this version serves `requests`. */
    errorRateAt(requests) {
      return requests > capacityPerMinute ? overloadErrorRate : errorRate;
    },
    /** How much slower than warm this version is at clock time `now` (1 = warm). */
    slowdownAt(now) {
      const ageMinutes = Math.max(0, now - startedAt) / MINUTE;
      return 1 + coldStart * Math.exp(-ageMinutes / warmupMinutes);
    },
    /** One request: { latencyMs, error }. Pass slowdownAt(now) as `slowdown`. */
    serve(rand, slowdown = 1) {
      return { latencyMs: rand.lognormal(medianMs * slowdown, sigma), error: rand.chance(errorRate) };
    },
  };
}
