// A cache in front of a slow store, three ways.
//
// createCache: cache-aside reads (miss -> load from the store, fill the cache), plus two ways to
// write: write() (cache-aside: update the store, then drop the cached copy) and writeThrough()
// (update the store and the cache together). createWriteBehind: writes answered from memory and
// sent to the store later, in batches.
//
// It all works on a quiet day. Under load it stampedes the store, serves stale values after a
// write, never expires anything, and its "write-behind" is not behind at all. Your job is the
// TODOs below. Run the checks to see what is still missing.
//
// Support files (read-only): lib/store.js (the slow store: every call takes 100 ms on the clock,
// and checks can make calls fail), lib/clock.js (injected time: use clock.now() and
// clock.setTimeout, never Date.now() or setTimeout), lib/rand.js (injected randomness in (0, 1]).
import { systemClock } from './lib/clock.js';
import { systemRand } from './lib/rand.js';

export function createCache({ store, clock = systemClock(), rand = systemRand(), ttlMs = 60_000, beta = 1 } = {}) {
  if (!store) throw new TypeError('createCache needs { store }');
  const entries = new Map(); // key -> { value, expiresAt, deltaMs }

  /** Load from the store and fill the cache, timing the load: XFetch needs that time (delta). */
  async function load(key) {
    const started = clock.now();
    // TODO 7 (the slow read race): store.get reads the row when it is called, and the answer
    //   arrives 100 ms later. If a write commits and invalidates the key in between, this fill puts
    //   the OLD row back, where it stays until the TTL ends. Give each load a lease: remember, per
    //   key, how many times it has been invalidated; note that count here, and fill the cache below
    //   only if it has not changed (the callers still get the value: their reads began before the
    //   write). write() and writeThrough() bump the count after the store accepted the value, and
    //   also forget the key's load under way, so a reader arriving after the write starts a fresh one.
    const value = await store.get(key);
    const now = clock.now();
    entries.set(key, { value, expiresAt: now + ttlMs, deltaMs: now - started });
    return value;
  }

  return {
    async get(key) {
      const entry = entries.get(key);

      // TODO 2 (TTL): entries never expire. An entry whose time is up (clock.now() >= entry.expiresAt)
      //   must count as a miss and be loaded again.
      // TODO 6 (XFetch): then make that test probabilistic, so a hot key is refreshed a little before
      //   it expires: recompute when  clock.now() - entry.deltaMs * beta * Math.log(rand()) >= entry.expiresAt
      if (entry) return entry.value;

      // TODO 1 (single-flight): every caller that misses starts its own load, so 10 readers of a cold
      //   key make 10 store loads. Keep the promise of the load under way per key (a Map) and give it
      //   to every caller that misses meanwhile; remove it when it settles, success or failure, so an
      //   error reaches every waiting caller and the next read tries again.
      return load(key);
    },

    async write(key, value) {
      // TODO 3 (write order): a reader that misses between these two lines loads the old value
      //   and puts it back in the cache, where it stays until the TTL ends. Swap them.
      entries.delete(key);
      await store.set(key, value);
    },

    async writeThrough(key, value) {
      // TODO 4 (write-through): if store.set fails, the cache now holds a value the store never got.
      //   Write the store first; put the value in the cache only once the store accepted it.
      const deltaMs = entries.get(key)?.deltaMs ?? 0;
      entries.set(key, { value, expiresAt: clock.now() + ttlMs, deltaMs });
      await store.set(key, value);
    },
  };
}

export function createWriteBehind({ store, clock = systemClock(), maxBatch = 100, flushAfterMs = 1000 } = {}) {
  if (!store) throw new TypeError('createWriteBehind needs { store }');
  const cache = new Map(); // what readers see: the latest value written

  return {
    async write(key, value) {
      // TODO 5 (write-behind): this waits for the store on every write, so it is write-through in
      //   disguise. Acknowledge from memory instead: keep the latest value per key in a pending Map
      //   and return without touching the store. Flush (see flush below) when maxBatch keys are
      //   pending, or flushAfterMs after the first write into an empty buffer (clock.setTimeout).
      await store.set(key, value);
      cache.set(key, value);
    },

    async get(key) {
      if (cache.has(key)) return cache.get(key);
      const value = await store.get(key);
      cache.set(key, value);
      return value;
    },

    async flush() {
      // TODO 5: send everything pending in ONE store.setMany(pending) call, and start a new buffer.
    },

    atRisk() {
      // TODO 5: the writes a crash right now would lose, as { key: latestValue }: those still
      //   pending, and those in a batch the store has not confirmed yet (setMany still running).
      return {};
    },
  };
}
