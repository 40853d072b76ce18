// CP mode: one register replicated on three nodes (n1, n2, n3) that must stay linearizable while
// the network splits. The rule: nothing is answered without a majority (2 of 3 replicas).
//
// Right now each replica is an island: a write changes only the node it reached, and a read
// answers from that node alone. Reads through another node miss acknowledged writes, and a node cut
// off by a partition happily answers. Your job is the TODOs below. Run the checks to see what is
// still missing, and `node scripts/side-by-side.js` to watch the same workload in CP and AP mode.
//
// How a replica talks (the harness is in lib/, read-only; lib/cluster.js has the details):
//   handleClient({ op: 'read' })          -> { status: 200, value } or { status: 503 }
//   handleClient({ op: 'write', value })  -> { status: 200 } or { status: 503 }
//   503 is recorded as "fail": it promises the operation did NOT happen. When you cannot know
//   (some replicas may have stored the value), answer 504 instead: recorded as "info", unknown.
//   handlePeer(from, message)             -> the reply to a peer's node.call(peer, message)
//   await node.call(peer, message)        -> the peer's reply, or undefined if none came back in time

const MAJORITY = 2; // of 3 replicas

export function createReplica(node) {
  let value = null;
  // TODO 1: keep a version with the value, e.g. { n: 0, nodeId: '' }, ordered by n and then by
  //   nodeId, so that two writers that pick the same n still end up in one order everywhere.

  /** Ask every peer at once; resolves to the replies that came back in time (dropped ones left out). */
  async function askPeers(message) {
    const replies = await Promise.all(node.peers.map((peer) => node.call(peer, message)));
    return replies.filter((reply) => reply !== undefined);
  }

  return {
    async handleClient(request) {
      if (request.op === 'write') {
        // TODO 2: a write through any node.
        //   a. Ask the peers for their versions (askPeers). With fewer than MAJORITY replicas
        //      counting this one, answer 503: nothing has been written anywhere, so "fail" is true.
        //   b. Pick a version above every version you saw (not just above your own: this node may
        //      have missed writes while it was cut off), and never hand out the same one twice (two
        //      writes through this node at the same moment must not share a version). Store it
        //      here and send it to the peers.
        //   c. With MAJORITY replicas holding it, answer 200. Otherwise some replicas may hold it
        //      and others not: the outcome is unknown, so answer 504, not 503.
        value = request.value;
        return { status: 200 };
      }

      // TODO 3: a read through any node.
      //   a. Ask the peers for (version, value); without a majority answer 503.
      //   b. Take the value with the highest version among this node and the replies.
      //   c. Before answering, write that (version, value) back to a majority (503 if you cannot):
      //      otherwise a value that reached only one replica can be seen by this read and missed
      //      by a later one, and the register would go back in time.
      return { status: 200, value };
    },

    async handlePeer(from, message) {
      // TODO 4: answer your peers' messages, e.g.
      //   { type: 'get' }                   -> { version, value }
      //   { type: 'put', version, value }   -> store it only if its version is higher than yours
      //                                        (a late, older message must not overwrite a newer value)
      //                                        and reply { ok: true }
      return undefined;
    },
  };
}
