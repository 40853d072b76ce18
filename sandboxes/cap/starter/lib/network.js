// A simulated network between replicas: messages, delays, partitions. No sockets: a message is an
// event on the virtual clock, delivered after a seeded random delay, or dropped.
//
// A message is dropped if its two ends are on different sides of a partition when it is sent or
// when it would arrive (a partition that starts while a message is in flight cuts it), or if a
// drop rule matches it. Requests and replies are separate messages: a request can arrive, change
// the receiver's state, and its reply be lost. That is why a caller that got no reply cannot know
// whether its request had an effect.

export function createNetwork({ scheduler, random, nodeIds, minDelayMs = 1, maxDelayMs = 5, onError = () => {} }) {
  if (!(minDelayMs >= 0 && maxDelayMs >= minDelayMs)) {
    throw new RangeError(`message delays need 0 <= minDelayMs <= maxDelayMs, got ${minDelayMs} and ${maxDelayMs}`);
  }
  const ids = new Set(nodeIds);
  const handlers = new Map();
  let side = null; // Map node id -> side number while partitioned, null when healthy
  const rules = new Set();
  const slowRules = new Map(); // rule -> extra ms
  const stats = { sent: 0, delivered: 0, dropped: 0 };

  function known(id, what) {
    if (!ids.has(id)) throw new RangeError(`${what}: unknown node "${id}" (nodes: ${[...ids].join(', ')})`);
  }

  function connected(a, b) {
    return side === null || side.get(a) === side.get(b);
  }

  function dropped(from, to, kind, message) {
    if (!connected(from, to)) return true;
    for (const rule of rules) if (rule({ from, to, kind, message })) return true;
    return false;
  }

  /** Send one message; `arrive(copy)` runs at the receiver unless it is dropped. */
  function transmit(from, to, kind, message, arrive) {
    stats.sent += 1;
    if (dropped(from, to, kind, message)) {
      stats.dropped += 1;
      return;
    }
    // Copied at send time, as if serialised onto the wire: the receiver never shares the sender's objects.
    const copy = message === undefined ? undefined : structuredClone(message);
    let delay = random.int(minDelayMs, maxDelayMs);
    for (const [rule, extraMs] of slowRules) if (rule({ from, to, kind, message })) delay += extraMs;
    scheduler.after(delay, () => {
      if (dropped(from, to, kind, copy)) {
        stats.dropped += 1;
        return;
      }
      stats.delivered += 1;
      arrive(copy);
    });
  }

  return {
    stats,
    /** handler(from, message) returns the reply (or a promise of it). */
    register(id, handler) {
      known(id, 'register');
      handlers.set(id, handler);
    },
    /**
     * Request/reply between two replicas. Resolves to the reply, or to undefined if no reply came
     * back within timeoutMs (the request may or may not have been processed).
     */
    call(from, to, message, timeoutMs) {
      known(from, 'call from');
      known(to, `call from ${from}`);
      if (from === to) throw new RangeError(`${from} called itself: read and write your own state directly instead`);
      if (!(timeoutMs > 0)) throw new RangeError(`call timeout must be a positive number of ms, got ${timeoutMs}`);
      return new Promise((resolve) => {
        let done = false;
        const timer = scheduler.after(timeoutMs, () => {
          if (!done) {
            done = true;
            resolve(undefined);
          }
        });
        transmit(from, to, 'request', message, (request) => {
          const handler = handlers.get(to);
          Promise.resolve()
            .then(() => handler(from, request))
            .then(
              (reply) =>
                transmit(to, from, 'reply', reply, (answer) => {
                  if (done) return; // too late: the caller already gave up
                  done = true;
                  timer.cancel();
                  resolve(answer);
                }),
              (error) => onError(to, 'handlePeer', error),
            );
        });
      });
    },
    /** Split the replicas into sides, e.g. partition(['n1', 'n2'], ['n3']). Unlisted nodes are alone. */
    partition(...groups) {
      const map = new Map();
      groups.forEach((group, i) => {
        if (!Array.isArray(group)) throw new TypeError(`partition takes arrays of node ids, like partition(['n1', 'n2'], ['n3']); got ${JSON.stringify(group)}`);
        for (const id of group) {
          known(id, 'partition');
          if (map.has(id)) throw new RangeError(`partition: ${id} is listed on two sides`);
          map.set(id, i);
        }
      });
      let next = groups.length;
      for (const id of ids) if (!map.has(id)) map.set(id, next++);
      side = map;
    },
    /** Reconnect everyone. */
    heal() {
      side = null;
    },
    /** Whether a and b can exchange messages right now. */
    connected(a, b) {
      known(a, 'connected');
      known(b, 'connected');
      return connected(a, b);
    },
    /** "n1 n2 | n3" while partitioned, "healthy" otherwise. */
    describe() {
      if (side === null) return 'healthy';
      const groups = new Map();
      for (const id of ids) {
        const s = side.get(id);
        if (!groups.has(s)) groups.set(s, []);
        groups.get(s).push(id);
      }
      return [...groups.values()].map((g) => g.join(' ')).join(' | ');
    },
    /**
     * A targeted fault: drop every message for which rule({ from, to, kind, message }) is true,
     * kind being 'request' or 'reply'. Returns a function that removes the rule.
     */
    drop(rule) {
      if (typeof rule !== 'function') throw new TypeError('drop(rule) needs a function ({ from, to, kind, message }) => boolean');
      rules.add(rule);
      return () => rules.delete(rule);
    },
    /** Another targeted fault: matching messages take extraMs longer to arrive. Returns a remover. */
    slow(rule, extraMs) {
      if (typeof rule !== 'function') throw new TypeError('slow(rule, extraMs) needs a function ({ from, to, kind, message }) => boolean');
      if (!(extraMs >= 0)) throw new RangeError(`slow(rule, extraMs) needs a non-negative delay in ms, got ${extraMs}`);
      slowRules.set(rule, extraMs);
      return () => slowRules.delete(rule);
    },
  };
}
