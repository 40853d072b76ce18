// AP mode: the same register, built to answer on every node whatever the network does, and to
// converge once the network heals, by last-writer-wins (LWW).
//
// Right now each replica answers (good: that is the A), but keeps its writes to itself: replicas
// never agree, not even after the partition heals. Your job is the TODOs below.
//
// How a replica talks (the harness is in lib/, read-only; lib/cluster.js has the details):
//   handleClient({ op: 'read' })          -> { status: 200, value }
//   handleClient({ op: 'write', value })  -> { status: 200 }
//   handlePeer(from, message)             -> the reply to a peer's node.call(peer, message)
//   await node.call(peer, message)        -> the peer's reply, or undefined if none came back in time
//   node.clock.now()                      -> this node's wall clock in ms (it may be skewed)
//   node.every(ms, fn)                    -> run fn every ms of virtual time (never use setInterval)

export function createReplica(node) {
  let value = null;
  // TODO 1: keep a stamp with the value: { ts, nodeId }, made by the node that accepted the write
  //   when the write arrives: ts = max(node.clock.now(), the highest ts this replica holds + 1).
  //   The clock alone is not enough: a node whose clock is behind would stamp its new write below
  //   a value it has already seen, throw its own write away, and a client would not read back what
  //   it just wrote (and two writes in one clock tick would share a stamp).

  // TODO 2: merge(incoming): keep whichever of (your value, incoming) has the higher
  //   (ts, nodeId): ts first, the node id on a tie ('n3' > 'n1'). Every replica applies the same
  //   rule, so every replica ends with the same value whatever order things arrive in.

  // TODO 3: anti-entropy. A push made during a partition is simply lost, so nothing reaches the other
  //   side on its own. Every few tens of ms (node.every), send your value and stamp to each peer; the
  //   peer merges it and replies with its own, which you merge too.

  return {
    handleClient(request) {
      if (request.op === 'write') {
        // TODO 4: stamp the write, merge it locally, answer 200 at once (do not wait for peers:
        //   the point of AP is to answer even when they are unreachable), and push it to the
        //   peers in the background (node.call without await).
        value = request.value;
        return { status: 200 };
      }
      return { status: 200, value };
    },

    handlePeer(from, message) {
      // TODO 5: merge what a peer sends you, and reply with your own value and stamp.
      return undefined;
    },
  };
}
