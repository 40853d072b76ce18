// A cache in front of a slow store, three ways.
//
// createCache: cache-aside reads with single-flight, a TTL and XFetch early recomputation; writes
// that update the store first and then invalidate (write), or update store then cache (writeThrough).
// Every load holds a lease on its key; an invalidation cancels the leases, so a slow read that
// began before a write cannot put the old row back after it.
// createWriteBehind: writes acknowledged from memory and sent to the store later, in batches.
//
// Rules followed: Azure "Cache-Aside pattern" and AWS ElastiCache strategies (the write order),
// Go's singleflight (one load per key, its result or error shared), Vattani et al., VLDB 2015 (XFetch).
import { systemClock } from './lib/clock.js';
import { systemRand } from './lib/rand.js';

export function createCache({ store, clock = systemClock(), rand = systemRand(), ttlMs = 60_000, beta = 1 } = {}) {
  if (!store) throw new TypeError('createCache needs { store }');
  const entries = new Map(); // key -> { value, expiresAt, deltaMs }
  const loading = new Map(); // key -> the promise of the load under way
  const leases = new Map(); // key -> how many times it was invalidated: the lease a load must still hold

  /**
   * Load from the store and fill the cache, timing the load: XFetch needs that time (delta).
   * The load takes a lease when it starts. If the key is invalidated while the answer is on its
   * way, the row it carries may predate the write, so it goes to its callers (their reads began
   * before the write) but not into the cache.
   */
  async function load(key) {
    const lease = leases.get(key) ?? 0;
    const started = clock.now();
    const value = await store.get(key);
    const now = clock.now();
    if ((leases.get(key) ?? 0) === lease) entries.set(key, { value, expiresAt: now + ttlMs, deltaMs: now - started });
    return value;
  }

  /** Single-flight: callers that miss while a load for the key is under way share that load. */
  function loadOnce(key) {
    let running = loading.get(key);
    if (!running) {
      // Removed when it settles, so a failure is shared by the callers waiting now and is not
      // remembered: the next read starts a fresh load. Errors never reach the cache. (Only if it
      // is still the key's load: an invalidation may have replaced it meanwhile.)
      running = load(key).finally(() => {
        if (loading.get(key) === running) loading.delete(key);
      });
      loading.set(key, running);
    }
    return running;
  }

  /**
   * After the store accepted a write: drop the copy, cancel the leases of loads under way, and stop
   * later readers from joining those loads (they would get the row from before the write).
   */
  function invalidate(key) {
    entries.delete(key);
    loading.delete(key);
    leases.set(key, (leases.get(key) ?? 0) + 1);
  }

  /**
   * XFetch: each read acts as if the clock were delta * beta * -ln(rand) ahead, so reads close to
   * expiry may refresh early. With rand = 1 this is a plain TTL check (ln 1 = 0); an expired
   * entry always recomputes, since -ln(rand) >= 0.
   */
  function mustRecompute(entry) {
    return clock.now() - entry.deltaMs * beta * Math.log(rand()) >= entry.expiresAt;
  }

  return {
    async get(key) {
      const entry = entries.get(key);
      if (entry && !mustRecompute(entry)) return entry.value;
      return loadOnce(key);
    },

    /** Cache-aside write: the store first (it is the truth), then drop the copy. */
    async write(key, value) {
      await store.set(key, value);
      // Deleting (rather than overwriting) cannot put an older value back if two writes race.
      invalidate(key);
    },

    /** Write-through: the store first; only a value the store accepted goes into the cache. */
    async writeThrough(key, value) {
      await store.set(key, value);
      // No load was timed here, so XFetch keeps the last measured delta (none yet: a plain TTL).
      const deltaMs = entries.get(key)?.deltaMs ?? 0;
      invalidate(key); // a load under way must not overwrite the new value with the old row
      entries.set(key, { value: structuredClone(value), expiresAt: clock.now() + ttlMs, deltaMs });
    },
  };
}

export function createWriteBehind({ store, clock = systemClock(), maxBatch = 100, flushAfterMs = 1000 } = {}) {
  if (!store) throw new TypeError('createWriteBehind needs { store }');
  const cache = new Map(); // what readers see: the latest value written, flushed or not
  let pending = new Map(); // acknowledged, not yet sent to the store (one entry per key: the latest)
  const sending = []; // batches sent to the store and not yet confirmed
  let timer = null;

  function flushSoon() {
    // A timer flush has no caller to report to: a failed batch goes back into pending and the
    // timer is armed again, so the writes stay at risk (and visible in atRisk()) until they land.
    flush().catch(() => {});
  }

  async function flush() {
    if (timer) clock.clearTimeout(timer);
    timer = null;
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    sending.push(batch);
    try {
      await store.setMany(batch);
    } catch (err) {
      for (const [key, value] of batch) if (!pending.has(key)) pending.set(key, value);
      if (!timer) timer = clock.setTimeout(flushSoon, flushAfterMs);
      throw err;
    } finally {
      sending.splice(sending.indexOf(batch), 1);
    }
  }

  return {
    /** Acknowledged as soon as it is in memory: the store is written by a later flush. */
    async write(key, value) {
      const copy = structuredClone(value);
      cache.set(key, copy);
      pending.set(key, copy); // a second write to a key replaces the first: one row per key per batch
      if (pending.size >= maxBatch) flushSoon();
      // The timer starts with the first write into an empty buffer, so no write waits longer than
      // flushAfterMs: that is the window of writes a crash can lose.
      else if (!timer) timer = clock.setTimeout(flushSoon, flushAfterMs);
    },

    /** Reads see the writes they were told succeeded, flushed or not. */
    async get(key) {
      if (cache.has(key)) return structuredClone(cache.get(key));
      const value = await store.get(key);
      if (!cache.has(key)) cache.set(key, value); // a write that arrived meanwhile is newer
      return structuredClone(cache.get(key));
    },

    flush,

    /** Acknowledged writes the store has not confirmed: what a crash right now would lose. */
    atRisk() {
      const risk = {};
      for (const batch of [...sending, pending]) for (const [key, value] of batch) risk[key] = structuredClone(value);
      return risk;
    },
  };
}
