// The order service. Each command changes the orders table and records the event that announces
// it (OrderPlaced, OrderPaid, OrderCancelled) in the outbox table, in the same transaction: the
// event exists if and only if the change commits. The relay (relay.js) publishes it later, so the
// service never talks to the broker, and an order succeeds even while the broker is down.
import { randomUUID } from 'node:crypto';

export function createOrderService({ db, newId = randomUUID }) {
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

  /** Runs `change(tx)` and writes its event to the outbox, both in one transaction. */
  async function commitAndAnnounce(orderId, type, payload, change) {
    await db.transaction(async (tx) => {
      await change(tx);
      // The id is fixed here, once: every copy the relay ever publishes carries it, so consumers
      // can recognise a duplicate.
      await tx.insert('outbox', { id: newId(), aggregate_type: 'order', aggregate_id: orderId, type, payload });
    });
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
