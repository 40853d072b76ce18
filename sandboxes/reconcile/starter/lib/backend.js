// A remote state backend, like an S3 bucket with conditional writes: it keeps the state (what
// the last apply recorded) and one lock record. Every call is async, as over a network.
//
//   createLock(record)   writes the lock only if there is none: true if it did, false if
//                        someone else holds it (atomic, like If-None-Match: *).
//   readLock()           the current lock record, or null.
//   deleteLock(id)       deletes the lock only if its id is `id`: true if it did. deleteLock()
//                        with no id deletes whatever lock is there.
//   readState()          { [address]: attrs } as last written ({} at first).
//   writeState(state, lockId)   refused while a lock is held under another id.
import { clone } from './values.js';

export class BackendError extends Error {
  constructor(message) {
    super(message);
    this.name = 'BackendError';
  }
}

export function createBackend({ state = {} } = {}) {
  let lock = null;
  let stored = clone(state);
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  return {
    async createLock(record) {
      await tick();
      if (lock) return false;
      if (!record || typeof record.id !== 'string' || record.id === '') throw new BackendError('a lock record needs an id (a string)');
      lock = clone(record);
      return true;
    },
    async readLock() {
      await tick();
      return clone(lock) ?? null;
    },
    async deleteLock(id) {
      await tick();
      if (!lock) return false;
      if (id !== undefined && lock.id !== id) return false;
      lock = null;
      return true;
    },
    async readState() {
      await tick();
      return clone(stored);
    },
    async writeState(next, lockId) {
      await tick();
      if (lock && lock.id !== lockId) {
        throw new BackendError(`state not written: it is locked by ${lock.who} (lock ${lock.id})${lockId ? `, not by your lock ${lockId}` : ''}`);
      }
      stored = clone(next);
    },
    /** For checks and demos: the state and lock without waiting. */
    peek: () => ({ state: clone(stored), lock: clone(lock) ?? null }),
  };
}
