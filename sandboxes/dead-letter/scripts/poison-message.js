// One poison message in a busy queue, played twice in simulated time: once with no redrive policy
// (maxReceiveCount Infinity: nowhere to put it) and once with maxReceiveCount 5 and a DLQ.
//
// Four workers, 400 ms per order (10 orders a second between them), orders arriving at 9 per
// second: the pool has 10% to spare. At t = 60 s an order arrives that makes the warehouse hang until the worker's 25-second
// client timeout, every time it is tried (the invisible control character from the lesson).
import { virtualClock } from '../lib/clock.js';
import { createQueue } from '../lib/queue.js';
import { createStore } from '../lib/store.js';
import { createWarehouse } from '../lib/warehouse.js';
import { createWorker } from '../worker.js';
import { createHandler } from '../handler.js';

const WORKERS = 4;
const SERVICE_MS = 400;
const RATE_PER_SEC = 9;
const MINUTES = 20;
const ROW_MINUTES = 2;
const POISON = 'o-poison';

function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function play(maxReceiveCount) {
  const clock = virtualClock();
  const start = clock.now();
  const end = start + MINUTES * 60_000;
  const queue = createQueue({ clock, name: 'orders' });
  const dlq = createQueue({ clock, name: 'orders-dlq' });
  const warehouse = createWarehouse({ clock, serviceMs: SERVICE_MS });
  warehouse.breakOrder(POISON, 'hang');
  const store = createStore();
  const handle = createHandler({ warehouse });
  const rand = seeded(7);

  async function produce() {
    let n = 0;
    let poisonSent = false;
    while (clock.now() < end) {
      await clock.sleep(Math.max(1, Math.round((-Math.log(1 - rand()) / RATE_PER_SEC) * 1000)));
      if (!poisonSent && clock.now() - start >= 60_000) {
        poisonSent = true;
        await queue.send(JSON.stringify({ orderId: POISON, postcode: 'LS1\u00034AP', items: [{ sku: 'tea-200g', qty: 1 }] }));
      }
      n += 1;
      await queue.send(JSON.stringify({ orderId: `o-${n}`, postcode: 'LS1 4AP', items: [{ sku: 'tea-200g', qty: 1 }] }));
    }
  }

  async function work(i) {
    const worker = createWorker({ queue, dlq, store, handle, clock, random: seeded(100 + i), log: () => {}, batchSize: 1, maxReceiveCount });
    while (clock.now() < end) {
      const { received } = await worker.runOnce();
      if (received === 0) await clock.sleep(200); // an empty poll
    }
  }

  const rows = [];
  async function sample() {
    let shippedBefore = 0;
    for (let t = ROW_MINUTES; t <= MINUTES; t += ROW_MINUTES) {
      await clock.sleep(start + t * 60_000 - clock.now());
      const shipped = warehouse.shipments.length;
      const attempts = warehouse.callsFor(POISON).length;
      rows.push({
        minute: t,
        perSec: (shipped - shippedBefore) / (ROW_MINUTES * 60),
        backlog: queue.size,
        oldestSec: queue.oldestAgeMs() / 1000,
        attempts,
        where: dlq.peek().some((m) => m.body.includes(POISON)) ? 'DLQ' : attempts > 0 ? 'queue' : '-',
      });
      shippedBefore = shipped;
    }
  }

  const tasks = [produce(), sample(), ...Array.from({ length: WORKERS }, (_, i) => work(i))];
  await clock.runUntil(end + 30_000);
  await Promise.race([Promise.all(tasks), clock.advance(60_000)]);
  const dead = dlq.peek().find((m) => m.body.includes(POISON));
  return { rows, attempts: warehouse.callsFor(POISON).length, dead, arrived: queue.counts.sent, shipped: warehouse.shipments.length };
}

const fmt = (v, d = 0) => (Number.isFinite(v) ? v.toFixed(d).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : '-');
const col = (v, w) => String(v).padStart(w);

const runs = [
  ['no DLQ (maxReceiveCount Infinity)', await play(Infinity)],
  ['DLQ after 5 receives', await play(5)],
];

console.log(`${WORKERS} workers x ${SERVICE_MS} ms (capacity ${fmt((WORKERS * 1000) / SERVICE_MS, 1)}/s), ${RATE_PER_SEC} orders/s for ${MINUTES} min, one poison order at t = 60 s`);
console.log('(the poison makes the warehouse hang until the 25 s client timeout; visibility timeout 30 s;');
console.log(' "oldest s" is the age of the oldest message in the queue, the poison included)');
console.log('');
console.log(`${' '.repeat(6)}${runs.map(([name]) => `  ${name.padEnd(41)}`).join('')}`.trimEnd());
const head = `  ${col('shipped/s', 10)}${col('backlog', 9)}${col('oldest s', 10)}${col('poison tries', 13)}`;
console.log(`${col('min', 6)}${head}${head}`);
for (let i = 0; i < runs[0][1].rows.length; i += 1) {
  const cells = runs.map(([, r]) => {
    const row = r.rows[i];
    return `  ${col(fmt(row.perSec, 1), 10)}${col(fmt(row.backlog), 9)}${col(fmt(row.oldestSec, 1), 10)}${col(`${row.attempts} ${row.where}`, 13)}`;
  });
  console.log(`${col(runs[0][1].rows[i].minute, 6)}${cells.join('')}`);
}
console.log('');
for (const [name, r] of runs) {
  const last = r.rows.at(-1);
  console.log(`${name}:`);
  console.log(`  orders shipped ${fmt(r.shipped)} of ${fmt(r.arrived)} sent; backlog at the end ${fmt(last.backlog)}, oldest message ${fmt(last.oldestSec, 1)} s old`);
  console.log(`  poison attempts ${r.attempts} (${fmt(r.attempts * 25)} worker-seconds spent waiting on it); ${r.dead ? `in the DLQ with ${r.dead.attributes?.errors?.length ?? 0} recorded errors` : 'still in the queue, to be tried again'}`);
}
