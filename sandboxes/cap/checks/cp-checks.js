// Checks for cp-replica.js: a majority-quorum register that refuses rather than lies. Everything
// runs on a simulated network in virtual time, so a partition of seconds takes microseconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReplica } from '../cp-replica.js';
import { createCluster } from '../lib/cluster.js';
import { runWorkload } from '../lib/workload.js';
import { summarize } from '../lib/report.js';
import { assertLinearizable, assertRead, assertRefused, assertWriteOk, outcome } from './support.js';

const cluster = (options = {}) => createCluster({ createReplica, ...options });
/** True for a message that carries `value` anywhere in it, whatever shape your messages have. */
const carries = (message, value) => JSON.stringify(message ?? null).includes(JSON.stringify(value));

test('CP mode: a write acknowledged through one node is read back through every node', async () => {
  const c = cluster();
  assertWriteOk(await c.write('c1', 'n1', 1), 'write 1 through n1, network healthy', c);
  for (const node of ['n1', 'n2', 'n3']) assertRead(await c.read('c2', node), 1, `read through ${node} after write 1 through n1`, c);
  assertWriteOk(await c.write('c2', 'n3', 2), 'write 2 through n3', c);
  assertRead(await c.read('c1', 'n1'), 2, 'read through n1 after write 2 through n3', c);
  assertLinearizable(c, 'healthy network');
});

test('CP mode: during a partition the minority node answers 503 to reads and writes', async () => {
  const c = cluster();
  assertWriteOk(await c.write('c1', 'n1', 'before'), 'write through n1 before the partition', c);
  c.partition(['n1', 'n2'], ['n3']);
  assertRefused(await c.write('c2', 'n3', 'minority'), 'partition n1 n2 | n3: write through n3', c);
  assertRefused(await c.read('c2', 'n3'), 'partition n1 n2 | n3: read through n3', c);
  c.partition(['n1'], ['n2'], ['n3']);
  assertRefused(await c.write('c1', 'n1', 'alone'), 'every node cut off: write through n1', c);
  assertRefused(await c.read('c1', 'n2'), 'every node cut off: read through n2', c);
  assertLinearizable(c, 'minority side during partitions');
});

test('CP mode: during a partition the majority side keeps answering, and reads see its writes', async () => {
  const c = cluster();
  c.partition(['n1', 'n2'], ['n3']);
  assertWriteOk(await c.write('c1', 'n1', 'a'), 'partition n1 n2 | n3: write a through n1 (n1 and n2 are a majority)', c);
  assertRead(await c.read('c2', 'n2'), 'a', 'then read through n2', c);
  assertWriteOk(await c.write('c2', 'n2', 'b'), 'then write b through n2', c);
  assertRead(await c.read('c1', 'n1'), 'b', 'then read through n1', c);
  assertLinearizable(c, 'majority side during a partition');
});

test('CP mode: after the heal every node returns the last acknowledged write, never a refused one', async () => {
  const c = cluster();
  c.partition(['n1', 'n2'], ['n3']);
  assertWriteOk(await c.write('c1', 'n1', 'kept'), 'partition n1 n2 | n3: write kept through n1', c);
  const refused = await c.write('c2', 'n3', 'refused');
  assert.notEqual(refused.status, 200, `write refused through the cut-off n3 was acknowledged (${outcome(refused)}): a minority must not accept writes`);
  c.heal();
  for (const node of ['n3', 'n1', 'n2']) assertRead(await c.read('c3', node), 'kept', `after the heal, read through ${node}`, c);
  assertLinearizable(c, 'partition then heal');
});

test('CP mode: a write through a node that missed updates is not lost (versions come from a majority)', async () => {
  const c = cluster();
  c.partition(['n1', 'n2'], ['n3']);
  for (const value of ['a', 'b', 'c']) assertWriteOk(await c.write('c1', 'n1', value), `partition n1 n2 | n3: write ${value} through n1`, c);
  c.heal();
  assertWriteOk(await c.write('c2', 'n3', 'd'), 'after the heal, write d through n3 (which missed a, b and c)', c);
  for (const node of ['n1', 'n2', 'n3']) assertRead(await c.read('c1', node), 'd', `then read through ${node} (d was the last acknowledged write)`, c);
  assertLinearizable(c, 'write through a lagging node');
});

