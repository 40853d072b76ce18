// AP mode: a register that answers on every node, partition or not, and converges after the heal
// by last-writer-wins.
//
// Each value carries a stamp { ts, nodeId }: the accepting node's wall clock and its id. Every
// replica keeps the value with the highest stamp (ts first, node id on a tie), so whatever order
// the values arrive in, every replica ends with the same one. The price: a write with a lower stamp
// is dropped even if it was acknowledged, and even if it happened later in real time.
//
// A node never stamps a write below what it already holds: ts = max(clock, highest ts held + 1),
// the bump of a Lamport clock (hybrid logical clocks do the same). Without it, a node whose clock
// is behind would throw away its own newer write in favour of an older one it had already seen,
// and a client would not even read back what it just wrote. Skew between nodes that have NOT heard
// of each other's writes still decides who wins: that loss is the price of last-writer-wins.
//
// Writes are acknowledged by the local node alone and pushed to the peers it can reach; anything a
// push missed (a partition) is repaired by anti-entropy: every few ms each replica sends its value
// to its peers and keeps the higher of the two.

const ANTI_ENTROPY_MS = 50;

export function createReplica(node) {
  let current = { value: null, ts: 0, nodeId: '' }; // the highest stamp this replica has seen

  const higher = (a, b) => a.ts > b.ts || (a.ts === b.ts && a.nodeId > b.nodeId);

  function merge(incoming) {
    if (higher(incoming, current)) current = { value: incoming.value, ts: incoming.ts, nodeId: incoming.nodeId };
  }

  async function pushTo(peer) {
    const reply = await node.call(peer, { type: 'sync', ...current });
    if (reply) merge(reply); // the peer answers with its own value: one round trip repairs both sides
  }

  node.every(ANTI_ENTROPY_MS, () => Promise.all(node.peers.map(pushTo)));

  return {
    handleClient(request) {
      if (request.op === 'write') {
        // Above everything this replica holds, its own earlier writes included: a slow clock must
        // not make this write lose to one it has already seen, and two writes in the same clock
        // tick must not share a stamp.
        const ts = Math.max(node.clock.now(), current.ts + 1);
        merge({ value: request.value, ts, nodeId: node.id });
        for (const peer of node.peers) pushTo(peer); // best effort, do not wait
        return { status: 200 };
      }
      return { status: 200, value: current.value };
    },

    handlePeer(from, message) {
      if (message.type === 'sync') {
        merge(message);
        return { type: 'sync', ...current };
      }
      return { error: `unknown message type ${message.type}` };
    },
  };
}
