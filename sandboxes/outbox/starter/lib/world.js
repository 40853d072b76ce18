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
  const running = []; // every process started here: { alive, boot }

  return {
    clock,
    ordersDb,
    warehouseDb,
    broker,

    /**
     * Starts the services the way a fresh process would: orders.js, relay.js and consumer.js are
     * loaded anew, so nothing they kept in memory survives. Calling it again starts a second process
     * next to the first (two relays during a deploy, say). Each process has its own connection to
     * each database, so a crash can be traced to the transactions of the process that died.
     */
    async start() {
      boots += 1;
      const proc = { alive: true, boot: boots };
      running.push(proc);
      const orders = ordersDb.connect(proc);
      const warehouse = warehouseDb.connect(proc);
      const [createOrderService, createRelay, createConsumer] = await Promise.all([
        load('orders.js', 'createOrderService'),
        load('relay.js', 'createRelay'),
        load('consumer.js', 'createConsumer'),
      ]);
      const consumers = {};
      for (const [subscriberId, apply] of Object.entries(SUBSCRIBERS)) {
        consumers[subscriberId] = createConsumer({ db: warehouse, subscriberId, apply });
      }
      return {
        process: proc,
        orders: createOrderService({ db: orders, broker, clock }),
        relay: createRelay({ db: orders, broker, clock }),
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
     * After a crash: `app` (what start() returned) died. Its database connections are gone, so the
     * transactions IT still had open are rolled back and their locks released; any other process
     * keeps its own. Then a fresh process starts in its place. With one process running, app may
     * be left out.
     */
    async restart(app) {
      let dead = app?.process;
      if (app === undefined) {
        const alive = running.filter((p) => p.alive);
        if (alive.length !== 1) throw new TypeError(`world.restart(app): ${alive.length} processes are running; say which one died`);
        [dead] = alive;
      }
      if (!running.includes(dead)) throw new TypeError('world.restart(app) needs the app that world.start() returned for the process that died');
      if (!dead.alive) throw new TypeError('world.restart(app): that process has already been restarted');
      dead.alive = false;
      ordersDb.dropOpenTransactions(dead);
      warehouseDb.dropOpenTransactions(dead);
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
