// The whole system in one place, for the checks and the demos: a clock, the order service's
// database, the warehouse's database, a broker, and the services built from your three files.
import { fakeClock } from './clock.js';
import { createBroker } from './broker.js';
import { ProcessCrash } from './faults.js';
import { createOrdersDb, createWarehouseDb } from './schema.js';
import { pickLists, reserveStock } from './warehouse.js';

/** The topic order events go to (the outbox rows' aggregate_type). */
export const TOPIC = 'order';

/** The warehouse's subscribers and what each one does with an event. */
const SUBSCRIBERS = { 'pick-lists': pickLists, stock: reserveStock };

let boots = 0; // counts across worlds, so every start() gets its own copy of your modules

export function createWorld({ broker: brokerOptions } = {}) {
  const clock = fakeClock();
  const ordersDb = createOrdersDb({ clock });
  const warehouseDb = createWarehouseDb({ clock });
  const broker = createBroker(brokerOptions);

  return {
    clock,
    ordersDb,
    warehouseDb,
    broker,

    /**
     * Starts the services the way a fresh process would: orders.js, relay.js and consumer.js are
     * loaded anew, so nothing they kept in memory survives. Calling it again starts a second process
     * next to the first (two relays during a deploy, say).
     */
    async start() {
      boots += 1;
      const [createOrderService, createRelay, createConsumer] = await Promise.all([
        load('orders.js', 'createOrderService'),
        load('relay.js', 'createRelay'),
        load('consumer.js', 'createConsumer'),
      ]);
      const consumers = {};
      for (const [subscriberId, apply] of Object.entries(SUBSCRIBERS)) {
        consumers[subscriberId] = createConsumer({ db: warehouseDb, subscriberId, apply });
      }
      return {
        orders: createOrderService({ db: ordersDb, broker, clock }),
        relay: createRelay({ db: ordersDb, broker, clock }),
        consumers,
        /** Hands a subscriber every message it has not acknowledged; resolves to how many it acknowledged. */
        deliver(subscriberId = 'pick-lists') {
          const consumer = consumers[subscriberId];
          if (!consumer) throw new TypeError(`no subscriber "${subscriberId}" (subscribers: ${Object.keys(consumers).join(', ')})`);
          return broker.deliver(TOPIC, subscriberId, async (message) => {
            const crashes = warehouseDb.crashes;
            await consumer.handle(message);
            // A process that has died acknowledges nothing, even if the code caught the crash and went on.
            if (warehouseDb.crashes > crashes) throw new ProcessCrash('after its commit (the crash was caught, but a dead process cannot acknowledge)');
          });
        },
      };
    },

    /**
     * After a crash: the dead process's database connections are gone, so its open transactions
     * are rolled back and their locks released; then a fresh process starts.
     */
    async restart() {
      ordersDb.dropOpenTransactions();
      warehouseDb.dropOpenTransactions();
      return this.start();
    },

    /** Every message the broker stored, in arrival order. */
    messages() {
      return broker.log(TOPIC);
    },
    /** For each order (message key): its event types, in the order each event's first copy arrived. */
    timeline() {
      const seen = new Set();
      const byOrder = {};
      for (const m of broker.log(TOPIC)) {
        if (seen.has(m.id)) continue;
        seen.add(m.id);
        (byOrder[m.key] ??= []).push(m.type);
      }
      return byOrder;
    },
    /** Outbox rows not yet marked as published. */
    backlog() {
      return ordersDb.rows('outbox', { published_at: null }).length;
    },
    pickListsOf(orderId) {
      return warehouseDb.rows('pick_lists', { order_id: orderId });
    },
    reserved(product) {
      return warehouseDb.rows('stock_reservations', { product })[0]?.reserved ?? 0;
    },
  };
}

async function load(file, factory) {
  const module = await import(`../${file}?boot=${boots}`);
  if (typeof module[factory] !== 'function') throw new TypeError(`${file} must export a function named ${factory}`);
  return module[factory];
}
