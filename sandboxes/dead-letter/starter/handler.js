// The business logic of Brightcart's fulfilment worker: one message is one order, and handling it
// means asking the warehouse to ship it. worker.js calls handle(message) for every message it
// receives, and deletes the message when handle resolves.
//
// Right now the handler trusts every message and calls the warehouse without an idempotency key.
// The queue delivers at least once, so the same order can reach it twice: its worker died before
// deleting the message, the warehouse shipped but the answer timed out, or the shop sent the order
// twice. Each of those ships a second parcel. Your job is the TODOs below.
//
// Support files (read-only): lib/errors.js (PermanentError, WarehouseError, WarehouseTimeout),
// lib/warehouse.js (the warehouse API and the faults the checks inject).
import { PermanentError } from './lib/errors.js';

/** handle(message) ships the order in message.body ({ orderId, items, postcode }). */
export function createHandler({ warehouse }) {
  return async function handle(message) {
    // TODO 1: some messages can never succeed, however often they are retried: a body that is not
    //   JSON, or an order without an orderId (a non-empty string) or without items (a non-empty
    //   array). Throw a PermanentError for those (new PermanentError(reason, { cause })), so the
    //   worker sets them aside at once instead of retrying them.
    const order = JSON.parse(message.body);

    // TODO 2: make shipping idempotent. Pass warehouse.createShipment a second argument,
    //   { idempotencyKey }, that is the same on every delivery of this order, and the same when
    //   the shop sends the same order twice as two messages. What stays the same in all those
    //   cases, and what changes from one delivery to the next?

    // TODO 3: classify the warehouse's errors. A 4xx (the request is wrong) will fail the same way
    //   every time: throw a PermanentError. 429, 5xx and WarehouseTimeout are transient: let them
    //   propagate, so the worker retries later.
    return warehouse.createShipment(order);
  };
}
