// GET /events: Huddleboard's stream of board changes, as server-sent events.
//
// Right now it is the version that shipped on the day of the incident: it pushes every change
// live, and to help a client that reconnects "catch up" it starts every connection by sending the
// last 10 events again, whatever the client has already seen. It ignores Last-Event-ID, sends no
// heartbeat, and writes to every client as fast as changes happen, even to one that reads nothing.
// Your job is the TODOs below. Run the demos (node scripts/reconnect.js, node scripts/slow-consumer.js).
//
// Support files (read-only): lib/scheduler.js (time: real, or virtual in checks and demos),
// lib/sse-parser.js (how a browser reads the stream), lib/event-source.js (a browser's
// EventSource), lib/slow-client.js (a client on a slow connection).
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
  const recent = []; // the last 10 events, for clients that reconnect
  const clients = new Set();

  /** Sends a change to every connected client. data is a string, or anything JSON.stringify takes. */
  function publish(type, data) {
    lastId += 1;
    const event = { id: lastId, type, data: typeof data === 'string' ? data : JSON.stringify(data) };
    // TODO 1: keep the last `replayLimit` events (not 10, and never more: this is memory).
    recent.push(event);
    if (recent.length > 10) recent.shift();
    // TODO 5: never write past a full connection: when res.write() returns false, keep this
    //   client's events in a queue of its own until res emits 'drain', and drop the client
    //   (res.destroy()) when more than `maxQueued` events would wait. It will reconnect and resume
    //   from Last-Event-ID at its own pace.
    for (const res of clients) res.write(formatEvent({ id: event.id, event: event.type, data: event.data }));
    return { ...event };
  }

  function handle(req, res) {
    // TODO 2: an event stream must not be cached by the browser or a proxy: add Cache-Control:
    //   no-store. Then, first thing in the stream, send formatRetry(ms) with a random delay between
    //   retryMs.min and retryMs.max (retryMs.min + random() x the range), so that clients cut off
    //   together do not all come back in the same second.
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });

    // TODO 3: resume where the client left off, instead of repeating the last 10 events. The
    //   browser sends the last id it saw in the Last-Event-ID header when it reconnects; a page's
    //   first connection may pass ?since=<id> instead (the id its snapshot includes). The header
    //   wins when both are there. Send every kept event after that id, once, then the live ones.
    //   No cursor at all: live events only. A cursor that is not a number, is newer than the last
    //   event, or is older than what you kept: send one event of type "reset" with the latest id
    //   (the client reloads its board), never a partial replay with a silent gap.
    for (const event of recent) res.write(formatEvent({ id: event.id, event: event.type, data: event.data }));
    clients.add(res);

    // TODO 4: send a comment (formatComment('ping')) every heartbeatMs with scheduler.setInterval,
    //   and clear it when the client leaves, or every closed tab leaves a timer behind.
    res.on('close', () => clients.delete(res));
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