test('CP mode: two writes through the same node at once leave one value on every node', async () => {
  const c = cluster();
  // The network delivers them in opposite orders: p reaches n2 late, q reaches n3 late.
  c.net.slow(({ to, kind, message }) => kind === 'request' && to === 'n2' && carries(message, 'p'), 8);
  c.net.slow(({ to, kind, message }) => kind === 'request' && to === 'n3' && carries(message, 'q'), 8);
  const [p, q] = await Promise.all([c.write('c1', 'n1', 'p'), c.write('c2', 'n1', 'q')]);
  assertWriteOk(p, 'write p through n1, at the same moment as write q', c);
  assertWriteOk(q, 'write q through n1, at the same moment as write p', c);
  // Read through both nodes of every majority: they must all agree on one value.
  const reads = [];
  for (const [a, b, cut] of [['n2', 'n3', 'n1'], ['n3', 'n1', 'n2'], ['n1', 'n2', 'n3']]) {
    c.partition([a, b], [cut]);
    for (const node of [a, b]) {
      const res = await c.read('c3', node);
      reads.push(`${node}: ${outcome(res)}`);
    }
  }
  const seen = new Set(c.history.ops.filter((op) => op.f === 'read' && op.type === 'ok').map((op) => op.value));
  assert.ok(seen.size === 1, `after two concurrent writes through n1, reads through each majority returned different values (${reads.join(', ')}): did both writes get the same version?${c.errorReport()}`);
  assertLinearizable(c, 'two concurrent writes through one node');
});

test('CP mode: a late, older write does not overwrite a newer value', async () => {
  const c = cluster();
  // The message carrying "older" from n1 to n2 is stuck in the network for 200 ms; n1 and n3 are a majority.
  const unstick = c.net.slow(({ from, to, kind, message }) => from === 'n1' && to === 'n2' && kind === 'request' && carries(message, 'older'), 200);
  assertWriteOk(await c.write('c1', 'n1', 'older'), 'write older through n1 (n1 and n3 reachable, n2 slow)', c);
  c.partition(['n2', 'n3'], ['n1']);
  assertWriteOk(await c.write('c2', 'n3', 'newer'), 'then, with n1 cut off, write newer through n3 (n2 and n3 are a majority)', c);
  c.heal();
  await c.runFor(300); // the late message carrying "older" reaches n2 now
  unstick();
  c.partition(['n1', 'n2'], ['n3']);
  assertRead(await c.read('c1', 'n1'), 'newer', 'after the late message carrying older reached n2, read through n1 with n3 cut off (newer was written after older)', c);
  assertLinearizable(c, 'late older write');
});

test('CP mode: once a read returns a value, later reads never return an older one (read write-back)', async () => {
  // A write that reaches one replica only, then two reads through different majorities. Two
  // variants, because where the value lands depends on whether the writing node stores it first.
  for (const variant of ['only the writing node n1 stores it', 'only n2 stores it']) {
    const c = cluster();
    assertWriteOk(await c.write('c1', 'n1', 'v-old'), `${variant}: write v-old through n1`, c);
    const stops =
      variant === 'only the writing node n1 stores it'
        ? [c.net.drop(({ message }) => carries(message, 'v-new'))]
        : [
            c.net.drop(({ from, to, kind, message }) => carries(message, 'v-new') && !(from === 'n1' && to === 'n2' && kind === 'request')),
            c.net.drop(({ from, to }) => from === 'n2' && to === 'n1'),
          ];
    const partial = await c.write('c1', 'n1', 'v-new');
    assert.notEqual(partial.status, 200, `${variant}: write v-new was acknowledged (${outcome(partial)}) although no majority received it`);
    stops.forEach((stop) => stop());
    const [x, y] = variant === 'only the writing node n1 stores it' ? [['n1', 'n2'], ['n2', 'n3']] : [['n2', 'n3'], ['n1', 'n3']];
    c.partition(x, ['n1', 'n2', 'n3'].filter((n) => !x.includes(n)));
    const first = await c.read('c2', x[0]);
    c.partition(y, ['n1', 'n2', 'n3'].filter((n) => !y.includes(n)));
    const second = await c.read('c3', y.at(-1));
    if (first.status === 200 && first.value === 'v-new') {
      assertRead(second, 'v-new', `${variant}: a read through ${x[0]} returned v-new, then a read through ${y.at(-1)} (majority ${y.join(' ')})`, c);
    }
    assertLinearizable(c, variant);
  }
});

test('CP mode: histories stay linearizable under random partitions (seeds 1 to 5)', async () => {
  for (let seed = 1; seed <= 5; seed += 1) {
    const c = cluster({ seed });
    const { final, partitions } = await runWorkload(c, { seed });
    const s = summarize(c.history.ops);
    assertLinearizable(c, `seed ${seed} (${s.operations} operations, ${partitions} partition changes)`);
    assert.ok(s.writesAcknowledged > 0, `seed ${seed}: no write was acknowledged in ${s.operations} operations; the majority side should keep working${c.errorReport()}`);
    assert.ok(s.writesRefused + s.readsRefused > 0, `seed ${seed}: not a single 503 during ${partitions} partition changes; a node without a majority must refuse${c.errorReport()}`);
    const values = Object.values(final);
    assert.ok(values.every((v) => v === values[0]), `seed ${seed}: after the heal the nodes returned different values: ${JSON.stringify(final)}${c.errorReport()}`);
  }
});
