// Five customers order one after the other. Right after order-43's transaction commits, the order
// service's process is killed (a deploy, an out-of-memory kill) before it gets to announce the
// order. A new process starts and business goes on. Does the warehouse ever hear of order-43?
import { createWorld } from '../lib/world.js';

const world = createWorld();
let app = await world.start();
const orderIds = ['order-41', 'order-42', 'order-43', 'order-44', 'order-45'];

for (const orderId of orderIds) {
  const crash = orderId === 'order-43' ? world.ordersDb.arm('crash-after-commit', { table: 'orders' }) : null;
  let outcome = 'placed';
  try {
    await app.orders.placeOrder({ orderId, customerId: 'cust-7', items: [{ product: 'apples', qty: 2 }] });
  } catch (err) {
    outcome = `failed (${err.name})`;
  }
  if (crash?.fired) {
    console.log(`${orderId}: committed, then the process was killed`);
    app = await world.restart(app);
    console.log('order service restarted');
  } else {
    console.log(`${orderId}: ${outcome}`);
  }
  await app.relay.publishPending().catch(() => 0);
  await app.deliver('pick-lists');
}
for (let i = 0; i < 3; i++) {
  await app.relay.publishPending().catch(() => 0); // the relay keeps polling
  await app.deliver('pick-lists');
}

const saved = world.ordersDb.rows('orders').map((o) => o.id);
const announced = new Set(world.messages().filter((m) => m.type === 'OrderPlaced').map((m) => m.key));
const lost = saved.filter((id) => !announced.has(id));
console.log('');
console.log(`orders saved: ${saved.length}`);
console.log(`orders announced to the broker: ${announced.size} (expected ${saved.length})`);
console.log(`pick lists: ${world.warehouseDb.rows('pick_lists').length} (expected ${saved.length})`);
console.log(`orders lost to the warehouse: ${lost.length}${lost.length ? ` (${lost.join(', ')})` : ''} (expected 0)`);
