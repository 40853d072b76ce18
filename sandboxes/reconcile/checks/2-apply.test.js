// Checks for apply.js: the plan carried out on a cloud that refuses out-of-order calls, and
// applied twice to see that the second time changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apply } from '../apply.js';
import { createCloud } from '../lib/cloud.js';
import { createBackend } from '../lib/backend.js';
import { fakeClock } from '../lib/clock.js';
import { fernhillToday, fernhillWithCache } from '../lib/stacks.js';
import { declared, declaredInCloud } from './helpers.js';

function setup({ seedWith, withState = true } = {}) {
  const cloud = createCloud();
  const state = seedWith ? cloud.seed(seedWith) : {};
  const backend = createBackend({ state: withState ? state : {} });
  const clock = fakeClock();
  return { cloud, backend, clock, run: (desired, opts = {}) => apply(desired, { cloud, backend, clock, who: 'ci@fernhill', ...opts }) };
}

const brief = (r) => (r?.plan?.actions ?? []).map((a) => `${a.action} ${a.address}`).join(', ') || '(no actions)';
function assertSummary(result, expected, what) {
  assert.equal(result?.summary, expected, `${what}: expected "${expected}", got "${result?.summary}" for the plan: ${brief(result)}`);
}

async function applied(promise, what) {
  try {
    return await promise;
  } catch (err) {
    assert.fail(`${what}: apply threw ${err.name}: ${err.message}`);
  }
}

test('apply builds a new stack on a cloud that refuses out-of-order calls, and records it', async () => {
  const { cloud, backend, run } = setup();
  const desired = fernhillWithCache();
  const result = await applied(run(desired), 'applying a new stack');
  assertSummary(result, 'Plan: 9 to add, 0 to change, 0 to destroy.', 'the first apply of a new stack');
  assert.deepEqual(await declaredInCloud(cloud, desired), declared(desired), 'the cloud should now hold every resource as declared');
  assert.deepEqual(backend.peek().state, declared(desired), 'the state should record each resource with its declared attributes');
  assert.equal(backend.peek().lock, null, 'the lock is released after the apply');
});

test('a second apply plans nothing and makes no calls to the cloud', async () => {
  const { cloud, run } = setup();
  const desired = fernhillWithCache();
  await applied(run(desired), 'the first apply');
  const calls = cloud.calls.length;
  const second = await applied(run(desired), 'the second apply');
  assertSummary(second, 'No changes. Your infrastructure matches the configuration.', 'the second apply');
  assert.deepEqual(cloud.calls.slice(calls), [], 'the second apply should not call the cloud at all');

  // The same on a world built long ago, whose attributes come back with id, arn and sorted keys,
  // and whose state was lost: the apply finds nothing to do and records everything again.
  const old = setup({ seedWith: fernhillToday(), withState: false });
  const again = await applied(old.run(fernhillToday()), 'applying the configuration a world was built from');
  assertSummary(again, 'No changes. Your infrastructure matches the configuration.', 'the configuration a world was built from');
  assert.deepEqual(old.cloud.calls, [], 'nothing to do means no calls');
  assert.deepEqual(old.backend.peek().state, declared(fernhillToday()), 'the state should record every resource of the configuration, also the ones that needed no change');
});

test("apply carries out the lesson's change in an order the cloud accepts, and a second apply says No changes", async () => {
  const { cloud, backend, run } = setup({ seedWith: fernhillToday() });
  const before = await cloud.read();
  const desired = fernhillWithCache();
  const result = await applied(run(desired, { allowDelete: true }), 'applying the reviewed change with allowDelete');
  assertSummary(result, 'Plan: 2 to add, 4 to change, 2 to destroy.', 'the reviewed change');
  const after = await cloud.read();
  assert.deepEqual(Object.keys(after).sort(), Object.keys(desired).sort(), 'the queue is gone and the cache exists');
  assert.deepEqual(await declaredInCloud(cloud, desired), declared(desired), 'every resource is now as declared');
  assert.notEqual(after['instance.bastion'].attrs.id, before['instance.bastion'].attrs.id, 'the bastion was replaced (deleted and created again, so a new id), not updated');
  assert.deepEqual(backend.peek().state, declared(desired), 'the state records the new configuration');
  const second = await applied(run(desired, { allowDelete: true }), 'the second apply');
  assertSummary(second, 'No changes. Your infrastructure matches the configuration.', 'the second apply');
});

test('apply puts drift back, and the next plan is clean', async () => {
  const { cloud, backend, run } = setup({ seedWith: fernhillToday() });
  cloud.edit('security_group.app', { ingress: [8080, 22] });
  const result = await applied(run(fernhillToday()), 'applying after a console edit');
  assert.equal(result?.plan?.drift?.length, 1, `the apply's plan should report the drift, got ${JSON.stringify(result?.plan?.drift)}`);
  assertSummary(result, 'Plan: 0 to add, 1 to change, 0 to destroy.', 'the apply after the console edit');
  assert.deepEqual((await cloud.read())['security_group.app'].attrs.ingress, [8080], 'the rule opened in the console is removed');
  const next = await applied(run(fernhillToday()), 'the apply after that');
  assertSummary(next, 'No changes. Your infrastructure matches the configuration.', 'the apply after that');
  assert.deepEqual(next.plan.drift, [], 'no drift is left');
  assert.equal(backend.peek().lock, null);
});
