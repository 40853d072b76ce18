// The state lock: one apply at a time. The lock lives in the backend (lib/backend.js), whose
// createLock is atomic: it returns false when someone already holds the lock.
//
// Right now acquireLock ignores that answer, releaseLock deletes whatever lock is there, and
// breakLock breaks any lock at any time. Your job is the TODOs below.
import { randomUUID } from 'node:crypto';

export const LOCK_TTL_MS = 15 * 60 * 1000;

export class LockError extends Error {
  constructor(message, holder = null) {
    super(message);
    this.name = 'LockError';
    this.holder = holder;
  }
}

/**
 * Takes the lock or throws a LockError at once, naming who holds it.
 * @returns the lock record { id, who, operation, createdAt }
 */
export async function acquireLock(backend, { who, operation = 'apply', clock, ttlMs = LOCK_TTL_MS }) {
  const record = { id: randomUUID(), who, operation, createdAt: clock.now() };
  // TODO 1: when createLock returns false, read the lock and throw a LockError at once (no
  //   waiting, no retry loop) whose message names the holder's `who`, operation and since when,
  //   and its lock id. If the lock is older than ttlMs, say it may be stale and how to break it
  //   (breakLock with its id). Never take over a lock by yourself.
  await backend.createLock(record);
  return record;
}

/** Releases `lock`. */
export async function releaseLock(backend, lock) {
  // TODO 2: release only your own lock: pass lock.id. If your lock was broken and someone else
  //   holds the lock now, theirs must stay.
  return backend.deleteLock();
}

/** Breaks a stale lock on purpose. Returns the record that was broken. */
export async function breakLock(backend, { id, clock, ttlMs = LOCK_TTL_MS }) {
  // TODO 3: refuse (throw a LockError) when there is no lock, when `id` is not the current lock's
  //   id, or when the lock is not older than ttlMs (clock.now() - createdAt): its owner may still
  //   be applying. Otherwise delete it by its id and return the record.
  const holder = await backend.readLock();
  await backend.deleteLock();
  return holder;
}
