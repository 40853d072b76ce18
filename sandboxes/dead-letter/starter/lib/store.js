// A small key-value store shared by every worker process (think Redis, or a table in the workers'
// database). A worker's own memory is lost when it dies and is not seen by the other workers in
// the pool; this store is. Calls are async, as network round trips are. Values are copied in and
// out, as they would be serialised over the wire.
//
//   await store.get(key)          -> the value, or undefined
//   await store.set(key, value)
//   await store.delete(key)       -> true if something was removed

export function createStore() {
  const entries = new Map();
  return {
    async get(key) {
      return entries.has(key) ? structuredClone(entries.get(key)) : undefined;
    },
    async set(key, value) {
      entries.set(key, structuredClone(value));
    },
    async delete(key) {
      return entries.delete(key);
    },
    /** How many keys are stored (for checks and demos). */
    size() {
      return entries.size;
    },
  };
}
