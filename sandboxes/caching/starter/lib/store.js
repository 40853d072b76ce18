// The slow store: a stand-in for the database behind the cache, the source of truth.
// Every call is async and takes time on the injected clock (a network round trip and a query);
// other requests run in between. Values are copied in and out, as if sent over the wire.
//
//   get(key)          -> the value, or undefined. The query reads the row when the call BEGINS;
//                        the answer then spends the call's latency on its way back. A write that
//                        commits meanwhile is not in it: the caller gets the row as it was (the
//                        old value), which is how a slow read can refill a cache with a value that
//                        has already been replaced.
//   set(key, value)   -> writes one value; it lands (commits) at the END of the call's latency.
//   setMany(entries)  -> writes many values in ONE call (entries: a Map, or [key, value] pairs),
//                        all landing together. This is what a batched flush uses.
//
// For checks and demos (these do not count as calls and take no time):
//   calls                     { get, set, setMany }: how many times each was called
//   batches                   the entries of every setMany call, as [key, value] pairs, in call order
//   latency                   { get, set, setMany } in ms; change it at any time: store.latency.set = 300
//   failNext(op, message?)    the next call of op ('get' | 'set' | 'setMany') fails, after its latency
//   peek(key), snapshot()     what the store holds right now
//   seed({ key: value })      put values in directly, as another service writing to the database would
import { systemClock } from './clock.js';

export class StoreError extends Error {
  constructor(message) {
    super(message);
    this.name = 'StoreError';
  }
}

const OPS = ['get', 'set', 'setMany'];

export function createStore({ clock = systemClock(), latency = {}, data = {} } = {}) {
  const rows = new Map(Object.entries(structuredClone(data)));
  const calls = { get: 0, set: 0, setMany: 0 };
  const batches = [];
  const failures = { get: [], set: [], setMany: [] };
  const delays = { get: 100, set: 100, setMany: 100, ...latency };

  function checkOp(op) {
    if (!OPS.includes(op)) throw new TypeError(`unknown store operation "${op}": use one of ${OPS.join(', ')}`);
  }

  /** Count the call now, wait its latency, then fail if a failure was queued for it. */
  async function travel(op, what) {
    calls[op] += 1;
    const failure = failures[op].shift();
    await clock.sleep(delays[op]);
    if (failure !== undefined) throw new StoreError(`store.${op}(${what}) failed: ${failure}`);
  }

  return {
    async get(key) {
      const row = structuredClone(rows.get(key)); // read now, as the query runs
      await travel('get', JSON.stringify(key));
      return row;
    },

    async set(key, value) {
      const copy = structuredClone(value);
      await travel('set', JSON.stringify(key));
      rows.set(key, copy);
    },

    async setMany(entries) {
      if (entries === null || typeof entries !== 'object' || typeof entries[Symbol.iterator] !== 'function') {
        throw new TypeError('store.setMany(entries) needs a Map or an array of [key, value] pairs');
      }
      const copy = [...entries].map(([key, value]) => [key, structuredClone(value)]);
      batches.push(structuredClone(copy));
      await travel('setMany', `${copy.length} entries`);
      for (const [key, value] of copy) rows.set(key, value);
    },

    get calls() {
      return { ...calls };
    },
    get batches() {
      return structuredClone(batches);
    },
    latency: delays,
    failNext(op, message = 'injected failure') {
      checkOp(op);
      failures[op].push(message);
    },
    peek(key) {
      return structuredClone(rows.get(key));
    },
    snapshot() {
      return Object.fromEntries(structuredClone([...rows]));
    },
    seed(values) {
      for (const [key, value] of Object.entries(values)) rows.set(key, structuredClone(value));
    },
  };
}
