// A seeded random workload: a few clients reading and writing through random nodes while a nemesis
// splits the network in random ways, then a heal, a pause, and a final read through every node.
// The clients' choices and the partition schedule come from the seed alone, so the same seed is the
// same workload in CP and in AP mode.
import { createRandom } from './random.js';

/** The ways the nemesis can split three replicas (null = healthy). */
export const SPLITS = [null, [['n1', 'n2'], ['n3']], [['n1', 'n3'], ['n2']], [['n2', 'n3'], ['n1']], [['n1'], ['n2'], ['n3']]];

export async function runWorkload(
  cluster,
  { seed = 1, clients = 3, opsPerClient = 30, thinkMs = [0, 12], partitionEveryMs = [15, 70], writeShare = 0.5, settleMs = 400 } = {},
) {
  let running = clients;
  let partitions = 0;
  const start = cluster.now;

  async function client(i) {
    const rand = createRandom(seed * 1000 + i);
    const name = `c${i}`;
    for (let k = 1; k <= opsPerClient; k += 1) {
      await cluster.runFor(rand.int(thinkMs[0], thinkMs[1]));
      const node = rand.pick(cluster.nodes);
      if (rand.chance(writeShare)) await cluster.write(name, node, i * 100 + k);
      else await cluster.read(name, node);
    }
    running -= 1;
  }

  async function nemesis() {
    const rand = createRandom(seed * 1000 + 999);
    while (running > 0) {
      await cluster.runFor(rand.int(partitionEveryMs[0], partitionEveryMs[1]));
      if (running === 0) break;
      const split = rand.pick(SPLITS);
      if (split) cluster.partition(...split);
      else cluster.heal();
      partitions += 1;
    }
  }

  const clientRuns = [];
  for (let i = 1; i <= clients; i += 1) clientRuns.push(client(i));
  await Promise.all([...clientRuns, nemesis()]);
  cluster.heal();
  await cluster.runFor(settleMs);
  const final = {};
  for (const node of cluster.nodes) {
    const res = await cluster.read('final', node);
    final[node] = res.status === 200 ? res.value : `(${res.status})`;
  }
  return { final, partitions, durationMs: cluster.now - start };
}
