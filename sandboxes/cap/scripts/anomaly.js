// The lesson's anomaly vector, run against your replicas: partition n1 n2 | n3; c1 writes 1
// through n1 at 10 ms; c2 writes 2 through n3 8 ms after write 1 was acknowledged; c1 reads
// through n1 8 ms after write 2 was answered. Then the partition heals and every node is read.
import { createReplica as createCpReplica } from '../cp-replica.js';
import { createReplica as createApReplica } from '../ap-replica.js';
import { createCluster } from '../lib/cluster.js';
import { describeOp, formatHistory } from '../lib/history.js';
import { lostWrites } from '../lib/report.js';

const show = (res) => (res.status === 200 ? (res.op.f === 'read' ? `200, value ${JSON.stringify(res.value)}` : '200') : String(res.status));

async function vector(title, createReplica, options = {}) {
  const c = createCluster({ createReplica, ...options });
  c.partition(['n1', 'n2'], ['n3']);
  await c.runUntil(10);
  const w1 = await c.write('c1', 'n1', 1);
  await c.runFor(8); // write 2 starts only after write 1 was acknowledged, or the vector proves nothing
  const w2 = await c.write('c2', 'n3', 2);
  await c.runFor(8);
  const read = await c.read('c1', 'n1');
  const ops = c.history.ops;
  const verdict = c.check();

  c.heal();
  await c.runFor(300);
  const after = {};
  for (const node of c.nodes) {
    const res = await c.read('probe', node);
    after[node] = res.status === 200 ? res.value : `(${res.status})`;
  }
  const values = Object.values(after);
  const lost = values.every((v) => v === values[0]) ? lostWrites(ops, values[0]) : null;

  console.log(`== ${title}`);
  console.log(formatHistory(ops));
  console.log(`write 1 through n1 (side A):      ${show(w1)}`);
  console.log(`write 2 through n3 (side B):      ${show(w2)}`);
  console.log(`read through n1 after both:       ${show(read)}`);
  console.log(`checker:                          ${verdict.ok ? 'linearizable' : `violation: ${verdict.explanation}`}`);
  console.log(`300 ms after the heal:            ${Object.entries(after).map(([n, v]) => `${n}=${JSON.stringify(v)}`).join(' ')}`);
  console.log(`acknowledged writes lost:         ${lost === null ? 'replicas disagree' : lost.length ? `${lost.length} (${lost.map(describeOp).join('; ')})` : 0}`);
  if (c.errors.length) console.log(`replica errors:                   ${c.errors.length}, first: ${c.errors[0]}`);
  console.log('');
}

await vector('CP mode (expected: write 2 refused with 503, read 1, linearizable, 0 lost)', createCpReplica);
await vector('AP mode, clocks in sync (expected: both writes 200, read 1, violation; converges to 2)', createApReplica);
await vector("AP mode, n3's clock 15 ms slow (expected: converges to 1, write 2 lost though acknowledged)", createApReplica, { clockOffsets: { n3: -15 } });
