// The state lock: one apply at a time. The lock lives in the backend (createLock is atomic), so
// a second apply fails at once and says who holds it. A lock left behind by a crashed apply is
// never broken automatically; once it is older than its TTL, a person can break it by its id.
import { randomUUID } from 'node:crypto';

export const LOCK_TTL_MS = 15 * 60 * 1000;

export class LockError extends Error {
  constructor(message, holder = null) {
    super(message);
    this.name = 'LockError';
    this.holder = holder;
  }
}

const iso = (ms) => new Date(ms).toISOString();
const minutes = (ms) => `${Math.round(ms / 6000) / 10} min`;

/**
 * Takes the lock or throws a LockError at once, naming who holds it.
 * @returns the lock record { id, who, operation, createdAt }
 */
export async function acquireLock(backend, { who, operation = 'apply', clock, ttlMs = LOCK_TTL_MS }) {
  const record = { id: randomUUID(), who, operation, createdAt: clock.now() };
  if (await backend.createLock(record)) return record;
  const holder = await backend.readLock();
  if (!holder) {
    // Released between our two calls: one more try, still without waiting.
    if (await backend.createLock(record)) return record;
    throw new LockError('Error acquiring the state lock: it is changing hands, try again');
  }
  const age = clock.now() - holder.createdAt;
  let message = `Error acquiring the state lock: held by ${holder.who} (${holder.operation}) since ${iso(holder.createdAt)}, lock id ${holder.id}`;
  if (age > ttlMs) {
    message += `. The lock is ${minutes(age)} old, past its ${minutes(ttlMs)} TTL, so it may be stale: if ${holder.who} is gone, break it with breakLock(backend, { id: '${holder.id}' })`;
  }
  throw new LockError(message, holder);
}

/** Releases `lock` if it is still the current lock; never someone else's. */
export async function releaseLock(backend, lock) {
  return backend.deleteLock(lock.id);
}

/**
 * Breaks a stale lock on purpose. Refuses when `id` is not the current lock or the lock is not
 * yet older than the TTL. Returns the record that was broken.
 */
export async function breakLock(backend, { id, clock, ttlMs = LOCK_TTL_MS }) {
  const holder = await backend.readLock();
  if (!holder) throw new LockError('there is no lock to break');
  if (holder.id !== id) throw new LockError(`not breaking: the current lock is ${holder.id} (held by ${holder.who}), not ${id}`, holder);
  const age = clock.now() - holder.createdAt;
  if (age <= ttlMs) {
    throw new LockError(`not breaking: the lock held by ${holder.who} is ${minutes(age)} old, within its ${minutes(ttlMs)} TTL, so it may still be in use`, holder);
  }
  if (!(await backend.deleteLock(id))) throw new LockError('not breaking: the lock changed hands meanwhile', holder);
  return holder;
}
