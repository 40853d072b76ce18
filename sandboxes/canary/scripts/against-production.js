// The same healthy canary judged two ways. Every freshly started process is slower at first (cold
// caches, JIT), the canary and the baseline alike; production has been warm for nine days.
import { route } from '../splitter.js';
import { analyse } from '../analysis.js';
import { startRelease } from '../lib/release.js';
import { mean } from '../lib/stats.js';

const { traffic } = startRelease({ seed: 3, coldStart: 0.5 });
// Ten minutes at 1%, then 50 one-minute points at 10%: the window the analysis judges.
for (let m = 0; m < 10; m++) traffic.nextMinute((u) => route(u, 1));
const points = Array.from({ length: 50 }, () => traffic.nextMinute((u) => route(u, 10)));

const p99 = (side) => points.map((p) => p[side].p99);
const errorRate = (side) => points.map((p) => p[side].errorRate);
const average = (values) => {
  const real = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
  return real.length === 0 ? 'no data' : `${Math.round(mean(real))} ms`;
};
const judge = (other) =>
  analyse([
    { name: 'error rate', critical: true, direction: 'increase', canary: errorRate('canary'), baseline: errorRate(other) },
    { name: 'p99 latency', direction: 'increase', canary: p99('canary'), baseline: p99(other) },
  ]);
const describe = (result) =>
  `${result.verdict} (score ${result.score}; ${result.metrics.map((m) => `${m.name} ${m.classification}${typeof m.estimate === 'number' ? `, shift ${m.estimate >= 0 ? '+' : ''}${m.estimate.toPrecision(3)}` : ''}`).join('; ')})`;

console.log('v4.32 is exactly as fast as v4.31; fresh processes start 50% slower and warm up over about 30 min');
console.log(`mean p99 over the 50 minutes at 10%: canary ${average(p99('canary'))}, baseline ${average(p99('baseline'))}, production ${average(p99('primary'))}`);
console.log(`judged against production:   ${describe(judge('primary'))} (expected: a false failure)`);
console.log(`judged against the baseline: ${describe(judge('baseline'))} (expected: pass)`);
