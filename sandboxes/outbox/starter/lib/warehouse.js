// The warehouse's business logic: what applying one order event does to its tables. Each
// subscriber runs one of these inside a transaction (see consumer.js). Neither is idempotent on its
// own: applied twice, OrderPlaced makes two pick lists and reserves the stock twice.

/** Subscriber "pick-lists": one pick list per order; packed only once the order is paid. */
export async function pickLists(tx, message) {
  const { orderId, items } = payloadOf(message);
  if (message.type === 'OrderPlaced') {
    await tx.insert('pick_lists', { order_id: orderId, items, status: 'waiting-payment' });
  } else if (message.type === 'OrderPaid') {
    await tx.update('pick_lists', { order_id: orderId, status: 'waiting-payment' }, { status: 'to-pick' });
  } else if (message.type === 'OrderCancelled') {
    await tx.update('pick_lists', { order_id: orderId }, { status: 'cancelled' });
  }
}

/** Subscriber "stock": sets aside the ordered quantity of each product. */
export async function reserveStock(tx, message) {
  if (message.type !== 'OrderPlaced') return;
  for (const { product, qty } of payloadOf(message).items) {
    const [row] = await tx.select('stock_reservations', { where: { product } });
    if (row) await tx.update('stock_reservations', { product }, { reserved: row.reserved + qty });
    else await tx.insert('stock_reservations', { product, reserved: qty });
  }
}

function payloadOf(message) {
  const payload = typeof message.payload === 'string' ? JSON.parse(message.payload) : message.payload;
  if (!payload || typeof payload.orderId !== 'string') {
    throw new TypeError(`message ${message.id} (${message.type}) has no payload.orderId: publish the outbox row's payload as it was written`);
  }
  return payload;
}
