// Checks for plan.js: order, minimal diffs, guarded destroys, cycles and drift. The world is a
// fake cloud that hands attributes back the way providers do (computed id and arn, sorted keys).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plan } from '../plan.js';
import { createCloud } from '../lib/cloud.js';
import { summaryLine } from '../lib/format.js';
import { fernhillToday, fernhillWithCache } from '../lib/stacks.js';
import { assertDependencyOrder } from './helpers.js';

const brief = (p) => (p?.actions ?? []).map((a) => `${a.action} ${a.address}`).join(', ') || '(no actions)';
const assertSummary = (p, expected) => assert.equal(summaryLine(p), expected, `expected "${expected}", the plan was: ${brief(p)}`);

/** A cloud that already runs `stack`, with the state the apply that built it recorded. */
async function world(stack = fernhillToday()) {
  const cloud = createCloud();
  const state = cloud.seed(stack);
  return { cloud, state, actual: await cloud.read() };
}

test('a new stack is planned as creates, each after the resources it depends on', () => {
  const desired = fernhillWithCache();
  const p = plan(desired, {});
  const creates = (p.actions ?? []).filter((a) => a.action === 'create').map((a) => a.address).sort();
  assert.deepEqual(creates, Object.keys(desired).sort(), `every resource should be created, got ${brief(p)}`);
  assertSummary(p, 'Plan: 9 to add, 0 to change, 0 to destroy.');
  assertDependencyOrder(p.actions, desired);
  const cache = p.actions.find((a) => a.address === 'cache.sessions');
  assert.deepEqual(cache?.attrs, desired['cache.sessions'].attrs, 'a create carries the attrs to create with');
  assert.deepEqual(cache?.dependsOn, ['security_group.app'], 'a create carries its dependsOn (the cloud checks them)');

  // Written backwards on purpose: neither the order of the keys nor the alphabet is the answer.
  const chain = {
    'app.web': { attrs: {}, dependsOn: ['db.main'] },
    'db.main': { attrs: {}, dependsOn: ['net.private'] },
    'net.private': { attrs: {}, dependsOn: ['zone.eu'] },
    'zone.eu': { attrs: {}, dependsOn: [] },
  };
  const order = plan(chain, {}).actions.map((a) => a.address);
  assert.deepEqual(order, ['zone.eu', 'net.private', 'db.main', 'app.web'], `a chain app -> db -> net -> zone must be created zone first, got ${order.join(', ')}`);
});

test('an update lists only the changed fields, ignoring what the provider adds and its key order', async () => {
  const { actual } = await world();
  const same = plan(fernhillToday(), actual);
  assert.deepEqual(same.actions, [], `the configuration that built this world should plan nothing, got ${brief(same)}. Compare only the attributes you declare (the cloud adds id and arn) with isEqual (it sorts object keys)`);
  assertSummary(same, 'No changes. Your infrastructure matches the configuration.');

  const desired = fernhillToday();
  desired['launch_template.app'].attrs.image = 'app-v42';
  desired['database.orders'].attrs.tags = { env: 'prod', team: 'orders' }; // same tags, other key order
  const p = plan(desired, actual);
  assert.equal(p.actions.length, 1, `only the launch template changed, got ${brief(p)}`);
  const [update] = p.actions;
  assert.equal(update.action, 'update');
  assert.equal(update.address, 'launch_template.app');
  assert.deepEqual(update.changes, [{ field: 'image', from: 'app-v41', to: 'app-v42' }], `changes should list just the image, got ${JSON.stringify(update.changes)}`);
  assert.deepEqual(update.attrs, desired['launch_template.app'].attrs, 'an update carries the full declared attrs to set');
});

test('deletes come after creates and updates, dependents before what they depend on', async () => {
  const { actual } = await world();
  const desired = fernhillToday();
  for (const gone of ['autoscaling_group.app', 'launch_template.app', 'iam_policy.app', 'queue.legacy_events']) delete desired[gone];
  desired['security_group.app'].attrs.ingress = [443];
  desired['cache.sessions'] = { attrs: { engine: 'redis', node_type: 'cache.t4g.small', nodes: 1 }, dependsOn: ['security_group.app'] };
  const p = plan(desired, actual, { allowDelete: true });
  const deletes = p.actions.filter((a) => a.action === 'delete').map((a) => a.address).sort();
  assert.deepEqual(deletes, ['autoscaling_group.app', 'iam_policy.app', 'launch_template.app', 'queue.legacy_events'], `the four removed resources should be deleted, got ${brief(p)}`);
  assertDependencyOrder(p.actions, desired, actual);
  assertSummary(p, 'Plan: 1 to add, 1 to change, 4 to destroy.');
});

test('without allowDelete, deletes and replacements are refused with a reason and the rest is still planned', async () => {
  const { actual } = await world();
  const p = plan(fernhillWithCache(), actual);
  const destroying = (p.actions ?? []).filter((a) => a.action === 'delete' || a.action === 'replace');
  assert.deepEqual(destroying.map((a) => `${a.action} ${a.address}`), [], 'without allowDelete no action may destroy anything');
  const refused = (p.refused ?? []).map((r) => `${r.action} ${r.address}`).sort();
  assert.deepEqual(refused, ['delete queue.legacy_events', 'replace instance.bastion'], `refused should hold the queue's delete and the bastion's replacement, got ${JSON.stringify(p.refused)}`);
  for (const r of p.refused) assert.ok(typeof r.reason === 'string' && r.reason.length > 10, `a refusal says why (and how to allow it), got ${JSON.stringify(r)}`);
  assertSummary(p, 'Plan: 1 to add, 4 to change, 0 to destroy.');
});

