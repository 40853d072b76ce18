// Checks for bulkhead.js: a limit on calls in progress that rejects at once instead of queueing,
// and gives every slot back however the call ended.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Bulkhead } from '../bulkhead.js';

/** A call that stays in flight until finish() or fail() is called. */
function held() {
  let finish;
  let fail;
  const promise = new Promise((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { fn: () => promise, finish, fail };
}

async function outcome(promise) {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

test('a full bulkhead rejects the next call at once with BulkheadFullError, without queueing', async () => {
  const bulkhead = new Bulkhead(2);
  const a = held();
  const b = held();
  const first = bulkhead.run(a.fn);
  const second = bulkhead.run(b.fn);
  let thirdCalled = false;
  const third = bulkhead.run(async () => {
    thirdCalled = true;
    return 'third';
  });
  // Settles before any of the two held calls finishes: a rejection, not a wait in line.
  const raced = await Promise.race([outcome(third), new Promise((resolve) => setImmediate(() => resolve('still waiting')))]);
  assert.notEqual(raced, 'still waiting', 'with 2 of 2 slots taken, the third call was still pending: it should be rejected at once, not queued until a slot frees');
  assert.equal(raced.error?.name, 'BulkheadFullError', `the third call should fail with a BulkheadFullError, got ${raced.error ? `${raced.error.name}: ${raced.error.message}` : `the value ${JSON.stringify(raced.value)}`}`);
  assert.equal(thirdCalled, false, 'a rejected call must not run its function at all');
  assert.equal(bulkhead.active, 2, `active should be 2 (the held calls), got ${bulkhead.active}`);

  a.finish('a');
  assert.equal(await first, 'a', 'the first call should get its value');
  const fourth = await outcome(bulkhead.run(async () => 'fourth'));
  assert.equal(fourth.value, 'fourth', `after one held call finished, a new call should get its slot, got ${fourth.error?.name ?? JSON.stringify(fourth.value)}`);
  b.finish('b');
  assert.equal(await second, 'b', 'the second call should get its value');
  assert.equal(bulkhead.active, 0, `every call has ended: active should be 0, got ${bulkhead.active}`);
});

test('a bulkhead slot comes back however the call ends: a value, a rejection, or a throw', async () => {
  const bulkhead = new Bulkhead(1);
  const failing = [
    ['a rejected promise', async () => Promise.reject(new Error('503'))],
    ['a synchronous throw', () => {
      throw new Error('bug');
    }],
    ['an async throw', async () => {
      throw new Error('timeout');
    }],
  ];
  for (let round = 0; round < 3; round += 1) {
    for (const [what, fn] of failing) {
      const result = await outcome(bulkhead.run(fn));
      assert.ok(result.error && result.error.name !== 'BulkheadFullError', `round ${round + 1}, ${what}: the call should fail with its own error, got ${result.error ? `${result.error.name}: ${result.error.message}` : 'a value'}; a slot was not given back by an earlier failure`);
      assert.equal(bulkhead.active, 0, `round ${round + 1}, after ${what}: active is ${bulkhead.active}; the slot must come back when the call fails (try/finally)`);
    }
  }
  const ok = await outcome(bulkhead.run(async () => 'fine'));
  assert.equal(ok.value, 'fine', 'after nine failed calls the bulkhead of 1 should still admit a call');
});
