// Three ways the same message arrives twice. The relay is killed after the broker stored an event
// but before the relay marked its outbox row; the warehouse consumer is killed after committing its
// work but before acknowledging the message; someone replays the topic. How often is each order
// packed, and how much stock is set aside?
import { createWorld } from '../lib/world.js';

const items = [{ product: 'apples', qty: 3 }];
let doubled = 0;

{
  console.log('1. relay killed after publishing, before marking the row');
  const world = createWorld();
  let app = await world.start();
  await app.orders.placeOrder({ orderId: 'order-41', customerId: 'cust-7', items });
  const crash = world.broker.arm('crash-after-publish');
  await app.relay.publishPending().catch(() => 0);
  if (crash.fired) {
    console.log('   relay killed; a new relay starts');
    app = await world.restart(app);
  } else {
    console.log('   the relay published nothing, so it never reached the crash');
  }
  await app.relay.publishPending().catch(() => 0);
  for (const subscriber of ['pick-lists', 'stock']) await app.deliver(subscriber);
  const copies = world.messages().filter((m) => m.key === 'order-41').length;
  const lists = world.pickListsOf('order-41').length;
  if (lists > 1) doubled += 1;
  console.log(`   copies of order-41's event in the broker: ${copies}`);
  console.log(`   pick lists for order-41: ${lists} (expected 1)`);
  console.log(`   apples reserved: ${world.reserved('apples')} (expected 3)`);
}

{
  console.log('2. consumer killed after its commit, before the ack');
  const world = createWorld();
  let app = await world.start();
  await app.orders.placeOrder({ orderId: 'order-42', customerId: 'cust-8', items });
  await app.relay.publishPending().catch(() => 0);
  const crash = world.warehouseDb.arm('crash-after-commit');
  await app.deliver('pick-lists').catch(() => 0);
  if (crash.fired) {
    console.log('   consumer killed; a new consumer starts and the broker delivers again');
    app = await world.restart(app);
  }
  await app.deliver('pick-lists');
  const [message] = world.messages().filter((m) => m.key === 'order-42');
  const lists = world.pickListsOf('order-42').length;
  if (lists > 1) doubled += 1;
  console.log(`   deliveries of order-42's event: ${message ? world.broker.deliveries('pick-lists', message.id) : 0}`);
  console.log(`   pick lists for order-42: ${lists} (expected 1)`);
}

{
  console.log('3. the topic is replayed (to rebuild a report, say)');
  const world = createWorld();
  const app = await world.start();
  await app.orders.placeOrder({ orderId: 'order-43', customerId: 'cust-9', items });
  await app.relay.publishPending().catch(() => 0);
  for (const subscriber of ['pick-lists', 'stock']) await app.deliver(subscriber);
  for (const subscriber of ['pick-lists', 'stock']) {
    world.broker.rewind('order', subscriber);
    await app.deliver(subscriber);
  }
  const lists = world.pickListsOf('order-43').length;
  if (lists > 1) doubled += 1;
  console.log(`   pick lists for order-43: ${lists} (expected 1)`);
  console.log(`   apples reserved: ${world.reserved('apples')} (expected 3)`);
}

console.log('');
console.log(`orders packed twice: ${doubled} of 3 (expected 0)`);
