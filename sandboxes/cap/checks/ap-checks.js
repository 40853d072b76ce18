// Checks for ap-replica.js: a last-writer-wins register that answers everywhere and converges after
// the heal. Its histories are not linearizable; these checks make sure the checker sees that too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReplica } from '../ap-replica.js';
import { createCluster } from '../lib/cluster.js';
import { runWorkload } from '../lib/workload.js';
import { lostWrites, summarize } from '../lib/report.js';
import { describeOp } from '../lib/history.js';
import { assertRead, assertWriteOk } from './support.js';

const cluster = (options = {}) => createCluster({ createReplica, ...options });

/** Every node's value, read through each node in turn. */
async function values(c) {
  const out = {};
  for (const node of c.nodes) {
    const res = await c.read('probe', node);
    out[node] = res.status === 200 ? res.value : `(${res.status})`;
  }
  return out;
}

/**
 * The anomaly vector from the lesson: partition n1 n2 | n3, write 1 through n1 at 10 ms, write 2
 * through n3 8 ms after write 1 was acknowledged, read through n1 8 ms after write 2 was
 * acknowledged (10, 20 and 30 ms when each node answers in 2 ms, as in the lesson).
 */
async function anomalyVector(c) {
  c.partition(['n1', 'n2'], ['n3']);
  await c.runUntil(10);
  const w1 = await c.write('c1', 'n1', 1);
  await c.runFor(8); // write 2 starts only after write 1 was acknowledged, or the vector proves nothing
  const w2 = await c.write('c2', 'n3', 2);
  await c.runFor(8);
  const read = await c.read('c1', 'n1');
  return { w1, w2, read };
}

test('AP mode: during a partition every node answers, and writes reach the nodes on their side', async () => {
  const c = cluster();
  c.partition(['n1', 'n2'], ['n3']);
  assertWriteOk(await c.write('c1', 'n1', 'a'), 'partition n1 n2 | n3: write a through n1', c);
  assertWriteOk(await c.write('c2', 'n3', 'b'), 'partition n1 n2 | n3: write b through the cut-off n3 (AP answers anyway)', c);
  assertRead(await c.read('c2', 'n3'), 'b', 'then read through n3', c);
  await c.runFor(300);
  assertRead(await c.read('c1', 'n2'), 'a', 'write a through n1, 300 ms later read through n2 (same side)', c);
  c.partition(['n1'], ['n2'], ['n3']);
  for (const node of c.nodes) {
    assertWriteOk(await c.write('c3', node, `alone-${node}`), `every node cut off: write through ${node}`, c);
    assertRead(await c.read('c3', node), `alone-${node}`, `every node cut off: read through ${node} after writing alone-${node} there`, c);
  }
});

test('AP mode: the anomaly vector is acknowledged on both sides and the checker reports a violation', async () => {
  const c = cluster();
  const { w1, w2, read } = await anomalyVector(c);
  assertWriteOk(w1, 'write 1 through n1 (side A)', c);
  assertWriteOk(w2, 'write 2 through n3 (side B, cut off: AP answers anyway)', c);
  assert.ok(w2.op.invoke > w1.op.complete, `write 2 must start after write 1 was acknowledged (write 1 done at ${w1.op.complete} ms, write 2 started at ${w2.op.invoke} ms)`);
  assert.ok(read.op.invoke > w2.op.complete, `the read must start after write 2 was acknowledged (${w2.op.complete} ms), it started at ${read.op.invoke} ms`);
  assertRead(read, 1, 'read through n1 after both writes (n1 cannot have heard of write 2 across the partition)', c);
  const verdict = c.check();
  assert.equal(verdict.ok, false, `the checker accepted ${c.history.ops.map(describeOp).join('; ')}: it should report a violation`);
  assert.equal(verdict.culprit?.index, read.op.index, `the violation should be the read: ${verdict.explanation}`);
});

test('AP mode: after the heal every replica converges to the write with the highest timestamp', async () => {
  // Clocks in sync: write 2 has the later stamp and wins everywhere.
  const synced = cluster();
  await anomalyVector(synced);
  synced.heal();
  await synced.runFor(300);
  const inSync = await values(synced);
  assert.deepEqual(inSync, { n1: 2, n2: 2, n3: 2 }, `clocks in sync, write 1 at n1 then write 2 at n3, 300 ms after the heal: replicas hold ${JSON.stringify(inSync)}, expected 2 everywhere${synced.errorReport()}`);

  // n3's clock 15 ms slow: write 2 is stamped before write 1, so write 1 wins and write 2, though acknowledged, is lost.
  const skewed = cluster({ clockOffsets: { n3: -15 } });
  await anomalyVector(skewed);
  skewed.heal();
  await skewed.runFor(300);
  const afterSkew = await values(skewed);
  assert.deepEqual(afterSkew, { n1: 1, n2: 1, n3: 1 }, `n3's clock 15 ms slow, so write 2 carries the lower timestamp: replicas hold ${JSON.stringify(afterSkew)}, expected 1 everywhere${skewed.errorReport()}`);
  const lost = lostWrites(skewed.history.ops, 1).map((op) => op.value);
  assert.deepEqual(lost, [2], `acknowledged writes lost: ${JSON.stringify(lost)}, expected [2]`);
});

