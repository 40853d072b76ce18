// Ten seconds of 10x overload (1,000 requests/s from 500 users against 4 workers x 40 ms = 100/s),
// played twice in simulated time: once with no bound on the queue, once with maxQueue 50.
// Per-client limits are off in both runs, so the only difference is the bound.
import { createApp } from '../server.js';
import { virtualScheduler } from '../lib/scheduler.js';
import { createWorkerPool } from '../lib/workers.js';
import { poisson, runLoad } from '../lib/load.js';
import { randomInt, seededRandom } from '../lib/random.js';
import { fmt, percentile } from '../lib/stats.js';

const SECONDS = 10;

function run(maxQueue) {
  const scheduler = virtualScheduler();
  const pool = createWorkerPool({ scheduler, workers: 4, serviceMs: 40 });
  const app = createApp({ scheduler, pool, maxQueue, rateLimit: null });
  const rand = seededRandom(2026);
  const arrivals = poisson({ rand, client: () => `user-${randomInt(rand, 1, 500)}`, ratePerSec: 1000, toMs: SECONDS * 1000 });
  return runLoad({ scheduler, app, pool, arrivals, until: SECONDS * 1000 });
}

/** What happened in second `k`: queue at its end, requests served and refused, p99 of those served. */
function second(result, k) {
  const inSecond = (t) => t > (k - 1) * 1000 && t <= k * 1000;
  const served = result.requests.filter((r) => r.status === 200 && inSecond(r.answeredAt));
  const refused = result.requests.filter((r) => r.status === 503 && inSecond(r.sentAt)).length;
  return { queue: result.samples[k - 1]?.queued, served: served.length, refused, p99: percentile(served.map((r) => r.latencyMs), 99) };
}

function overall(result) {
  const served = result.requests.filter((r) => r.status === 200);
  return {
    peakHeld: result.peakHeld,
    p99: percentile(served.map((r) => r.latencyMs), 99),
    inTime: served.filter((r) => r.latencyMs <= 2000).length,
    refused: result.requests.length - served.length,
  };
}

const runs = [
  ['no bound (maxQueue Infinity)', run(Infinity)],
  ['maxQueue 50', run(50)],
];
const col = (v, w) => String(v).padStart(w);
const cells = (x) => `${col(fmt(x.queue), 7)}${col(fmt(x.served), 8)}${col(fmt(x.refused), 7)}${col(fmt(x.p99), 9)}`;

console.log(`10x overload: ${fmt(runs[0][1].requests.length)} requests in ${SECONDS} s from 500 users; 4 workers x 40 ms = 100/s`);
console.log('');
const heads = `  ${col('queue', 7)}${col('served', 8)}${col('503', 7)}${col('p99 ms', 9)}`;
console.log(`${' '.repeat(8)}${runs.map(([name]) => `    ${name.padEnd(29)}`).join('')}`.trimEnd());
console.log(`${col('second', 8)}${heads}${heads}`);
for (let k = 1; k <= SECONDS; k += 1) {
  console.log(`${col(k, 8)}${runs.map(([, r]) => `  ${cells(second(r, k))}`).join('')}`);
}
const [a, b] = runs.map(([, r]) => overall(r));
console.log('');
console.log(`peak requests held in memory: ${fmt(a.peakHeld)} vs ${fmt(b.peakHeld)} (bounded run should stay <= 54)`);
console.log(`p99 latency of served requests: ${fmt(a.p99)} ms vs ${fmt(b.p99)} ms (bounded run should stay <= 560 ms)`);
console.log(`served within a 2 s client timeout: ${fmt(a.inTime)} vs ${fmt(b.inTime)}`);
console.log(`refused with 503 at once: ${fmt(a.refused)} vs ${fmt(b.refused)}`);
