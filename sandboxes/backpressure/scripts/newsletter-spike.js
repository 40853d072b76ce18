// The lesson's incident, replayed in simulated time: Quillpost renders about 100 documents/s
// (4 workers x 40 ms). A normal 70/s for 1 minute, then a partner newsletter lifts traffic to
// 110/s for 5 minutes, then back to 70/s for 3 minutes. Clients give up after 2 s (no retries
// here: the lesson shows what they add). Played with no bound, then with maxQueue 50.
import { createApp } from '../server.js';
import { virtualScheduler } from '../lib/scheduler.js';
import { createWorkerPool } from '../lib/workers.js';
import { merge, poisson, runLoad } from '../lib/load.js';
import { randomInt, seededRandom } from '../lib/random.js';
import { fmt, percentile } from '../lib/stats.js';

const TIMEOUT_MS = 2000;
const PHASES = [
  { from: 0, to: 60, ratePerSec: 70 },
  { from: 60, to: 360, ratePerSec: 110 },
  { from: 360, to: 540, ratePerSec: 70 },
];
const END_S = 540;
const STEP_S = 30;

function run(maxQueue) {
  const scheduler = virtualScheduler();
  const pool = createWorkerPool({ scheduler, workers: 4, serviceMs: 40 });
  const app = createApp({ scheduler, pool, maxQueue, rateLimit: null });
  const rand = seededRandom(110);
  const client = () => `reader-${randomInt(rand, 1, 20_000)}`;
  const arrivals = merge(...PHASES.map((p) => poisson({ rand, client, ratePerSec: p.ratePerSec, fromMs: p.from * 1000, toMs: p.to * 1000 })));
  return runLoad({ scheduler, app, pool, arrivals, until: END_S * 1000, sampleEveryMs: STEP_S * 1000 });
}

/** Requests sent in (t - STEP, t]: how many, p99 of the served ones, and how many got a useful answer. */
function slice(result, i) {
  const to = (i + 1) * STEP_S * 1000;
  const sent = result.requests.filter((r) => r.sentAt > to - STEP_S * 1000 && r.sentAt <= to);
  const served = sent.filter((r) => r.status === 200);
  return {
    queue: result.samples[i]?.queued,
    p99: percentile(served.map((r) => r.latencyMs), 99),
    useful: sent.length ? (100 * served.filter((r) => r.latencyMs <= TIMEOUT_MS).length) / sent.length : NaN,
    refused: sent.filter((r) => r.status === 503).length,
  };
}

const runs = [run(Infinity), run(50)];
const col = (v, w) => String(v).padStart(w);
const cells = (x) => `${col(fmt(x.queue), 7)}${col(fmt(x.p99), 9)}${col(`${fmt(x.useful)}%`, 8)}${col(fmt(x.refused), 7)}`;
const heads = `  ${col('queue', 7)}${col('p99 ms', 9)}${col('useful', 8)}${col('503', 7)}`;

console.log('Quillpost: capacity 100/s; 70/s, then 110/s from minute 1 to 6, then 70/s; clients give up after 2 s');
console.log('useful = share of the requests sent in that half-minute that were answered 200 within 2 s');
console.log('');
console.log(`${' '.repeat(13)}    ${'no bound'.padEnd(31)}maxQueue 50`);
console.log(`${col('time', 7)}${col('in/s', 6)}${heads}${heads}`);
for (let i = 0; i < END_S / STEP_S; i += 1) {
  const t = (i + 1) * STEP_S;
  const phase = PHASES.find((p) => t > p.from && t <= p.to);
  const clock = `${Math.floor(t / 60)}:${String(t % 60).padStart(2, '0')}`;
  console.log(`${col(clock, 7)}${col(phase.ratePerSec, 6)}  ${runs.map((r) => cells(slice(r, i))).join('  ')}`);
}
const [a, b] = runs;
console.log('');
console.log(`peak requests held in memory: ${fmt(a.peakHeld)} vs ${fmt(b.peakHeld)}`);
const useful = (r) => (100 * r.requests.filter((x) => x.status === 200 && x.latencyMs <= TIMEOUT_MS).length) / r.requests.length;
console.log(`answered usefully (200 within 2 s), whole run: ${fmt(useful(a), 1)}% vs ${fmt(useful(b), 1)}%`);
