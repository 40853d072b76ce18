// A fake warehouse API: the side effect the worker exists to cause. createShipment() ships an
// order; called twice for the same order, it ships it twice, unless both calls carry the same
// idempotency key, in which case the second one gets the first shipment back (replayed: true).
// A key seen again with a different order is refused with 422. Keys are kept for 24 hours.
//
//   await warehouse.createShipment(order, { idempotencyKey })
//       -> { shipmentId, orderId, replayed }
//       throws WarehouseError (err.status: 400/422 the request is wrong; 429, 5xx try later)
//       throws WarehouseTimeout (the client gave up after 25 s: the shipment may exist or not)
//
// Checks and demos steer it with faults (all of them read-only to you):
//   breakOrder(orderId, fault)   every call for this order fails: a status (503, 400, ...),
//                                'hang' (no answer until the 25 s client timeout), 'die' (the
//                                calling worker process dies during the call), or
//                                'ship-then-timeout' (the shipment is made, the answer is lost)
//   failNext(status, times)      the next calls fail with this status
//   timeoutAfterShipping(times)  the next calls ship, then the answer is lost (client timeout)
//   dieAfterShipping(times)      the next calls ship, then the calling process dies before it can
//                                do anything else: nothing after this call ever runs
//   repair(orderId?)             clears the faults (of one order, or all of them)
import { WarehouseError, WarehouseTimeout } from './errors.js';

const KEY_RETENTION_MS = 24 * 3600 * 1000;
const FAULTS = new Set(['hang', 'die', 'ship-then-timeout']);

export function createWarehouse({ clock, serviceMs = 0, timeoutMs = 25_000 } = {}) {
  if (typeof clock?.now !== 'function') throw new TypeError('createWarehouse needs the clock: createWarehouse({ clock })');
  const shipments = [];
  const calls = [];
  const keys = new Map(); // idempotencyKey -> { fingerprint, shipment, expiresAt }
  const broken = new Map(); // orderId -> fault
  const next = []; // one-shot faults, in order
  const deathListeners = [];
  let deaths = 0;

  const sleep = (ms) => (ms > 0 ? clock.sleep(ms) : Promise.resolve());
  const never = () => new Promise(() => {}); // the caller's process is gone: nothing resolves

  function die(orderId) {
    deaths += 1;
    for (const listener of [...deathListeners]) listener({ orderId, at: clock.now(), deaths });
    return never();
  }

  function ship(order, idempotencyKey) {
    if (idempotencyKey !== undefined) {
      if (typeof idempotencyKey !== 'string' || idempotencyKey === '' || idempotencyKey.length > 255) {
        throw new WarehouseError(400, `warehouse answered 400: an idempotency key must be a string of 1 to 255 characters, got ${JSON.stringify(idempotencyKey)}`);
      }
      const known = keys.get(idempotencyKey);
      if (known && known.expiresAt > clock.now()) {
        if (known.fingerprint !== fingerprint(order)) {
          throw new WarehouseError(422, `warehouse answered 422: idempotency key "${idempotencyKey}" was first used for a different order`);
        }
        return { ...known.shipment, replayed: true };
      }
    }
    const shipment = { shipmentId: `s-${shipments.length + 1}`, orderId: order.orderId };
    shipments.push({ ...shipment, at: clock.now(), idempotencyKey });
    if (idempotencyKey !== undefined) {
      keys.set(idempotencyKey, { fingerprint: fingerprint(order), shipment, expiresAt: clock.now() + KEY_RETENTION_MS });
    }
    return { ...shipment, replayed: false };
  }

  return {
    async createShipment(order, { idempotencyKey } = {}) {
      const orderId = order?.orderId;
      calls.push({ orderId, at: clock.now(), idempotencyKey });
      const fault = broken.get(orderId) ?? next.shift();
      if (fault === 'die') return die(orderId);
      await sleep(serviceMs);
      if (typeof fault === 'number') throw new WarehouseError(fault, `warehouse answered ${fault}${fault === 503 ? ' Service Unavailable' : ''}`);
      if (fault === 'hang') {
        await sleep(timeoutMs - serviceMs);
        throw new WarehouseTimeout(timeoutMs);
      }
      if (order === null || typeof order !== 'object' || typeof orderId !== 'string' || orderId === '' || !Array.isArray(order.items) || order.items.length === 0) {
        throw new WarehouseError(400, 'warehouse answered 400: an order needs an orderId and at least one item');
      }
      const result = ship(order, idempotencyKey);
      if (fault === 'die-after') return die(orderId);
      if (fault === 'ship-then-timeout' || fault === 'timeout-after') {
        await sleep(timeoutMs - serviceMs);
        throw new WarehouseTimeout(timeoutMs);
      }
      return result;
    },

    breakOrder(orderId, fault) {
      if (!(FAULTS.has(fault) || (Number.isInteger(fault) && fault >= 400 && fault <= 599))) {
        throw new TypeError(`breakOrder(orderId, fault): fault is an HTTP status or one of ${[...FAULTS].join(', ')}, got ${fault}`);
      }
      broken.set(orderId, fault);
    },
    failNext(status = 503, times = 1) {
      for (let i = 0; i < times; i += 1) next.push(status);
    },
    timeoutAfterShipping(times = 1) {
      for (let i = 0; i < times; i += 1) next.push('timeout-after');
    },
    dieAfterShipping(times = 1) {
      for (let i = 0; i < times; i += 1) next.push('die-after');
    },
    repair(orderId) {
      if (orderId === undefined) {
        broken.clear();
        next.length = 0;
      } else broken.delete(orderId);
    },

    /** listener({ orderId, at, deaths }) runs each time a worker process dies in a call. */
    onDeath(listener) {
      deathListeners.push(listener);
    },
    /** Resolves once `n` worker processes have died in calls. */
    waitForDeaths(n = 1) {
      if (deaths >= n) return Promise.resolve();
      return new Promise((resolve) => {
        const listener = () => {
          if (deaths < n) return;
          deathListeners.splice(deathListeners.indexOf(listener), 1);
          resolve();
        };
        deathListeners.push(listener);
      });
    },
    get deaths() {
      return deaths;
    },
    /** Every shipment made: { shipmentId, orderId, at, idempotencyKey }. */
    get shipments() {
      return shipments.map((s) => ({ ...s }));
    },
    /** How many shipments were made for this order (1 is right; 2 is a customer with two parcels). */
    shipmentsOf(orderId) {
      return shipments.filter((s) => s.orderId === orderId).length;
    },
    /** Order ids shipped more than once. */
    duplicates() {
      const seen = new Map();
      for (const s of shipments) seen.set(s.orderId, (seen.get(s.orderId) ?? 0) + 1);
      return [...seen].filter(([, n]) => n > 1).map(([orderId]) => orderId);
    },
    /** Every call, shipped or not: { orderId, at, idempotencyKey }. */
    get calls() {
      return calls.map((c) => ({ ...c }));
    },
    /** The times (ms) of every call for this order. */
    callsFor(orderId) {
      return calls.filter((c) => c.orderId === orderId).map((c) => c.at);
    },
  };
}

/** The same order written with its keys in any order gives the same fingerprint. */
function fingerprint(value) {
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${fingerprint(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
