// Checks for lock.js and the lock in apply.js: one apply at a time, fail fast, release always,
// and a stale lock broken only on purpose. The clock is fake: "20 minutes later" is one call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply } from '../apply.js';
import { acquireLock, breakLock, releaseLock, LockError } from '../lock.js';
import { createCloud } from '../lib/cloud.js';
import { createBackend } from '../lib/backend.js';
import { fakeClock } from '../lib/clock.js';
import { fernhillWithCache } from '../lib/stacks.js';
import { within } from './helpers.js';

const MINUTE = 60 * 1000;
const TTL = 15 * MINUTE;

async function rejection(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  return null;
}

test('a second apply while the first holds the lock fails at once, naming who holds it', async () => {
  const cloud = createCloud();
  const backend = createBackend();
  const clock = fakeClock();
  const desired = fernhillWithCache();
  cloud.hold();
  const first = apply(desired, { cloud, backend, clock, who: 'alice@laptop' });
  first.catch(() => {});
  try {
    await within(1000, cloud.untilWaiting(), 'the first apply never called the cloud');
    const callsBefore = cloud.calls.length;
    const second = apply(desired, { cloud, backend, clock, who: 'bob@ci' });
    second.catch(() => {});
    const error = await rejection(within(500, second, 'the second apply is still running: it should fail at once while alice holds the lock'));
    assert.ok(error, 'the second apply should fail while the first is running');
    assert.ok(error instanceof LockError, `expected a LockError from acquireLock, got ${error.name}: ${error.message}`);
    assert.match(error.message, /alice@laptop/, `the error should say who holds the lock, got "${error.message}"`);
    assert.deepEqual(cloud.calls.slice(callsBefore), [], 'the second apply must not touch the cloud');
  } finally {
    cloud.release();
  }
  const result = await first;
  assert.equal(result?.summary, 'Plan: 9 to add, 0 to change, 0 to destroy.', 'the first apply finishes its work');
  assert.equal(backend.peek().lock, null, 'the first apply releases the lock when it ends');
  const retry = await apply(desired, { cloud, backend, clock, who: 'bob@ci' });
  assert.equal(retry.summary, 'No changes. Your infrastructure matches the configuration.', 'bob plans again on the new state and finds nothing to do');
});

test('the lock is released when apply fails half-way, and what was done is recorded', async () => {
  const cloud = createCloud();
  const backend = createBackend();
  const clock = fakeClock();
  const desired = fernhillWithCache();
  cloud.failNext('create', 'cache.sessions', 'create cache.sessions: InsufficientCacheClusterCapacity');
  const error = await rejection(apply(desired, { cloud, backend, clock, who: 'ci@fernhill' }));
  assert.ok(error, 'apply should fail when the cloud fails');
  assert.match(error.message, /InsufficientCacheClusterCapacity/, `apply should pass the cloud's error on, got "${error.message}"`);
  assert.equal(backend.peek().lock, null, `a failed apply must still release the lock (use finally), but it is held: ${JSON.stringify(backend.peek().lock)}`);
  const exists = Object.keys(await cloud.read()).sort();
  assert.ok(exists.length > 0 && !exists.includes('cache.sessions'), `some resources were created before the failure: ${exists.join(', ')}`);
  assert.deepEqual(Object.keys(backend.peek().state).sort(), exists, 'the state should record what was created before the failure (write it in a finally), so it matches the cloud');
  const retry = await apply(desired, { cloud, backend, clock, who: 'ci@fernhill' });
  assert.equal(retry.summary, `Plan: ${9 - exists.length} to add, 0 to change, 0 to destroy.`, 'the next apply creates only what is missing');
});

test('a stale lock is never broken by itself; past its TTL it can be broken with its id', async () => {
  const backend = createBackend();
  const clock = fakeClock();
  const alice = await acquireLock(backend, { who: 'alice@laptop', operation: 'apply', clock, ttlMs: TTL });
  assert.equal(typeof alice?.id, 'string', `acquireLock returns the lock record with an id, got ${JSON.stringify(alice)}`);

  clock.advance(10 * MINUTE);
  const busy = await rejection(acquireLock(backend, { who: 'bob@ci', operation: 'apply', clock, ttlMs: TTL }));
  assert.ok(busy instanceof LockError && /alice@laptop/.test(busy.message), `bob's acquireLock should throw a LockError naming alice@laptop, got ${busy ? busy.message : 'the lock'}`);
  const early = await rejection(breakLock(backend, { id: alice.id, clock, ttlMs: TTL }));
  assert.ok(early instanceof LockError, 'a 10-minute-old lock is within its 15-minute TTL: breakLock should refuse with a LockError');
  assert.equal(backend.peek().lock?.id, alice.id, "alice's lock must still be there after a refused break");

  clock.advance(10 * MINUTE);
  const stale = await rejection(acquireLock(backend, { who: 'bob@ci', operation: 'apply', clock, ttlMs: TTL }));
  assert.ok(stale instanceof LockError, 'a stale lock is not taken over by acquireLock: someone must break it on purpose');
  assert.match(stale.message, /stale|ttl|expired/i, `past the TTL, the error should say the lock may be stale and can be broken, got "${stale.message}"`);
  assert.equal(backend.peek().lock?.id, alice.id, "acquireLock must not touch alice's stale lock");

  const wrongId = await rejection(breakLock(backend, { id: 'some-other-lock', clock, ttlMs: TTL }));
  assert.ok(wrongId instanceof LockError, 'breakLock with an id that is not the current lock should refuse');
  assert.equal(backend.peek().lock?.id, alice.id);

  const broken = await breakLock(backend, { id: alice.id, clock, ttlMs: TTL });
  assert.equal(broken?.who, 'alice@laptop', 'breakLock returns the record it broke');
  assert.equal(backend.peek().lock, null);
  const bob = await acquireLock(backend, { who: 'bob@ci', operation: 'apply', clock, ttlMs: TTL });
  assert.equal(backend.peek().lock?.id, bob.id, 'after the break, bob can take the lock');
});

test("after a lock is broken, its old holder cannot release the new holder's lock", async () => {
  const backend = createBackend();
  const clock = fakeClock();
  const alice = await acquireLock(backend, { who: 'alice@laptop', operation: 'apply', clock, ttlMs: TTL });
  clock.advance(30 * MINUTE);
  await breakLock(backend, { id: alice.id, clock, ttlMs: TTL });
  const bob = await acquireLock(backend, { who: 'bob@ci', operation: 'apply', clock, ttlMs: TTL });
  await releaseLock(backend, alice); // alice's apply wakes up and finishes
  assert.equal(backend.peek().lock?.id, bob.id, "alice's releaseLock removed bob's lock: release only the lock whose id is yours");
  await releaseLock(backend, bob);
  assert.equal(backend.peek().lock, null, 'bob releases his own lock');
});
