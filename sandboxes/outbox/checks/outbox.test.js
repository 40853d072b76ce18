// Checks for the transactional outbox and the idempotent consumer. Each check injects one fault
// from the pattern's list and asserts what must still hold. Everything is in memory (lib/): two
// databases, a broker whose publishes take uneven time, a clock. world.restart(app) after a crash
// rolls back the open transactions of the process that died (and no other's) and loads fresh
// copies of orders.js, relay.js and consumer.js, as a new process would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorld } from '../lib/world.js';

const order = (orderId, items = [{ product: 'apples', qty: 3 }]) => ({ orderId, customerId: 'cust-7', items });

const COMMANDS = {
  place: { type: 'OrderPlaced', call: (service, id) => service.placeOrder(order(id)) },
  pay: { type: 'OrderPaid', call: (service, id) => service.payOrder(id) },
  cancel: { type: 'OrderCancelled', call: (service, id) => service.cancelOrder(id) },
};

/** The outcome of a promise, without throwing: { value } or { error }. */
async function settle(promise) {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

const describeError = (error) => `${error?.name ?? 'Error'}: ${error?.message ?? error}`;

/** The first few items of a list, and how many more there are. */
const some = (items, sep = ', ') => items.slice(0, 3).join(sep) + (items.length > 3 ? `${sep}and ${items.length - 3} more` : '');

/**
 * Runs commands such as ['pay', 'order-41'] through the order service, each of which must succeed.
 * Returns the events each order should announce, in order.
 */
async function run(world, app, commands, afterEach = () => {}) {
  const expected = {};
  for (const [name, orderId] of commands) {
    const { type, call } = COMMANDS[name];
    const { error } = await settle(call(app.orders, orderId));
    if (error) {
      const why = world.broker.isUp ? '' : ' The broker is down, and the order service should not need it: write the event to the outbox and let the relay publish it.';
      assert.fail(`${name} ${orderId} failed (${describeError(error)}); expected it to succeed.${why}`);
    }
    (expected[orderId] ??= []).push(type);
    await afterEach();
  }
  return expected;
}

/** One relay pass. A pass that stops at a refused publish may resolve or reject with BrokerUnavailable. */
async function pass(relay) {
  const { value, error } = await settle(relay.publishPending());
  if (error && error.name !== 'BrokerUnavailable') throw error;
  return value ?? 0;
}

/** Relay passes until the outbox has nothing unpublished, or five passes in a row change nothing. */
async function drain(world, relay) {
  for (let idle = 0, i = 0; idle < 5 && i < 1000 && world.backlog() > 0; i++) {
    const before = world.backlog();
    await pass(relay);
    idle = world.backlog() < before ? 0 : idle + 1;
  }
}

function orderIdOf(message) {
  try {
    const payload = typeof message.payload === 'string' ? JSON.parse(message.payload) : message.payload;
    return payload?.orderId;
  } catch {
    return undefined;
  }
}

/** Every copy in the broker of the events about `orderId`, in arrival order. */
const messagesAbout = (world, orderId) => world.messages().filter((m) => orderIdOf(m) === orderId);

/**
 * Nothing lost, nothing invented, and per order the first copy of each event arrived in the order
 * the events were written. Duplicates (copies with the same id) are allowed.
 */
function assertDeliveredInOrder(world, expected, when) {
  const messages = world.messages();
  for (const m of messages) {
    const about = orderIdOf(m);
    assert.equal(m.key, about, `${when}: ${m.type} about ${about} was published with key ${JSON.stringify(m.key)}; expected "${about}", the aggregate id, so all of one order's events share a partition`);
  }
  const lost = [];
  const extra = [];
  const outOfOrder = [];
  for (const [orderId, types] of Object.entries(expected)) {
    const seen = new Set();
    const got = [];
    for (const m of messages) {
      if (orderIdOf(m) !== orderId || seen.has(m.id)) continue;
      seen.add(m.id);
      got.push(m.type);
    }
    for (const type of new Set([...types, ...got])) {
      const want = types.filter((t) => t === type).length;
      const have = got.filter((t) => t === type).length;
      if (have < want) lost.push(`${orderId} ${type}`);
      if (have > want) extra.push(`${orderId} ${type} x${have}`);
    }
    if (got.join() !== types.join() && got.length === types.length) outOfOrder.push(`${orderId}: ${got.join(' -> ')} (expected ${types.join(' -> ')})`);
  }
  const total = Object.values(expected).flat().length;
  assert.deepEqual(lost, [], `${when}: ${lost.length} of ${total} events never reached the broker: ${some(lost)}`);
  assert.deepEqual(extra, [], `${when}: events with more than one message id: ${some(extra)}; every copy of an outbox row must carry that row's id, and only committed rows may be published`);
  assert.deepEqual(outOfOrder, [], `${when}: events of the same order arrived out of sequence (first copies): ${some(outOfOrder, '; ')}`);
}

test("a message is sent if and only if the order's transaction commits", async () => {
  const world = createWorld();
  const app = await world.start();
  const rollback = world.ordersDb.arm('commit-fails', { table: 'orders' });
  const outcome = await settle(app.orders.placeOrder(order('order-43')));
  assert.ok(rollback.fired, 'placeOrder never committed a transaction that writes the orders table');
  assert.equal(outcome.error?.name, 'CommitFailed', `placeOrder should fail with the CommitFailed of its rolled-back transaction, got ${outcome.error ? describeError(outcome.error) : 'success'}`);
  await run(world, app, [['place', 'order-44']]);
  await drain(world, app.relay);

  const phantom = messagesAbout(world, 'order-43').length;
  const rows = world.ordersDb.rows('outbox', { aggregate_id: 'order-43' }).length;
  assert.equal(phantom, 0, `messages about the rolled-back order-43 in the broker: ${phantom} (expected 0); outbox rows for it: ${rows}. Write the outbox row inside the order's own transaction, so a rollback removes it too`);
  const sent = new Set(messagesAbout(world, 'order-44').map((m) => m.id)).size;
  assert.equal(sent, 1, `events about order-44, which committed, in the broker: ${sent} (expected 1); the relay should publish its outbox row`);
});

test('an order committed just before a crash is published after the restart', async () => {
  const world = createWorld();
  let app = await world.start();
  const crash = world.ordersDb.arm('crash-after-commit', { table: 'orders' });
  await settle(app.orders.placeOrder(order('order-42')));
  assert.ok(crash.fired, 'placeOrder never committed a transaction that writes the orders table');
  assert.equal(world.ordersDb.rows('orders', { id: 'order-42' }).length, 1, 'order-42 should be saved: the crash came after its commit');

  app = await world.restart(app); // the order service died; a new process starts
  await drain(world, app.relay);
  const events = new Set(messagesAbout(world, 'order-42').map((m) => m.id)).size;
  assert.equal(events, 1, `OrderPlaced events for order-42 in the broker after the restart: ${events} (expected 1). The order committed, so its event must survive the crash: commit it with the order (outbox) and let the relay publish it`);
  await app.deliver('pick-lists');
  const lists = world.pickListsOf('order-42').length;
  assert.equal(lists, 1, `pick lists for order-42: ${lists} (expected 1)`);
});

test('a relay crash between publish and mark sends a duplicate that is applied once', async () => {
  const world = createWorld();
  let app = await world.start();
  await run(world, app, [['place', 'order-41']]);
  const crash = world.broker.arm('crash-after-publish');
  const first = await settle(app.relay.publishPending());
  assert.ok(crash.fired, `the relay pass ${first.error ? `failed (${describeError(first.error)})` : `returned ${JSON.stringify(first.value)}`} without publishing anything, so it never reached the crash after the broker stored the message`);

  app = await world.restart(app); // the relay died; a new one starts
  await drain(world, app.relay);
  const copies = messagesAbout(world, 'order-41');
  assert.equal(copies.length, 2, `copies of order-41's OrderPlaced in the broker: ${copies.length} (expected 2). The relay died before marking the row, so the new relay should publish it again: mark a row only after the broker confirmed it, and let the crash propagate`);
  assert.equal(copies[1].id, copies[0].id, `the two copies carry different message ids (${copies[0].id}, ${copies[1].id}); publish the outbox row's id, so consumers can tell it is the same event`);

  await app.deliver('pick-lists');
  const handed = world.broker.deliveries('pick-lists', copies[0].id);
  const lists = world.pickListsOf('order-41').length;
  assert.equal(lists, 1, `pick lists for order-41: ${lists} (expected 1); the consumer was handed ${handed} copies and applied each of them`);
});

test('a consumer crash after its commit, before the ack, does not apply the redelivery again', async () => {
  const world = createWorld();
  let app = await world.start();
  await run(world, app, [['place', 'order-7']]);
  await drain(world, app.relay);
  const crash = world.warehouseDb.arm('crash-after-commit');
  await settle(app.deliver('pick-lists'));
  const published = world.messages().length;
  assert.ok(crash.fired, published === 0 ? 'order-7 never reached the broker, so there was nothing to consume: the relay should publish its outbox row' : 'the consumer never committed a transaction in the warehouse database: handle() should apply the message in db.transaction');

  app = await world.restart(app); // the consumer died before acknowledging; the broker delivers again
  await app.deliver('pick-lists');
  const [message] = messagesAbout(world, 'order-7');
  const handed = world.broker.deliveries('pick-lists', message.id);
  const lists = world.pickListsOf('order-7').length;
  const why =
    lists > 1
      ? 'the redelivery was applied again: remember the message in the same transaction as its effect, in the database (a restart forgets anything kept in memory)'
      : 'the message was never applied: the record that it was processed committed without its effect. Record it in the same transaction as the effect';
  assert.equal(lists, 1, `pick lists for order-7 after ${handed} deliveries: ${lists} (expected 1); ${why}`);
  const proof = world.warehouseDb.rows('processed_messages', { subscriber_id: 'pick-lists', message_id: message.id }).length;
  assert.equal(proof, 1, `rows in processed_messages for (pick-lists, ${message.id}): ${proof} (expected 1)`);
});

test("a crash in one process leaves another process's open transaction alone", async () => {
  const world = createWorld();
  const podA = await world.start();
  const podB = await world.start(); // a second copy of the service, as in any deployment with two pods
  await run(world, podA, [['place', 'order-50']]);

  // Pod B is in the middle of placing order-51: its transaction is open, its commit slow.
  const gate = world.ordersDb.hold({ table: 'orders' });
  const slow = settle(podB.orders.placeOrder(order('order-51')));
  const first = await Promise.race([gate.reached.then(() => 'waiting'), slow]);
  assert.equal(first, 'waiting', first.error ? `pod B's placeOrder(order-51) failed before its commit (${describeError(first.error)})` : "pod B's placeOrder(order-51) never committed a transaction that writes the orders table");

  // Meanwhile pod A's relay dies between publish and mark, and pod A is restarted.
  const crash = world.broker.arm('crash-after-publish');
  await settle(podA.relay.publishPending());
  assert.ok(crash.fired, "pod A's relay pass never published order-50's event, so it never reached the crash after the broker stored it");
  const newA = await world.restart(podA);

  gate.release();
  const { error } = await slow;
  assert.equal(error, undefined, `pod B's placeOrder(order-51) failed once its commit went through: ${error && describeError(error)}. Pod A died, not pod B: only the dead process's open transactions are rolled back`);
  await drain(world, newA.relay);
  assertDeliveredInOrder(world, { 'order-50': ['OrderPlaced'], 'order-51': ['OrderPlaced'] }, 'after pod A crashed and restarted while pod B was committing');
  await newA.deliver('pick-lists');
  for (const orderId of ['order-50', 'order-51']) {
    const lists = world.pickListsOf(orderId).length;
    assert.equal(lists, 1, `pick lists for ${orderId}: ${lists} (expected 1)`);
  }
});

test("the database: an UPDATE waits for a row another open transaction has locked, as PostgreSQL's does", async () => {
  // A harness check: it proves lib/db.js, not your code, and passes from the start.
  const world = createWorld();
  const db = world.ordersDb;
  await db.insert('orders', { id: 'order-60', customer_id: 'cust-7', items: [{ product: 'apples', qty: 1 }], status: 'placed' });
  const payer = await db.begin();
  assert.equal(await payer.update('orders', { id: 'order-60' }, { status: 'paid' }), 1, 'the first UPDATE of order-60 should change one row');

  const canceller = await db.begin();
  let finished = false;
  const cancelling = canceller.update('orders', { id: 'order-60', status: 'placed' }, { status: 'cancelled' }).then((n) => {
    finished = true;
    return n;
  });
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  assert.equal(finished, false, 'a second UPDATE of order-60 finished while the first transaction, still open, held the row; PostgreSQL makes it wait. If this fails, restore lib/db.js');
  const skipper = await db.begin();
  const visible = await skipper.select('orders', { where: { id: 'order-60' }, lock: 'skip-locked' });
  assert.equal(visible.length, 0, 'SELECT ... FOR UPDATE SKIP LOCKED returned order-60 while an UPDATE held its lock; it should skip it');
  await skipper.rollback();

  await payer.commit();
  const changed = await cancelling;
  assert.equal(changed, 0, `once the first transaction committed (status paid), the waiting UPDATE ... WHERE status = 'placed' changed ${changed} rows; it should read the row again and find it no longer matches (0 rows)`);
  await canceller.commit();
  assert.equal(db.rows('orders', { id: 'order-60' })[0].status, 'paid', 'order-60 should end paid: the cancel no longer matched');

  // Two transactions that wait for each other: PostgreSQL rolls one back (deadlock detected).
  await db.insert('orders', { id: 'order-61', customer_id: 'cust-7', items: [{ product: 'pears', qty: 1 }], status: 'placed' });
  const left = await db.begin();
  const right = await db.begin();
  await left.update('orders', { id: 'order-60' }, { status: 'paid' });
  await right.update('orders', { id: 'order-61' }, { status: 'paid' });
  const leftWaits = left.update('orders', { id: 'order-61' }, { status: 'cancelled' });
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  const circle = await settle(right.update('orders', { id: 'order-60' }, { status: 'cancelled' }));
  assert.equal(circle.error?.name, 'DeadlockDetected', `two transactions each waiting for a row the other holds: the second to wait should fail with DeadlockDetected, got ${circle.error ? describeError(circle.error) : 'success'}`);
  assert.equal(await leftWaits, 1, 'once the other transaction was rolled back, the first one should get its row');
  await left.commit();

  // A process's death ends its own transactions only.
  const [one, two] = [{ alive: true }, { alive: true }];
  const mine = await db.connect(one).begin();
  const theirs = await db.connect(two).begin();
  await mine.update('orders', { id: 'order-60' }, { status: 'cancelled' });
  assert.equal(await theirs.tryLock('outbox-relay'), true, 'a second process should get a free advisory lock');
  db.dropOpenTransactions(one);
  assert.equal(mine.state, 'rolled back (its process died)', `the dead process's transaction is ${mine.state}`);
  assert.equal(theirs.state, 'open', `the live process's transaction is ${theirs.state} after another process died; it should still be open`);
  await theirs.commit();
  assert.equal(db.rows('orders', { id: 'order-60' })[0].status, 'paid', "the dead process's uncommitted update must be gone");
});

test('orders succeed while the broker is down, and the backlog drains in order when it is back', async () => {
  const world = createWorld();
  const app = await world.start();
  world.broker.down();
  let writes = 0;
  const expected = await run(
    world,
    app,
    [['place', 'order-41'], ['place', 'order-42'], ['pay', 'order-41'], ['place', 'order-43'], ['cancel', 'order-42'], ['pay', 'order-43'], ['cancel', 'order-41']],
    async () => {
      writes += 1;
      await pass(app.relay); // the relay keeps polling during the outage
      const backlog = world.backlog();
      assert.equal(backlog, writes, `outbox rows waiting after ${writes} writes with the broker down: ${backlog} (expected ${writes}); a row the broker refused must stay unpublished`);
    },
  );
  world.broker.up();
  await drain(world, app.relay);
  assertDeliveredInOrder(world, expected, 'after the broker came back');
  const left = world.backlog();
  assert.equal(left, 0, `outbox rows still unpublished after the broker came back: ${left} (expected 0); set published_at once the broker has confirmed a row`);
});

test('a publish that fails once holds back later events of the same order', async () => {
  const world = createWorld();
  const app = await world.start();
  world.broker.down();
  const expected = await run(world, app, [['place', 'order-41'], ['place', 'order-42'], ['pay', 'order-41'], ['pay', 'order-42'], ['cancel', 'order-41']]);
  world.broker.up();
  world.broker.failNext(1); // the first publish after the outage is refused
  await pass(app.relay);
  await drain(world, app.relay);
  assertDeliveredInOrder(world, expected, 'after one refused publish');
});

/**
 * A busy evening's backlog: `orders` orders with 2 or 3 events each, spread over the outbox among
 * other orders' events (50 orders make 125 rows, more than one relay pass usually takes, so a
 * second relay that skips the first one's rows gets work to do).
 */
function busyEvening(orders) {
  const id = (i) => `order-${41 + i}`;
  const commands = [];
  for (let i = 0; i < orders + 5; i++) {
    if (i < orders) commands.push(['place', id(i)]);
    if (i < orders && i % 3 === 0) commands.push(['pay', id(i)]); // some customers pay at once
    if (i >= 2 && i - 2 < orders && (i - 2) % 3 !== 0) commands.push(['pay', id(i - 2)]);
    if (i >= 5 && (i - 5) % 2 === 0) commands.push(['cancel', id(i - 5)]);
  }
  return commands;
}

test("two relays at once lose nothing and keep each order's events in sequence", async () => {
  const world = createWorld();
  const app = await world.start();
  world.broker.down();
  const expected = await run(world, app, busyEvening(50));
  world.broker.up();
  const relays = [app.relay, (await world.start()).relay]; // the old and the new relay, side by side during a deploy
  // Each polls on its own, as two processes would, until the outbox is empty.
  await Promise.all(relays.map((relay) => drain(world, relay)));
  assertDeliveredInOrder(world, expected, 'with two relays');

  await app.deliver('pick-lists');
  const finalStatus = { OrderPlaced: 'waiting-payment', OrderPaid: 'to-pick', OrderCancelled: 'cancelled' };
  for (const [orderId, types] of Object.entries(expected)) {
    const lists = world.pickListsOf(orderId);
    const want = finalStatus[types.at(-1)];
    assert.deepEqual(lists.map((l) => l.status), [want], `pick lists for ${orderId}: ${lists.length} [${lists.map((l) => l.status).join(', ')}] (expected 1 [${want}]); two relays may publish an event twice, and the consumer must apply it once`);
  }
});

test('an event that commits late, behind a newer one, is still published', async () => {
  const world = createWorld();
  const app = await world.start();
  world.broker.down();
  const gate = world.ordersDb.hold({ table: 'orders' });
  const slow = settle(app.orders.placeOrder(order('order-41'))); // its commit waits at the gate
  const first = await Promise.race([gate.reached.then(() => 'waiting'), slow]);
  assert.equal(first, 'waiting', first.error ? `placeOrder order-41 failed before its commit (${describeError(first.error)}); expected it to succeed with the broker down` : 'placeOrder never committed a transaction that writes the orders table');
  await run(world, app, [['place', 'order-42']]); // a later order commits first
  world.broker.up();
  await pass(app.relay);
  gate.release();
  const { error } = await slow;
  assert.equal(error, undefined, `placeOrder order-41 failed once its commit went through: ${error && describeError(error)}`);
  await drain(world, app.relay);
  assertDeliveredInOrder(world, { 'order-41': ['OrderPlaced'], 'order-42': ['OrderPlaced'] }, 'after the slow transaction committed');
});

test('two subscribers sharing the dedup table each apply a replayed message once', async () => {
  const world = createWorld();
  const app = await world.start();
  await app.orders.placeOrder(order('order-41', [{ product: 'apples', qty: 3 }, { product: 'pears', qty: 2 }]));
  await drain(world, app.relay);
  for (const subscriber of ['pick-lists', 'stock']) await app.deliver(subscriber);
  for (const subscriber of ['pick-lists', 'stock']) {
    world.broker.rewind('order', subscriber); // someone replays the topic
    await app.deliver(subscriber);
  }
  const [message] = messagesAbout(world, 'order-41');
  assert.ok(message, 'order-41 never reached the broker: the relay should publish its outbox row');
  const lists = world.pickListsOf('order-41').length;
  const apples = world.reserved('apples');
  const pears = world.reserved('pears');
  assert.equal(lists, 1, `pick lists for order-41 after a replay: ${lists} (expected 1)`);
  assert.deepEqual({ apples, pears }, { apples: 3, pears: 2 }, `stock reserved for order-41 after a replay: apples ${apples}, pears ${pears} (expected apples 3, pears 2); each subscriber must apply the message once, and one subscriber's record must not silence another`);
  const records = world.warehouseDb.rows('processed_messages', { message_id: message.id }).map((r) => r.subscriber_id).sort();
  assert.deepEqual(records, ['pick-lists', 'stock'], `processed_messages rows for ${message.id}: [${records.join(', ')}] (expected one per subscriber: pick-lists, stock)`);
});
