// The business logic of Brightcart's fulfilment worker: one message is one order, and handling it
// means asking the warehouse to ship it. worker.js calls handle(message) for every message it
// receives, and deletes the message when handle resolves.
//
// The queue delivers at least once, so the same order can reach this handler more than once. The
// idempotency key is the order id, the business key: it is the same on every redelivery of a
// message and also when the shop sends the same order twice as two messages (two message ids).
import { PermanentError } from './lib/errors.js';

/** handle(message) ships the order in message.body ({ orderId, items, postcode }). */
export function createHandler({ warehouse }) {
  return async function handle(message) {
    const order = parseOrder(message.body);
    try {
      return await warehouse.createShipment(order, { idempotencyKey: `order-${order.orderId}` });
    } catch (err) {
      // 4xx: the request itself is wrong, and will be wrong on every retry. 408 and 429 are the
      // exceptions: they mean "not now". 5xx and timeouts are transient: let the worker retry.
      const status = err?.name === 'WarehouseError' ? err.status : undefined;
      if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
        throw new PermanentError(err.message, { cause: err });
      }
      throw err;
    }
  };
}

function parseOrder(body) {
  let order;
  try {
    order = JSON.parse(body);
  } catch (err) {
    throw new PermanentError(`the message body is not JSON: ${err.message}`, { cause: err });
  }
  if (order === null || typeof order !== 'object' || Array.isArray(order)) {
    throw new PermanentError('the message body is not an order object');
  }
  if (typeof order.orderId !== 'string' || order.orderId === '') {
    throw new PermanentError('the order has no orderId');
  }
  if (!Array.isArray(order.items) || order.items.length === 0) {
    throw new PermanentError(`order ${order.orderId} has no items`);
  }
  return order;
}
