// Runs a rollout against generated traffic, one minute at a time, the way a controller loop runs
// in production: route a minute of traffic at the current weight, hand the minute's metrics to
// the rollout, repeat until it promotes, rolls back or holds (or `maxMinutes` runs out).
//
//   runRollout({ rollout, route, traffic, maxMinutes = 240 })
//     rollout   from createRollout() in rollout.js: { weight, status, observe(point) }
//     route     (userId, weight) -> 'canary' | 'baseline' | 'primary' (your splitter)
//     traffic   from createTraffic() in lib/traffic.js
//   Returns
//     { status, weight, minutes, timeline, weights, minutesAt, canary: { requests, errors } }
//     timeline   one entry per minute: the point from the traffic generator plus the weight it ran at
//     weights    the weights traffic actually ran at, in order (e.g. [1, 10, 50])
//     minutesAt  minutes spent at each weight (e.g. { 1: 10, 10: 50, 50: 30 })
//     canary     requests the canary served and how many of them failed: what users went through

const STATUSES = ['progressing', 'promoted', 'rolled-back', 'held'];

export function runRollout({ rollout, route, traffic, maxMinutes = 240 }) {
  if (typeof rollout?.observe !== 'function') throw new TypeError('runRollout() needs a rollout with an observe(point) method (createRollout() in rollout.js)');
  if (typeof route !== 'function') throw new TypeError('runRollout() needs route(userId, weight)');
  const timeline = [];
  // A sticky router gives each user the same answer for as long as the weight stays the same, so
  // the answers are kept until the weight changes: it saves millions of calls in a long rollout.
  let answers = new Map();
  let answersFor = null;
  while (checkStatus(rollout.status) === 'progressing' && timeline.length < maxMinutes) {
    const weight = checkWeight(rollout.weight);
    if (weight !== answersFor) {
      answers = new Map();
      answersFor = weight;
    }
    const point = traffic.nextMinute((userId) => {
      let side = answers.get(userId);
      if (side === undefined) {
        side = route(userId, weight);
        answers.set(userId, side);
      }
      return side;
    });
    timeline.push({ ...point, weight });
    rollout.observe(point);
  }
  const weights = [];
  const minutesAt = {};
  const canary = { requests: 0, errors: 0 };
  for (const entry of timeline) {
    if (weights.at(-1) !== entry.weight) weights.push(entry.weight);
    minutesAt[entry.weight] = (minutesAt[entry.weight] ?? 0) + 1;
    canary.requests += entry.canary.requests;
    canary.errors += entry.canary.errors ?? 0;
  }
  return { status: checkStatus(rollout.status), weight: rollout.weight, minutes: timeline.length, timeline, weights, minutesAt, canary };
}

function checkStatus(status) {
  if (!STATUSES.includes(status)) {
    throw new TypeError(`rollout.status is ${JSON.stringify(status)}: it must be one of ${STATUSES.map((s) => `'${s}'`).join(', ')}`);
  }
  return status;
}

function checkWeight(weight) {
  if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
    throw new RangeError(`rollout.weight is ${JSON.stringify(weight)}: it must be a whole percentage from 0 to 100`);
  }
  return weight;
}