test("the lesson's change plans 2 to add, 4 to change, 2 to destroy: a replacement counts as both", async () => {
  const { actual } = await world();
  const desired = fernhillWithCache();
  const p = plan(desired, actual, { allowDelete: true });
  assertSummary(p, 'Plan: 2 to add, 4 to change, 2 to destroy.');
  const bastion = p.actions.find((a) => a.address === 'instance.bastion');
  assert.equal(bastion?.action, 'replace', `a new ami cannot be set in place (forceNewFields('instance.bastion') is ['ami']): expected replace, got ${bastion?.action}`);
  assert.deepEqual(bastion.changes, [{ field: 'ami', from: 'ami-2024-01', to: 'ami-2026-02' }]);
  const kinds = Object.fromEntries(p.actions.map((a) => [a.address, a.action]));
  assert.deepEqual(kinds, {
    'security_group.app': 'update',
    'cache.sessions': 'create',
    'launch_template.app': 'update',
    'autoscaling_group.app': 'update',
    'iam_policy.app': 'update',
    'instance.bastion': 'replace',
    'queue.legacy_events': 'delete',
  }, `got ${brief(p)}`);
  assertDependencyOrder(p.actions, desired, actual);
});

test('a dependency cycle is reported with its path, and a missing dependency by name', () => {
  const cyclic = {
    'vpc.main': { attrs: {}, dependsOn: [] },
    'service.a': { attrs: {}, dependsOn: ['service.b', 'vpc.main'] },
    'service.b': { attrs: {}, dependsOn: ['service.c'] },
    'service.c': { attrs: {}, dependsOn: ['service.a'] },
    'app.entry': { attrs: {}, dependsOn: ['service.b'] }, // leads into the cycle, is not on it
  };
  let error;
  try {
    plan(cyclic, {});
  } catch (err) {
    error = err;
  }
  assert.ok(error instanceof Error, 'a -> b -> c -> a has no valid order: plan should throw an Error');
  const path = (error.message.match(/[\w.-]+(?:\s*->\s*[\w.-]+)+/) ?? [''])[0].split(/\s*->\s*/).filter(Boolean);
  assert.ok(path.length >= 4 && path[0] === path.at(-1), `the message should show the cycle as a path that comes back to its start, like "service.a -> service.b -> service.c -> service.a", got "${error.message}"`);
  assert.deepEqual([...new Set(path)].sort(), ['service.a', 'service.b', 'service.c'], `the path should hold exactly the resources on the cycle, got "${error.message}"`);
  const edges = path.slice(1).map((to, i) => [path[i], to]);
  const forward = edges.every(([from, to]) => cyclic[from].dependsOn.includes(to));
  const backward = edges.every(([from, to]) => cyclic[to].dependsOn.includes(from));
  assert.ok(forward || backward, `each step of the path should be a real dependency, got "${error.message}"`);

  assert.throws(() => plan({ 'service.a': { attrs: {}, dependsOn: ['service.a'] } }, {}), /service\.a/, 'a resource that depends on itself is a cycle too');

  let missing;
  try {
    plan({ 'app.web': { attrs: {}, dependsOn: ['db.gone'] } }, {});
  } catch (err) {
    missing = err;
  }
  assert.ok(missing instanceof Error, 'a dependency that is not in the configuration should throw');
  assert.match(missing.message, /app\.web/, `name the resource: ${missing.message}`);
  assert.match(missing.message, /db\.gone/, `name the missing dependency: ${missing.message}`);
});

test('drift: a change made outside is reported with the differing fields, and the plan puts it back', async () => {
  const { cloud, state, actual: before } = await world();
  assert.deepEqual(plan(fernhillToday(), before, { state }).drift, [], 'a world that matches its state has no drift');
  const edited = fernhillToday();
  edited['launch_template.app'].attrs.image = 'app-v42';
  const own = plan(edited, before, { state });
  assert.deepEqual(own.drift, [], `a change in the configuration is not drift (drift compares the state with the cloud), got ${JSON.stringify(own.drift)}`);
  cloud.edit('security_group.app', { ingress: [8080, 22] });
  cloud.edit('database.orders', { deletion_protection: false });
  const actual = await cloud.read();
  const p = plan(fernhillToday(), actual, { state });
  const drift = [...(p.drift ?? [])].sort((a, b) => a.address.localeCompare(b.address));
  assert.deepEqual(
    drift,
    [
      { address: 'database.orders', kind: 'changed', fields: [{ field: 'deletion_protection', recorded: true, actual: false }] },
      { address: 'security_group.app', kind: 'changed', fields: [{ field: 'ingress', recorded: [8080], actual: [8080, 22] }] },
    ],
    `drift should name each object changed in the console and its fields, got ${JSON.stringify(p.drift)}`,
  );
  const sg = p.actions.find((a) => a.address === 'security_group.app');
  assert.deepEqual(sg?.changes, [{ field: 'ingress', from: [8080, 22], to: [8080] }], `the plan should put the rule back (update ingress to [8080]), got ${brief(p)}`);
  assertSummary(p, 'Plan: 0 to add, 2 to change, 0 to destroy.');
});

test('drift: a resource deleted outside is reported and planned for creation again', async () => {
  const { cloud, state } = await world();
  cloud.remove('instance.bastion');
  const p = plan(fernhillToday(), await cloud.read(), { state });
  assert.deepEqual(p.drift, [{ address: 'instance.bastion', kind: 'deleted', fields: [] }], `got ${JSON.stringify(p.drift)}`);
  assert.equal(brief(p), 'create instance.bastion');
});