test('AP mode: on equal timestamps the higher node id wins on every replica', async () => {
  // Clocks with 1-second resolution: both writes get the same timestamp, so the node id decides.
  for (const [first, second] of [['n1', 'n3'], ['n3', 'n1']]) {
    const c = cluster({ clockResolutionMs: 1000 });
    c.partition(['n1', 'n2'], ['n3']);
    await c.runUntil(10);
    assertWriteOk(await c.write('c1', first, `from-${first}`), `write from-${first} through ${first}`, c);
    await c.runUntil(20);
    assertWriteOk(await c.write('c2', second, `from-${second}`), `write from-${second} through ${second}`, c);
    c.heal();
    await c.runFor(300);
    const got = await values(c);
    const want = { n1: 'from-n3', n2: 'from-n3', n3: 'from-n3' };
    assert.deepEqual(got, want, `same-second writes, ${first} first then ${second}, 300 ms after the heal: replicas hold ${JSON.stringify(got)}, expected from-n3 everywhere (n3 > n1)${c.errorReport()}`);
  }
});

test('AP mode: a write is stamped above every stamp its node has seen, so a slow clock does not lose the node\'s own newer write', async () => {
  // No partition. n3's clock runs 15 ms slow. Write a through n1 at 10 ms: stamped about
  // 1,000,010 and pushed to n3 at once. Write b through n3 at 20 ms, after n3 already holds a:
  // n3's clock reads about 1,000,005, below a's stamp. Stamped with the clock alone, b would lose
  // to a on n3 itself, though it came later and was acknowledged.
  const c = cluster({ clockOffsets: { n3: -15 } });
  await c.runUntil(10);
  assertWriteOk(await c.write('c1', 'n1', 'a'), 'write a through n1', c);
  await c.runUntil(20);
  assertRead(await c.read('c2', 'n3'), 'a', 'write a through n1 at 10 ms, read through n3 at 20 ms (a was pushed there)', c);
  assertWriteOk(await c.write('c2', 'n3', 'b'), 'then write b through n3', c);
  assertRead(
    await c.read('c2', 'n3'),
    'b',
    "write b through n3 (clock 15 ms slow) after n3 already held a, then read through n3: c2 must read its own acknowledged write. Stamped with n3's clock alone, b carries a lower timestamp than a, which n3 has already seen, so n3's own merge throws b away. Stamp a write with max(clock, highest ts this replica holds + 1)",
    c,
  );
  await c.runFor(300);
  const got = await values(c);
  assert.deepEqual(got, { n1: 'b', n2: 'b', n3: 'b' }, `300 ms later the replicas hold ${JSON.stringify(got)}, expected b everywhere: b was written after n3 had seen a, so it must carry the higher stamp${c.errorReport()}`);

  // Clocks that tick once a second: two writes through one node in the same second need two stamps.
  const coarse = cluster({ clockResolutionMs: 1000 });
  for (const v of ['x', 'y']) assertWriteOk(await coarse.write('c1', 'n1', v), `clock resolution 1 s: write ${v} through n1`, coarse);
  assertRead(await coarse.read('c1', 'n1'), 'y', 'clock resolution 1 s: write x then y through n1 in the same second, then read through n1: the later write must win, so it needs a higher stamp than x, not an equal one', coarse);
});

test('AP mode: under random partitions every request is answered and replicas converge after the heal (seeds 1 to 5)', async () => {
  for (let seed = 1; seed <= 5; seed += 1) {
    const c = cluster({ seed });
    const { final, partitions } = await runWorkload(c, { seed });
    const s = summarize(c.history.ops);
    const unanswered = s.writesRefused + s.writesUnknown + s.readsRefused + s.readsUnknown;
    assert.equal(unanswered, 0, `seed ${seed}: ${unanswered} of ${s.operations} requests were refused or unanswered during ${partitions} partition changes; an AP node answers every request${c.errorReport()}`);
    const distinct = new Set(Object.values(final).map((v) => JSON.stringify(v)));
    assert.equal(distinct.size, 1, `seed ${seed}: 400 ms after the heal the replicas still disagree: ${JSON.stringify(final)}; anti-entropy should bring them to one value${c.errorReport()}`);
  }
});
