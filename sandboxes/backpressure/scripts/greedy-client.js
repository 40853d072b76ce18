// One greedy client (200 requests/s) and 8 polite ones (5/s each) share a service that does 100/s
// (4 workers x 40 ms, maxQueue 50), for 10 s of simulated time. Played twice: without per-client
// limits, then with a token bucket of 10/s, burst 20 per client.
import { createApp } from '../server.js';
import { virtualScheduler } from '../lib/scheduler.js';
import { createWorkerPool } from '../lib/workers.js';
import { merge, poisson, runLoad } from '../lib/load.js';
import { seededRandom } from '../lib/random.js';
import { fmt, percentile } from '../lib/stats.js';

const SECONDS = 10;
const POLITE = ['ana', 'ben', 'chen', 'dara', 'eli', 'fay', 'gus', 'hana'];

function run(rateLimit) {
  const scheduler = virtualScheduler();
  const pool = createWorkerPool({ scheduler, workers: 4, serviceMs: 40 });
  const app = createApp({ scheduler, pool, maxQueue: 50, rateLimit });
  const rand = seededRandom(7);
  const arrivals = merge(
    poisson({ rand, client: 'greedy', ratePerSec: 200, toMs: SECONDS * 1000 }),
    ...POLITE.map((client) => poisson({ rand, client, ratePerSec: 5, toMs: SECONDS * 1000 })),
  );
  return runLoad({ scheduler, app, pool, arrivals, until: SECONDS * 1000 });
}

function row(requests) {
  const served = requests.filter((r) => r.status === 200);
  return {
    sent: requests.length,
    served: served.length,
    limited: requests.filter((r) => r.status === 429).length,
    full: requests.filter((r) => r.status === 503).length,
    p99: percentile(served.map((r) => r.latencyMs), 99),
  };
}

const runs = [run(null), run({ rate: 10, burst: 20 })];
const col = (v, w) => String(v).padStart(w);
const cells = (x) => `${col(fmt(x.served), 8)}${col(fmt(x.limited), 6)}${col(fmt(x.full), 6)}${col(fmt(x.p99), 8)}`;
const heads = `  ${col('served', 8)}${col('429', 6)}${col('503', 6)}${col('p99 ms', 8)}`;

console.log(`1 greedy client at 200/s + ${POLITE.length} polite at 5/s, ${SECONDS} s; capacity 100/s, maxQueue 50`);
console.log('');
console.log(`${' '.repeat(16)}    ${'no per-client limit'.padEnd(30)}  10/s, burst 20 per client`);
console.log(`${'client'.padEnd(10)}${col('sent', 6)}${heads}${heads}`);
for (const client of ['greedy', ...POLITE]) {
  const [a, b] = runs.map((r) => row(r.requests.filter((x) => x.client === client)));
  console.log(`${client.padEnd(10)}${col(fmt(a.sent), 6)}  ${cells(a)}  ${cells(b)}`);
}
const polite = runs.map((r) => row(r.requests.filter((x) => x.client !== 'greedy')));
console.log('');
console.log(`polite requests refused: ${fmt(polite[0].sent - polite[0].served)} of ${fmt(polite[0].sent)} vs ${fmt(polite[1].sent - polite[1].served)} of ${fmt(polite[1].sent)} (expected 0 with limits)`);
console.log(`polite p99 latency: ${fmt(polite[0].p99)} ms vs ${fmt(polite[1].p99)} ms`);
