// A seeded traffic generator. Users send requests; a router (your splitter) decides which side
// serves each user; each request's outcome (latency, error) follows the version on that side.
// Minute by minute it reports what a metrics system would: requests, errors, error rate and p99
// latency per side.
//
//   const traffic = createTraffic({ seed, clock, requestsPerSecond, users, versions: { primary, baseline, canary } })
//   traffic.nextMinute(route)   one minute of traffic; route(userId) -> 'canary' | 'baseline' | 'primary'.
//                               Returns a point (below) and moves the clock on by one minute.
//   traffic.request(route)      one request from a random user: { userId, side, version, latencyMs, error }
//   traffic.requestFrom(userId, route)   the same for a given user (a retry, say)
//
// A point:
//   { minute: 7, at: <clock ms>, users: { canary: 20, baseline: 19, primary: 1961 },
//     canary:   { requests: 118, errors: 0, errorRate: 0, p99: 176.4 },
//     baseline: { requests: 121, errors: 1, errorRate: 0.00826, p99: 181.2 },
//     primary:  { requests: 11761, errors: 23, errorRate: 0.00196, p99: 180.9 } }
// errorRate and p99 are null for a side that served no request that minute (a gap in the series).
//
// A long rollout is millions of requests, so nextMinute() does not draw them one by one. It asks
// route() once per user per minute (a sticky router answers the same for every request anyway)
// and draws the minute's totals straight from the distributions the single requests follow: each
// side's request count and error count are binomial, and the p99 is an order statistic of the
// side's latencies. The numbers are distributed exactly as if every request had been drawn.
import { MINUTE, fakeClock } from './clock.js';
import { createRandom } from './random.js';
import { normalQuantile } from './stats.js';

export const SIDES = ['canary', 'baseline', 'primary'];

export function createTraffic({ seed = 1, clock = fakeClock(), requestsPerSecond = 200, users = 2000, versions } = {}) {
  for (const side of SIDES) {
    if (typeof versions?.[side]?.serve !== 'function') {
      throw new TypeError(`createTraffic() needs versions.${side}: make one with createVersion() from lib/versions.js`);
    }
  }
  if (!(requestsPerSecond > 0) || !Number.isInteger(users) || users < 1) {
    throw new RangeError('createTraffic() needs requestsPerSecond above 0 and a whole number of users (1 or more)');
  }

  const rand = createRandom(seed);
  const ids = Object.freeze(Array.from({ length: users }, (_, i) => `user-${String(i + 1).padStart(5, '0')}`));
  const perMinute = Math.round(requestsPerSecond * 60);
  const version = SIDES.map((side) => versions[side]);
  let minute = 0;

  function sideIndex(route, userId) {
    const side = route(userId);
    const index = SIDES.indexOf(side);
    if (index === -1) {
      throw new TypeError(`route("${userId}") returned ${JSON.stringify(side)}: it must return 'canary', 'baseline' or 'primary'`);
    }
    return index;
  }

  function requestFrom(userId, route) {
    const s = sideIndex(route, userId);
    const v = version[s];
    const { latencyMs, error } = v.serve(rand, v.slowdownAt(clock.now()));
    return { userId, side: SIDES[s], version: v.name, latencyMs, error };
  }

  return {
    /** Every user id, e.g. "user-00042". */
    users: ids,
    requestsPerMinute: perMinute,
    /** Minutes of traffic generated so far. */
    get minutes() {
      return minute;
    },
    request: (route) => requestFrom(ids[rand.int(users)], route),
    requestFrom,
    nextMinute(route) {
      const usersOn = [0, 0, 0];
      for (const userId of ids) usersOn[sideIndex(route, userId)] += 1;

      // Every request comes from a user picked at random, so the requests split between the sides
      // in proportion to their users (a multinomial draw, made as a chain of binomial ones).
      const requests = [0, 0, 0];
      let left = perMinute;
      let shareLeft = 1;
      for (let s = 0; s < SIDES.length; s++) {
        const share = usersOn[s] / users;
        requests[s] = s === SIDES.length - 1 ? left : binomial(rand, left, shareLeft > 0 ? Math.min(1, share / shareLeft) : 0);
        left -= requests[s];
        shareLeft -= share;
      }

      const middle = clock.now() + MINUTE / 2;
      const point = { minute: minute + 1, at: clock.now() + MINUTE, users: {} };
      SIDES.forEach((side, s) => {
        const v = version[s];
        const n = requests[s];
        // This minute's wobble (garbage collection, noisy neighbours) on top of warming up.
        const median = v.medianMs * v.slowdownAt(middle) * Math.exp(v.jitter * rand.normal());
        const errors = binomial(rand, n, v.errorRateAt(n));
        point.users[side] = usersOn[s];
        point[side] = {
          requests: n,
          errors,
          errorRate: n === 0 ? null : errors / n,
          p99: n === 0 ? null : median * Math.exp(v.sigma * normalQuantile(uniformOrderStatistic(rand, n, Math.ceil(0.99 * n)))),
        };
      });
      clock.advance(MINUTE);
      minute += 1;
      return point;
    },
  };
}

/** A draw from Binomial(n, p): by inversion when few successes are expected, else the normal approximation. */
function binomial(rand, n, p) {
  if (n === 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rand, n, 1 - p);
  const mean = n * p;
  if (mean >= 30) return Math.min(n, Math.max(0, Math.round(mean + Math.sqrt(mean * (1 - p)) * rand.normal())));
  let chance = (1 - p) ** n; // P(X = 0)
  const ratio = p / (1 - p);
  let u = rand.next();
  let x = 0;
  while (u > chance && x < n) {
    u -= chance;
    x += 1;
    chance *= (ratio * (n - x + 1)) / x;
  }
  return x;
}

/**
 * The rank-th smallest of n uniform draws, without making all n: walking down from the largest,
 * each next one is the previous times V^(1 / remaining) for a fresh uniform V (Renyi's
 * representation). For the p99 of n requests that is about n / 100 steps. A latency is monotonic in
 * its uniform draw, so this order statistic, mapped through the latency distribution, is the p99.
 */
function uniformOrderStatistic(rand, n, rank) {
  let value = 1;
  for (let remaining = n; remaining >= rank; remaining--) {
    let v = rand.next();
    while (v === 0) v = rand.next();
    value *= v ** (1 / remaining);
  }
  return Math.min(value, 1 - 1e-12);
}
