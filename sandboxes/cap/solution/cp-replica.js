// CP mode: a register that stays linearizable while the network splits, by refusing to answer
// without a majority (2 of 3 replicas).
//
// Each replica keeps the value with a version { n, nodeId }. Versions are ordered by n, then by
// nodeId, so two writers that pick the same n still end in one order on every replica.
//
// A write through any node:  1. ask a majority for their versions (nothing written yet: if no
//                               majority answers, a 503 is the truth, the write did not happen)
//                            2. store the value under a version above all of them on a majority
// A read through any node:   1. ask a majority for their (version, value) and take the highest
//                            2. write that value back to a majority before returning it, so no
//                               later read can find an older one
//
// The rest of this file is what the starter asks you to build; the harness is in lib/.

const MAJORITY = 2; // of 3 replicas

export function createReplica(node) {
  let value = null;
  let version = { n: 0, nodeId: '' };
  let lastIssued = 0; // the highest n this node has given a write

  const newer = (a, b) => a.n > b.n || (a.n === b.n && a.nodeId > b.nodeId);

  /** Local state plus the replies of the peers that answered in time. */
  async function collect(message) {
    const replies = await Promise.all(node.peers.map((peer) => node.call(peer, message)));
    return replies.filter((reply) => reply !== undefined);
  }

  /** Phase 1: the highest (version, value) on a majority, or null without a majority. */
  async function readQuorum() {
    const replies = await collect({ type: 'get' });
    if (1 + replies.length < MAJORITY) return null;
    let best = { version, value };
    for (const reply of replies) if (newer(reply.version, best.version)) best = reply;
    return best;
  }

  function store(v, ver) {
    if (newer(ver, version)) {
      value = v;
      version = ver;
    }
  }

  /** Phase 2: store (value, version) here and on the peers; true once a majority holds it. */
  async function writeQuorum(v, ver) {
    store(v, ver);
    const acks = await collect({ type: 'put', value: v, version: ver });
    return 1 + acks.filter((a) => a.ok).length >= MAJORITY;
  }

  return {
    async handleClient(request) {
      const latest = await readQuorum();
      if (latest === null) return { status: 503 }; // no majority: nothing was written anywhere

      if (request.op === 'write') {
        // Above everything a majority has seen, and above anything this node handed out before:
        // two writes through one node at the same moment must not share a version.
        lastIssued = Math.max(latest.version.n, lastIssued) + 1;
        const ver = { n: lastIssued, nodeId: node.id };
        // Without a majority now, the value may sit on some replicas: the outcome is unknown,
        // and saying 503 ("it did not happen") would be a lie.
        return (await writeQuorum(request.value, ver)) ? { status: 200 } : { status: 504 };
      }

      // A read changes nothing, so failing it is always honest.
      if (!(await writeQuorum(latest.value, latest.version))) return { status: 503 };
      return { status: 200, value: latest.value };
    },

    handlePeer(from, message) {
      if (message.type === 'get') return { version, value };
      if (message.type === 'put') {
        store(message.value, message.version);
        return { ok: true };
      }
      return { error: `unknown message type ${message.type}` };
    },
  };
}
