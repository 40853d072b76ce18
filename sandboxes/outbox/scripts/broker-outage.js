// Friday, 18:00: the broker loses its leader and is down for 95 seconds while 14 orders arrive every
// second. The relay polls every 250 ms; the warehouse consumes whenever the broker is up. Simulated
// time: the whole evening takes a moment.
import { createWorld } from '../lib/world.js';

const OUTAGE_MS = 95_000;
const END_MS = 105_000;
const TICK_MS = 250;
const ORDERS_PER_SECOND = 14;

const world = createWorld();
const app = await world.start();
let placed = 0;
let errors = 0;
let drainedAt = null;

const pad = (value, width) => String(value).padStart(width);
console.log(`broker down for ${OUTAGE_MS / 1000} s, ${ORDERS_PER_SECOND} orders/s, relay polls every ${TICK_MS} ms\n`);
console.log('  time  orders saved  errors shown  outbox backlog  events in broker  pick lists');

world.broker.down();
for (let t = TICK_MS; t <= END_MS; t += TICK_MS) {
  world.clock.advance(TICK_MS);
  if (t === OUTAGE_MS + TICK_MS) world.broker.up();
  const due = Math.floor((t * ORDERS_PER_SECOND) / 1000);
  while (placed < due) {
    placed += 1;
    const orderId = `order-${1000 + placed}`;
    try {
      await app.orders.placeOrder({ orderId, customerId: `cust-${placed % 97}`, items: [{ product: 'apples', qty: 1 + (placed % 3) }] });
    } catch {
      errors += 1; // the customer sees an error page
    }
  }
  await app.relay.publishPending().catch(() => 0);
  if (world.broker.isUp) await app.deliver('pick-lists');
  if (drainedAt === null && t > OUTAGE_MS && world.backlog() === 0) drainedAt = t;
  const shown = t % 15_000 === 0 || (t > OUTAGE_MS && t <= OUTAGE_MS + 6_000 && t % 1000 === 0);
  if (shown) {
    const saved = world.ordersDb.rows('orders').length;
    const pickLists = world.warehouseDb.rows('pick_lists').length;
    const note = t === OUTAGE_MS ? '  <- broker back after this' : '';
    console.log(`${pad(t / 1000, 5)}s ${pad(saved, 13)} ${pad(errors, 13)} ${pad(world.backlog(), 15)} ${pad(world.messages().length, 17)} ${pad(pickLists, 11)}${note}`);
  }
}

const saved = world.ordersDb.rows('orders').length;
const withPickList = new Set(world.warehouseDb.rows('pick_lists').map((p) => p.order_id)).size;
console.log('');
console.log(`orders saved: ${saved}`);
console.log(`customers shown an error although their order was saved: ${errors} (expected 0)`);
console.log(`orders the warehouse never heard of: ${saved - withPickList} (expected 0)`);
console.log(`pick lists: ${world.warehouseDb.rows('pick_lists').length} (expected ${saved}, one per order)`);
console.log(
  drainedAt === null
    ? 'outbox backlog drained: never (the relay did not publish it)'
    : `outbox backlog drained ${((drainedAt - OUTAGE_MS) / 1000).toFixed(2)} s after the broker came back`,
);
