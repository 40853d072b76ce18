// A rolling deploy during a busy minute, played twice in simulated time: once with the handler
// Brightcart had (no idempotency key) and once with your handler.js. Both runs use your worker.js.
//
// 400 orders are waiting. Four workers take batches of 10, 120 ms per order. Every 2 s from
// t = 1 s a worker process is killed right after the warehouse shipped an order and before the
// worker could delete its message (8 kills, each replaced by a fresh process 2 s later). The
// warehouse, under more load than usual, also answers 10 calls late: it ships, but the worker's
// client has already given up.
import { virtualClock } from '../lib/clock.js';
import { createQueue } from '../lib/queue.js';
import { createStore } from '../lib/store.js';
import { createWarehouse } from '../lib/warehouse.js';

const ORDERS = 400;
const WORKERS = 4;
const KILLS = 8;
const LATE_ANSWERS = 10;

/** What the handler looked like before: every delivery ships. */
const withoutKey = ({ warehouse }) => async (message) => warehouse.createShipment(JSON.parse(message.body));

let processes = 0;

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

async function play(label, handlerFactory) {
  const clock = virtualClock();
  const queue = createQueue({ clock, name: 'orders' });
  const dlq = createQueue({ clock, name: 'orders-dlq' });
  const store = createStore();
  const warehouse = createWarehouse({ clock, serviceMs: 120 });
  for (let n = 1; n <= ORDERS; n += 1) {
    await queue.send(JSON.stringify({ orderId: `o-${5000 + n}`, postcode: 'LS1 4AP', items: [{ sku: 'tea-200g', qty: 1 }] }));
  }
  const end = clock.now() + 5 * 60_000;

  /** One worker process: its own copy of worker.js and handler.js, looping until the end. */
  let started = 0;
  async function startProcess() {
    processes += 1;
    started += 1;
    const random = seeded(started);
    const [{ createWorker }, handlerModule] = await Promise.all([
      import(`../worker.js?process=${processes}`),
      handlerFactory ? null : import(`../handler.js?process=${processes}`),
    ]);
    const handle = (handlerFactory ?? handlerModule.createHandler)({ warehouse });
    const worker = createWorker({ queue, dlq, store, handle, clock, random, log: () => {} });
    while (clock.now() < end) {
      const { received } = await worker.runOnce();
      if (received === 0) await clock.sleep(1000);
    }
  }

  // A killed process never comes back; a new one starts 2 s later.
  warehouse.onDeath(() => {
    clock.sleep(2000).then(() => startProcess());
  });
  async function deploy() {
    await clock.sleep(1000);
    for (let k = 0; k < KILLS; k += 1) {
      warehouse.dieAfterShipping();
      await clock.sleep(2000);
    }
  }
  async function overload() {
    for (let k = 0; k < LATE_ANSWERS; k += 1) {
      await clock.sleep(1300);
      warehouse.timeoutAfterShipping();
    }
  }

  for (let i = 0; i < WORKERS; i += 1) startProcess();
  deploy();
  overload();
  await clock.runUntil(end);

  const shipped = new Set(warehouse.shipments.map((s) => s.orderId)).size;
  return {
    label,
    deaths: warehouse.deaths,
    redelivered: queue.counts.received - ORDERS,
    shipments: warehouse.shipments.length,
    shipped,
    twice: warehouse.duplicates().length,
    left: queue.size,
    dead: dlq.size,
  };
}

const results = [await play('without an idempotency key', withoutKey), await play('your handler.js', null)];
console.log(`${ORDERS} orders, ${WORKERS} workers; ${KILLS} worker processes killed after shipping and before deleting, ${LATE_ANSWERS} late answers from the warehouse`);
console.log('');
const col = (v, w) => String(v).padStart(w);
console.log(`${''.padEnd(28)}${col('killed', 7)}${col('redelivered', 13)}${col('parcels', 9)}${col('orders shipped', 16)}${col('extra parcels', 15)}${col('orders hit', 12)}`);
for (const r of results) {
  console.log(`${r.label.padEnd(28)}${col(r.deaths, 7)}${col(r.redelivered, 13)}${col(r.shipments, 9)}${col(r.shipped, 16)}${col(r.shipments - r.shipped, 15)}${col(r.twice, 12)}`);
}
const stuck = results.filter((r) => r.left + r.dead > 0);
for (const r of stuck) console.log(`${r.label}: ${r.left} message(s) still in the queue, ${r.dead} in the DLQ`);
console.log('');
console.log('"redelivered": receives beyond the first of each message (a killed worker\'s whole batch comes back).');
console.log('"orders hit": customers who get more than one parcel. Every kill and every late answer leaves a');
console.log('shipped order in the queue; what happens when it comes back is up to the handler.');
