// Roomly's v4.31 incident, replayed: the new version throws on prices in currencies without minor
// units, about 4% of quote requests. Does the rollout stop it, at what weight, and how many failed
// requests do users see before it does?
import { route } from '../splitter.js';
import { createRollout } from '../rollout.js';
import { startRelease } from '../lib/release.js';
import { runRollout } from '../lib/simulate.js';

const { traffic } = startRelease({ seed: 4, canary: { errorRate: 0.04 } });
const rollout = createRollout();
const run = runRollout({ rollout, route: (userId, weight) => route(userId, weight), traffic });

console.log('v4.32 fails 4.0% of requests (v4.31: 0.2%), 200 requests/s, 2,000 users');
for (const weight of run.weights) {
  const minutes = run.timeline.filter((p) => p.weight === weight);
  const requests = minutes.reduce((sum, p) => sum + p.canary.requests, 0);
  const errors = minutes.reduce((sum, p) => sum + (p.canary.errors ?? 0), 0);
  console.log(`  at ${String(weight).padStart(3)}%: ${String(minutes.length).padStart(3)} min, canary served ${requests.toLocaleString('en-US')} requests, ${errors.toLocaleString('en-US')} failed`);
}
for (const event of rollout.events.filter((e) => e.type !== 'failed-check' || e.minute <= 10).slice(0, 8)) {
  console.log(`  minute ${String(event.minute).padStart(3)}: ${event.type} ${event.detail ?? ''}`);
}
const everyone = Math.round(run.minutes * traffic.requestsPerMinute * 0.04);
console.log(`status: ${run.status} at weight ${run.weight}% after ${run.minutes} min (expected: rolled-back from 1% within 10 min)`);
console.log(`failed requests users saw: ${run.canary.errors.toLocaleString('en-US')} (with everyone on v4.32 for the same ${run.minutes} min: about ${everyone.toLocaleString('en-US')})`);
