// The order service. Each command changes the orders table and announces the change with an event
// (OrderPlaced, OrderPaid, OrderCancelled) that the warehouse listens to.
//
// Right now it announces with a dual write: commit, then publish to the broker. A crash between
// the two loses the event for good, and while the broker is down every order fails after it was
// already saved. Your job is the TODO in `commitAndAnnounce`. Then write the relay (relay.js) and
// make the consumer idempotent (consumer.js). Run the checks to see what is still missing.
//
// Support files (read-only): lib/db.js (transactions), lib/schema.js (the tables, outbox included),
// lib/broker.js, lib/faults.js (the errors a fault raises), lib/world.js (wires it all for checks and demos).
import { randomUUID } from 'node:crypto';

export function createOrderService({ db, broker, newId = randomUUID }) {
  return {
    async placeOrder({ orderId, customerId, items }) {
      checkNewOrder({ orderId, customerId, items });
      await commitAndAnnounce(orderId, 'OrderPlaced', { orderId, customerId, items }, (tx) =>
        tx.insert('orders', { id: orderId, customer_id: customerId, items, status: 'placed' }),
      );
      return { orderId };
    },
    async payOrder(orderId) {
      await commitAndAnnounce(orderId, 'OrderPaid', { orderId }, (tx) => changeStatus(tx, orderId, ['placed'], 'paid'));
    },
    async cancelOrder(orderId) {
      await commitAndAnnounce(orderId, 'OrderCancelled', { orderId }, (tx) => changeStatus(tx, orderId, ['placed', 'paid'], 'cancelled'));
    },
  };

  /** Runs `change(tx)` in a transaction and announces event `type` about order `orderId`. */
  async function commitAndAnnounce(orderId, type, payload, change) {
    // TODO: write the event to the outbox table, in the same transaction as the change, instead of
    //   publishing it here: the row then exists if and only if the change commits, and the relay
    //   publishes it later. Outbox columns (lib/schema.js): id (a fresh message id, newId()),
    //   aggregate_type ('order'), aggregate_id (orderId), type, payload.
    await db.transaction(change);
    await broker.publish('order', { key: orderId, id: newId(), type, payload });
  }
}

async function changeStatus(tx, orderId, from, to) {
  const [order] = await tx.select('orders', { where: { id: orderId } });
  if (!order) throw new Error(`there is no order ${orderId}`);
  if (!from.includes(order.status)) throw new Error(`order ${orderId} is ${order.status}; it cannot become ${to}`);
  await tx.update('orders', { id: orderId }, { status: to });
}

function checkNewOrder({ orderId, customerId, items }) {
  if (typeof orderId !== 'string' || orderId === '') throw new TypeError('placeOrder: orderId must be a non-empty string, e.g. "order-41"');
  if (typeof customerId !== 'string' || customerId === '') throw new TypeError('placeOrder: customerId must be a non-empty string');
  if (!Array.isArray(items) || items.length === 0) throw new TypeError('placeOrder: items must be a non-empty list of { product, qty }');
  for (const item of items) {
    if (typeof item?.product !== 'string' || !Number.isInteger(item.qty) || item.qty < 1) {
      throw new TypeError(`placeOrder: each item needs a product name and a whole qty of at least 1, got ${JSON.stringify(item)}`);
    }
  }
}
