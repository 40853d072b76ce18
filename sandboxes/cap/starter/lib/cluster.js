// A three-replica register on a simulated network, with clients that record every operation.
//
// Each replica is built by your createReplica(node) and must return
//   { handleClient(request), handlePeer(from, message) }
// handleClient gets { op: 'read' } or { op: 'write', value } from a client and returns
//   { status: 200, value }   a read that succeeded (value: the register's value, null if never written)
//   { status: 200 }          a write that succeeded
//   { status: 503 }          refused: the operation certainly did not happen (recorded as fail)
//   any other status         outcome unknown (recorded as info), e.g. 504 when you cannot tell
// handlePeer gets whatever another replica sent with node.call and returns the reply.
// Both may be async.
//
// The `node` your replica gets:
//   node.id                 'n1', 'n2' or 'n3'
//   node.peers              the other two ids
//   node.clock.now()        this node's wall clock in ms (it starts at 1,000,000 and can be skewed)
//   node.call(peer, msg)    send msg to a peer; resolves to its reply, or to undefined if no reply came
//                           back within node.rpcTimeoutMs (the peer may or may not have processed it)
//   node.every(ms, fn)      run fn every ms (virtual time), e.g. for anti-entropy
//   node.rpcTimeoutMs       how long node.call waits
// Time is virtual: never use setTimeout, setInterval or Date.now() in a replica.
//
// Clients are next to their node and always reach it; partitions cut replicas from each other.
import { createScheduler } from './scheduler.js';
import { createNetwork } from './network.js';
import { createRandom } from './random.js';
import { createHistory } from './history.js';
import { checkLinearizable } from './linearizability.js';

export const NODE_IDS = ['n1', 'n2', 'n3'];
/** Every node's clock reads this at virtual time 0 (plus its offset). */
export const CLOCK_START = 1_000_000;

/**
 * createCluster({ createReplica, seed, minDelayMs, maxDelayMs, rpcTimeoutMs, clientTimeoutMs,
 *                 clientDelayMs, clockOffsets: { n3: -15 }, clockResolutionMs })
 */
export function createCluster({
  createReplica,
  seed = 1,
  minDelayMs = 1,
  maxDelayMs = 5,
  rpcTimeoutMs = 20,
  clientTimeoutMs = 200,
  clientDelayMs = 1,
  clockOffsets = {},
  clockResolutionMs = 1,
} = {}) {
  if (typeof createReplica !== 'function') throw new TypeError('createCluster needs createReplica: the function your replica file exports');
  for (const id of Object.keys(clockOffsets)) {
    if (!NODE_IDS.includes(id)) throw new RangeError(`clockOffsets: unknown node "${id}" (nodes: ${NODE_IDS.join(', ')})`);
  }
  if (!(clockResolutionMs >= 1)) throw new RangeError(`clockResolutionMs must be at least 1, got ${clockResolutionMs}`);

  const scheduler = createScheduler();
  const errors = [];
  const report = (id, where, error) => errors.push(`${id} ${where} threw ${error?.stack?.split('\n').slice(0, 2).join(' ') ?? error}`);
  const net = createNetwork({ scheduler, random: createRandom(seed), nodeIds: NODE_IDS, minDelayMs, maxDelayMs, onError: report });
  const history = createHistory();
  const replicas = new Map();

  for (const id of NODE_IDS) {
    const offset = clockOffsets[id] ?? 0;
    const node = Object.freeze({
      id,
      peers: NODE_IDS.filter((p) => p !== id),
      rpcTimeoutMs,
      clock: Object.freeze({
        now: () => Math.floor((CLOCK_START + scheduler.now + offset) / clockResolutionMs) * clockResolutionMs,
      }),
      call: (peer, message) => net.call(id, peer, message, rpcTimeoutMs),
      every(ms, fn) {
        if (!(ms >= 1)) throw new RangeError(`node.every needs a period of at least 1 ms, got ${ms}`);
        if (typeof fn !== 'function') throw new TypeError('node.every(ms, fn) needs a function');
        const tick = () => {
          Promise.resolve()
            .then(fn)
            .catch((error) => report(id, 'a node.every task', error));
          scheduler.after(ms, tick);
        };
        scheduler.after(ms, tick);
      },
    });
    const replica = createReplica(node);
    if (typeof replica?.handleClient !== 'function' || typeof replica?.handlePeer !== 'function') {
      throw new TypeError(`createReplica(node) must return { handleClient(request), handlePeer(from, message) }; for ${id} it returned ${JSON.stringify(replica)}`);
    }
    replicas.set(id, replica);
    net.register(id, (from, message) => replica.handlePeer(from, message));
  }

  /** One client request through `nodeId`; resolves to { status, value, op } once answered or timed out. */
  async function request(client, nodeId, req) {
    if (!replicas.has(nodeId)) throw new RangeError(`unknown node "${nodeId}" (nodes: ${NODE_IDS.join(', ')})`);
    const op = history.invoke({ process: client, f: req.op, value: req.value, node: nodeId, time: scheduler.now });
    const replica = replicas.get(nodeId);
    const answer = new Promise((resolve) => {
      let done = false;
      const finish = (response) => {
        if (done) return;
        done = true;
        timer.cancel();
        resolve(response);
      };
      const timer = scheduler.after(clientTimeoutMs, () => finish({ status: 'timeout' }));
      scheduler.after(clientDelayMs, () => {
        Promise.resolve()
          .then(() => replica.handleClient(structuredClone(req)))
          .then(
            (response) => {
              const copy = response === undefined ? undefined : structuredClone(response);
              scheduler.after(clientDelayMs, () => finish(copy));
            },
            (error) => {
              report(nodeId, `handleClient(${JSON.stringify(req)})`, error);
              scheduler.after(clientDelayMs, () => finish({ status: 500 }));
            },
          );
      });
    });
    const response = await scheduler.wait(answer);
    const status = response?.status;
    let type = status === 200 ? 'ok' : status === 503 ? 'fail' : 'info';
    if (type === 'ok' && req.op === 'read' && !(response && 'value' in response)) {
      errors.push(`${nodeId} answered a read with status 200 but no value (return { status: 200, value }); recorded as info`);
      type = 'info';
    }
    if (status !== 'timeout' && typeof status !== 'number') {
      errors.push(`${nodeId} answered ${JSON.stringify(response)}: handleClient must return an object with a numeric status; recorded as info`);
    }
    history.complete(op, { type, time: scheduler.now, value: response?.value, status });
    return { status, value: response?.value, op: { ...op } };
  }

  return {
    nodes: NODE_IDS,
    net,
    history,
    errors,
    /** Simulation counters: events run, messages sent, delivered and dropped. */
    get stats() {
      return { events: scheduler.events, ...net.stats };
    },
    /** Virtual time in ms. */
    get now() {
      return scheduler.now;
    },
    write: (client, nodeId, value) => request(client, nodeId, { op: 'write', value }),
    read: (client, nodeId) => request(client, nodeId, { op: 'read' }),
    partition: (...groups) => net.partition(...groups),
    heal: () => net.heal(),
    /** Let the simulation run for ms (messages, timers, anti-entropy). */
    runFor: (ms) => scheduler.sleep(ms),
    /** Let the simulation run until virtual time t. */
    runUntil: (t) => scheduler.until(t),
    /** Check the recorded history for linearizability (lib/linearizability.js). */
    check: () => checkLinearizable(history.ops),
    /** The errors your replicas threw, as one string (empty when none). */
    errorReport: () => (errors.length ? `\nerrors from your replicas:\n  ${errors.slice(0, 5).join('\n  ')}` : ''),
  };
}
