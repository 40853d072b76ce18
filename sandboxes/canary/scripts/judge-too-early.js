// How early can the analysis judge? 40 healthy canaries (identical to their baseline) and 40 that
// are 60% slower, each asked for a verdict after 5, 10, 20 and 50 one-minute points at 10% traffic.
// A verdict on a healthy canary that says 'fail' is a false alarm.
import { analyse } from '../analysis.js';
import { startRelease } from '../lib/release.js';

const RUNS = 40;
const CHECKPOINTS = [5, 10, 20, 50];

function series(seed, canary) {
  // Canary and baseline at 1,200 requests a minute each: 10% of 200 requests/s.
  const { traffic } = startRelease({ seed, canary, users: 200, requestsPerSecond: 40 });
  const sideOf = new Map(traffic.users.map((u, i) => [u, i % 2 === 0 ? 'canary' : 'baseline']));
  return Array.from({ length: 50 }, () => traffic.nextMinute((u) => sideOf.get(u)));
}

function tally(label, canary) {
  const counts = CHECKPOINTS.map(() => ({ wait: 0, pass: 0, marginal: 0, fail: 0 }));
  for (let seed = 1; seed <= RUNS; seed++) {
    const points = series(seed, canary);
    CHECKPOINTS.forEach((n, i) => {
      const first = points.slice(0, n);
      const { verdict } = analyse([
        { name: 'error rate', critical: true, direction: 'increase', canary: first.map((p) => p.canary.errorRate), baseline: first.map((p) => p.baseline.errorRate) },
        { name: 'p99 latency', direction: 'increase', canary: first.map((p) => p.canary.p99), baseline: first.map((p) => p.baseline.p99) },
      ]);
      counts[i][verdict in counts[i] ? verdict : 'fail'] += 1;
    });
  }
  console.log(`${label}:`);
  CHECKPOINTS.forEach((n, i) => {
    const c = counts[i];
    console.log(`  after ${String(n).padStart(2)} points: wait ${String(c.wait).padStart(2)}  pass ${String(c.pass).padStart(2)}  marginal ${String(c.marginal).padStart(2)}  fail ${String(c.fail).padStart(2)}  (of ${RUNS})`);
  });
}

tally('40 healthy canaries (expected: wait before 50 points, then almost all pass)', {});
tally('40 canaries 60% slower (expected: wait before 50 points, then all fail)', { medianMs: 128 });
