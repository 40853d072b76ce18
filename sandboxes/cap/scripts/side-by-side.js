// The same workload against cp-replica.js and ap-replica.js: three clients reading and writing
// through random nodes while the network splits at random, then a heal and a final read through
// every node. n3's clock runs 40 ms slow, as zone B's did in the lesson's incident.
// Usage: node scripts/side-by-side.js [seed]   (default 1)
import { createReplica as createCpReplica } from '../cp-replica.js';
import { createReplica as createApReplica } from '../ap-replica.js';
import { createCluster } from '../lib/cluster.js';
import { runWorkload } from '../lib/workload.js';
import { lostWrites, summarize } from '../lib/report.js';

const seed = Number(process.argv[2] ?? 1);
if (!Number.isInteger(seed)) {
  console.log(`the seed must be an integer, got ${process.argv[2]}`);
  process.exit(1);
}
const CLOCKS = { n3: -40 };

async function run(createReplica) {
  const cluster = createCluster({ createReplica, seed, clockOffsets: CLOCKS });
  const { final, partitions, durationMs } = await runWorkload(cluster, { seed });
  const ops = cluster.history.ops;
  const values = Object.values(final).map((v) => JSON.stringify(v));
  const converged = values.every((v) => v === values[0]);
  const lost = converged
    ? String(lostWrites(ops, final.n1).length)
    : cluster.nodes.map((n) => `${n}:${lostWrites(ops, final[n]).length}`).join(' ');
  return { summary: summarize(ops), final, converged, lost, partitions, durationMs, verdict: cluster.check(), errors: cluster.errors };
}

const cp = await run(createCpReplica);
const ap = await run(createApReplica);
const finalText = (r) => Object.entries(r.final).map(([n, v]) => `${n}=${JSON.stringify(v)}`).join(' ') + (r.converged ? '' : ' (disagree)');
const rows = [
  ['operations (incl. 3 final reads)', (r) => r.summary.operations],
  ['partition changes', (r) => r.partitions],
  ['simulated time (ms)', (r) => r.durationMs],
  ['writes acknowledged (200)', (r) => r.summary.writesAcknowledged],
  ['writes refused (503)', (r) => r.summary.writesRefused],
  ['writes unknown (timeout, 504)', (r) => r.summary.writesUnknown],
  ['reads answered (200)', (r) => r.summary.readsAnswered],
  ['reads refused (503)', (r) => r.summary.readsRefused],
  ['values after the heal', finalText],
  ['acknowledged writes lost', (r) => r.lost],
  ['linearizable (checker)', (r) => (r.verdict.ok ? 'yes' : 'no')],
];

console.log(`same workload, seed ${seed}: 3 clients x 30 operations, random partitions, n3's clock 40 ms slow\n`);
console.log(`${''.padEnd(34)}${'CP'.padEnd(34)}AP`);
for (const [label, get] of rows) console.log(`${label.padEnd(34)}${String(get(cp)).padEnd(34)}${get(ap)}`);
for (const [mode, r] of [['CP', cp], ['AP', ap]]) {
  if (!r.verdict.ok) console.log(`\n${mode} first violation: ${r.verdict.explanation}`);
  if (r.errors.length) console.log(`\n${mode} replica errors (${r.errors.length}): ${r.errors[0]}`);
}
console.log('\n(a refusal waits for a peer timeout, so CP runs longer and meets more partition changes)');
console.log('expected: CP linearizable with 0 writes lost, paying in 503s; AP refuses nothing, is not linearizable, and can lose acknowledged writes');
