// An in-memory message broker in the style of Kafka. A topic is split into partitions; a message's
// key picks its partition, and a partition keeps messages in the order they arrived. There is no
// order across partitions, which is why one aggregate's events must share a key.
//
// Delivery is at least once: a consumer group reads each partition from its committed offset, and a
// message is acknowledged (the offset moves past it) only once the handler has resolved. If the
// handler throws, or its process crashes, the same message is delivered again next time.
//
// The network is not instant: each publish takes a few event-loop turns, not always the same
// number, so two publishes sent at the same time can arrive in either order.
//
//   await broker.publish(topic, { key, id, type, payload })       -> { partition, offset }
//   await broker.deliver(topic, group, async (message) => { ... }) -> how many messages were acknowledged
//
// A delivered message is { topic, partition, offset, key, id, type, payload }.
// Faults (for checks and demos): down() and up(), failNext(n), arm('crash-after-publish'), rewind().
import { BrokerUnavailable, ProcessCrash } from './faults.js';

const turn = () => new Promise((resolve) => setImmediate(resolve));

export function createBroker({ partitions = 3, latency = [1, 3, 0, 2, 0, 1, 2] } = {}) {
  const topics = new Map(); // topic -> array of partitions, each an array of messages
  const arrivals = []; // every stored message, in arrival order
  const offsets = new Map(); // `${topic}\0${group}` -> committed offset per partition
  const deliveries = new Map(); // `${group}\0${id}` -> times delivered
  const busy = new Set();
  const crashPoints = [];
  let up = true;
  let refusals = 0;
  let sent = 0;

  function partitionsOf(topic) {
    if (!topics.has(topic)) topics.set(topic, Array.from({ length: partitions }, () => []));
    return topics.get(topic);
  }

  function offsetsOf(topic, group) {
    const key = `${topic}\0${group}`;
    if (!offsets.has(key)) offsets.set(key, new Array(partitions).fill(0));
    return offsets.get(key);
  }

  return {
    async publish(topic, message) {
      requireText(topic, 'publish(topic, message): topic');
      if (message === null || typeof message !== 'object') throw new TypeError(`publish(topic, message): message must be an object { key, id, type, payload }, got ${JSON.stringify(message)}`);
      requireText(message.key, 'publish: message.key (the aggregate id, so that one order\'s events share a partition)');
      requireText(message.id, 'publish: message.id (the id consumers deduplicate on)');
      requireText(message.type, 'publish: message.type (e.g. "OrderPlaced")');
      const body = { key: message.key, id: message.id, type: message.type, payload: copy(message.payload ?? null) };
      const trip = latency[sent++ % latency.length];
      for (let i = 0; i < trip; i++) await turn();
      if (!up) throw new BrokerUnavailable('it is down');
      if (refusals > 0) {
        refusals -= 1;
        throw new BrokerUnavailable('it refused this publish');
      }
      const partition = partitionOf(body.key, partitions);
      const log = partitionsOf(topic)[partition];
      const stored = { topic, partition, offset: log.length, ...body };
      log.push(stored);
      arrivals.push(stored);
      const crash = crashPoints.shift();
      if (crash) {
        crash.fired = true;
        throw new ProcessCrash(`right after the broker stored message ${body.id}, before the publisher heard back`);
      }
      return { partition, offset: stored.offset };
    },

    async deliver(topic, group, handler) {
      requireText(topic, 'deliver(topic, group, handler): topic');
      requireText(group, 'deliver(topic, group, handler): group');
      if (typeof handler !== 'function') throw new TypeError('deliver(topic, group, handler): handler must be a function');
      if (!up) throw new BrokerUnavailable('it is down');
      const key = `${topic}\0${group}`;
      if (busy.has(key)) throw new Error(`group "${group}" is already consuming "${topic}": a group handles one message at a time`);
      busy.add(key);
      try {
        const committedOffsets = offsetsOf(topic, group);
        let acknowledged = 0;
        for (const [p, log] of partitionsOf(topic).entries()) {
          while (committedOffsets[p] < log.length) {
            const message = log[committedOffsets[p]];
            const counter = `${group}\0${message.id}`;
            deliveries.set(counter, (deliveries.get(counter) ?? 0) + 1);
            await turn();
            await handler(copy(message)); // throws -> not acknowledged, delivered again
            committedOffsets[p] += 1;
            acknowledged += 1;
          }
        }
        return acknowledged;
      } finally {
        busy.delete(key);
      }
    },

    /** Every stored message of `topic`, in the order they arrived (copies). */
    log(topic) {
      return arrivals.filter((m) => m.topic === topic).map((m) => copy(m));
    },

    /** How many times `group` has been handed message `id`. */
    deliveries(group, id) {
      return deliveries.get(`${group}\0${id}`) ?? 0;
    },

    /** Moves `group` back to the start of `topic`: every message is delivered again (a replay). */
    rewind(topic, group) {
      offsetsOf(topic, group).fill(0);
    },

    down() {
      up = false;
    },
    up() {
      up = true;
    },
    get isUp() {
      return up;
    },

    /** The next `n` publishes are refused with BrokerUnavailable, then the broker works again. */
    failNext(n = 1) {
      refusals += n;
    },

    /**
     * 'crash-after-publish': the next publish is stored, then the publisher's process dies before it
     * hears back (ProcessCrash). Returns { fired }, which turns true once it has happened.
     */
    arm(point) {
      if (point !== 'crash-after-publish') throw new TypeError(`broker: unknown fault "${point}" (known: crash-after-publish)`);
      const handle = { point, fired: false };
      crashPoints.push(handle);
      return handle;
    },
  };
}

function requireText(value, what) {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${what} must be a non-empty string, got ${JSON.stringify(value)}`);
}

/** FNV-1a over the key: the same key always lands in the same partition. */
function partitionOf(key, partitions) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}

/** A deep copy of plain data (what crosses the wire): rows and messages are never shared with callers. */
function copy(value) {
  if (Array.isArray(value)) return value.map(copy);
  if (value !== null && typeof value === 'object') {
    if (value instanceof Date) return new Date(value);
    const out = {};
    for (const key of Object.keys(value)) out[key] = copy(value[key]);
    return out;
  }
  return value;
}
