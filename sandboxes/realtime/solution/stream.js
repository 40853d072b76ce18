// GET /events: Huddleboard's stream of board changes, as server-sent events.
//
// Every event gets the next id. The server keeps the last `replayLimit` of them, so a client that
// reconnects with Last-Event-ID (or opens with ?since=<id>) gets exactly the events after that id,
// then the live ones; a cursor it cannot serve gets an explicit "reset" instead of a silent gap.
// Each client has a bounded queue: when its connection is full the server stops writing and waits
// for 'drain', and a client that falls more than `maxQueued` events behind is dropped (it will
// reconnect and resume). A comment every heartbeatMs keeps idle proxies from closing the stream.
import { systemScheduler } from './lib/scheduler.js';
import { formatComment, formatEvent, formatRetry } from './sse.js';

export const DEFAULTS = {
  /** A comment line this often keeps proxies and load balancers from closing an idle stream. */
  heartbeatMs: 15_000,
  /** How many recent events the server keeps, to replay to a client that reconnects. */
  replayLimit: 1_000,
  /** How many events may wait for one client whose connection is full before it is dropped. */
  maxQueued: 500,
  /** Each connection is told to wait a random time in this range before reconnecting. */
  retryMs: { min: 1_000, max: 10_000 },
};

/**
 * options: scheduler (time), random() (a number in [0, 1), injected so the checks can steer it),
 * and the DEFAULTS above.
 * Returns { publish(type, data), handle(req, res), lastId }.
 */
export function createEventStream({
  scheduler = systemScheduler(),
  random = Math.random,
  heartbeatMs = DEFAULTS.heartbeatMs,
  replayLimit = DEFAULTS.replayLimit,
  maxQueued = DEFAULTS.maxQueued,
  retryMs = DEFAULTS.retryMs,
} = {}) {
  let lastId = 0;
  const recent = []; // the last `replayLimit` events, oldest first: { id, type, data, frame }
  const clients = new Set();

  /** Sends a change to every connected client. data is a string, or anything JSON.stringify takes. */
  function publish(type, data) {
    lastId += 1;
    const event = { id: lastId, type, data: typeof data === 'string' ? data : JSON.stringify(data) };
    event.frame = formatEvent({ id: event.id, event: event.type, data: event.data });
    recent.push(event);
    if (recent.length > replayLimit) recent.shift();
    for (const client of [...clients]) client.send(event);
    return { id: event.id, type: event.type, data: event.data };
  }

  function handle(req, res) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no', // ask an nginx proxy not to buffer the stream
    });
    res.write(formatRetry(retryMs.min + Math.floor(random() * (retryMs.max - retryMs.min))));

    const queue = []; // frames waiting for this connection to drain
    let blocked = false;
    let lastQueued = lastId;
    let gone = false;

    const flush = () => {
      while (!blocked && queue.length > 0 && !gone) blocked = !res.write(queue.shift());
    };
    const leave = () => {
      if (gone) return;
      gone = true;
      queue.length = 0;
      clients.delete(client);
      scheduler.clearInterval(heartbeat);
    };
    const client = {
      send(event) {
        if (gone || event.id <= lastQueued) return; // gone, or already on its way: no duplicates
        if (queue.length >= maxQueued) {
          // Too slow: drop it rather than hold more of its backlog. It reconnects and resumes.
          leave();
          res.destroy();
          return;
        }
        lastQueued = event.id;
        queue.push(event.frame);
        flush();
      },
    };

    // The header is what a reconnecting browser sends; ?since= is a page's first connection.
    const header = req.headers['last-event-id'];
    const cursor = header !== undefined ? header : new URL(req.url ?? '/', 'http://localhost').searchParams.get('since');
    if (cursor !== null && cursor !== undefined) {
      const after = /^\d+$/.test(cursor.trim()) ? Number(cursor.trim()) : NaN;
      const oldestKept = recent.length > 0 ? recent[0].id : lastId + 1;
      if (Number.isNaN(after) || after > lastId || after < oldestKept - 1) {
        const reason = Number.isNaN(after) ? 'unreadable' : after > lastId ? 'unknown' : 'too-old';
        lastQueued = lastId - 1;
        client.send({ id: lastId, frame: formatEvent({ id: lastId, event: 'reset', data: JSON.stringify({ reason, lastEventId: cursor, latestId: lastId }) }) });
      } else {
        lastQueued = after;
        for (const event of recent) client.send(event);
      }
    }
    clients.add(client);

    const heartbeat = scheduler.setInterval(() => {
      if (!blocked && !gone) blocked = !res.write(formatComment('ping'));
    }, heartbeatMs);
    res.on('drain', () => {
      blocked = false;
      flush();
    });
    res.on('close', leave);
    req.on('close', leave);
  }

  return {
    publish,
    handle,
    /** The id of the last event published (0 before the first). */
    get lastId() {
      return lastId;
    },
  };
}
