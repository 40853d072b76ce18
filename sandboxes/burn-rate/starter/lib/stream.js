// Simulated traffic: how many requests succeeded (good) and failed (bad) in each second.
//
//   const traffic = createTraffic({ rate: 1000, errorRatio: phases([{ from: 0, to: 600, ratio: 1 }]) });
//   traffic.at(t) -> { good, bad } for the second [t, t + 1)
//
// Counts are whole numbers. A ratio that does not give a whole number of bad requests per second
// (0.15% of 1000 = 1.5) carries the fraction over to the next second, so over time the count is
// exact: 1, 2, 1, 2, ... Call at() once per second, in order.

/**
 * @param {{ rate?: number | ((t: number) => number), errorRatio?: (t: number) => number }} options
 *   rate: requests per second (a number or a function of t); errorRatio: share of them that fail.
 */
export function createTraffic({ rate = 1000, errorRatio = () => 0 } = {}) {
  const rateAt = typeof rate === 'function' ? rate : () => rate;
  let carry = 0;
  let last = -Infinity;
  return {
    at(t) {
      if (t <= last) throw new Error(`traffic.at(${t}) after at(${last}): call it once per second, in order`);
      last = t;
      const total = Math.max(0, Math.round(rateAt(t)));
      const ratio = Math.min(1, Math.max(0, errorRatio(t)));
      const expected = total * ratio + carry;
      const bad = Math.min(total, Math.floor(expected + 1e-9));
      carry = expected - bad;
      return { good: total - bad, bad };
    },
  };
}

/**
 * An error ratio made of phases: phases([{ from: 0, to: 600, ratio: 1 }], 0) is a total outage
 * from t = 0 to t = 600 (to is exclusive) and no errors otherwise. Later phases win where they overlap.
 */
export function phases(list, baseline = 0) {
  return (t) => {
    let ratio = baseline;
    for (const p of list) if (t >= p.from && t < p.to) ratio = p.ratio;
    return ratio;
  };
}
