// Why assignment must be sticky. The web client retries a failed quote once. If the retry can land
// on the other version, the old version quietly absorbs the new one's failures: nobody sees them,
// and users bounce between two versions inside one session.
import { route } from '../splitter.js';
import { startRelease } from '../lib/release.js';

const WEIGHT = 5;
const REQUESTS = 40_000;
const { traffic } = startRelease({ seed: 7, canary: { errorRate: 0.04 } });
const routeAt = (userId) => route(userId, WEIGHT);

const versionsSeen = new Map(); // userId -> Set of versions
const saw = (r) => {
  if (!versionsSeen.has(r.userId)) versionsSeen.set(r.userId, new Set());
  versionsSeen.get(r.userId).add(r.version);
};
let canaryFailures = 0;
let hidden = 0; // a canary failure whose retry succeeded on the old version
let retriedOnCanary = 0;
for (let i = 0; i < REQUESTS; i++) {
  const first = traffic.request(routeAt);
  saw(first);
  if (!first.error) continue;
  const retry = traffic.requestFrom(first.userId, routeAt);
  saw(retry);
  if (first.version !== 'v4.32') continue;
  canaryFailures += 1;
  if (retry.version === 'v4.32') retriedOnCanary += 1;
  else if (!retry.error) hidden += 1;
}
const both = [...versionsSeen.values()].filter((set) => set.size > 1).length;
console.log(`v4.32 at ${WEIGHT}% fails 4.0% of requests; ${REQUESTS.toLocaleString('en-US')} requests from ${traffic.users.length.toLocaleString('en-US')} users, one retry after a failure`);
console.log(`users who saw both versions: ${both.toLocaleString('en-US')} of ${versionsSeen.size.toLocaleString('en-US')} (expected 0)`);
console.log(`canary failures: ${canaryFailures}`);
console.log(`  retried on v4.32 again (the failure stays visible): ${retriedOnCanary} (expected ${canaryFailures})`);
console.log(`  hidden by a retry that succeeded on v4.31: ${hidden} (expected 0)`);
