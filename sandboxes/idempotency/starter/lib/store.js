// An in-memory stand-in for a shared key-value store (think Redis, or a table with a unique key).
// It is async on purpose: in production every call is a network round trip, and other requests
// run in between. Values are copied in and out, as they would be serialised over the wire.
//
//   get(key)                         -> value, or undefined when absent or expired
//   create(key, value, { expiresAt }) -> true if stored, false if the key already holds a live value
//                                       (atomic insert-if-absent, like Redis SET NX or INSERT ... ON CONFLICT DO NOTHING)
//   set(key, value, { expiresAt })    -> overwrites; expiresAt (clock ms) is optional
//   delete(key)                      -> true if something was removed
import { systemClock } from './clock.js';

export function createStore({ clock = systemClock() } = {}) {
  const entries = new Map();

  function live(key) {
    const entry = entries.get(key);
    if (entry && entry.expiresAt !== undefined && clock.now() >= entry.expiresAt) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  function checkExpiry(options) {
    const expiresAt = options?.expiresAt;
    if (expiresAt !== undefined && !Number.isFinite(expiresAt)) {
      throw new TypeError(`expiresAt must be a time in ms from clock.now(), got ${expiresAt}`);
    }
    return expiresAt;
  }

  return {
    async get(key) {
      const entry = live(key);
      return entry ? structuredClone(entry.value) : undefined;
    },
    async create(key, value, options) {
      const expiresAt = checkExpiry(options);
      if (live(key)) return false;
      entries.set(key, { value: structuredClone(value), expiresAt });
      return true;
    },
    async set(key, value, options) {
      const expiresAt = checkExpiry(options);
      entries.set(key, { value: structuredClone(value), expiresAt });
    },
    async delete(key) {
      return entries.delete(key);
    },
    /** How many live entries there are (for checks and demos). */
    size() {
      for (const key of [...entries.keys()]) live(key);
      return entries.size;
    },
  };
}
