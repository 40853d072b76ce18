// Checks for stream.js over real HTTP on the loopback, read by a browser-like EventSource
// (lib/event-source.js) on a virtual scheduler: headers, live delivery, heartbeats, retry:,
// resuming from Last-Event-ID, and the reset when a cursor is too old. Then the per-client bound,
// with simulated slow clients (lib/slow-client.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEventStream } from '../stream.js';
import { virtualScheduler } from '../lib/scheduler.js';
import { slowClient } from '../lib/slow-client.js';
import { idsOf, listOf, range, withServer } from './support.js';

const move = (n) => ({ card: `c${n}`, from: 'review', to: 'done', by: 'ana' });

test('the stream answers 200 text/event-stream, is not cached, and delivers events live in order', async () => {
  await withServer({}, async ({ stream, open, connected, head }) => {
    stream.publish('card-moved', move(0)); // so that a server which writes nothing at first still sends its headers
    const { status, headers } = await head();
    assert.equal(status, 200, `GET /events answered ${status}`);
    assert.match(String(headers['content-type']), /^text\/event-stream/, `Content-Type should be text/event-stream, got "${headers['content-type']}"`);
    assert.match(String(headers['cache-control'] ?? ''), /no-store|no-cache/, `a stream must not be cached: send Cache-Control: no-store, got "${headers['cache-control'] ?? 'none'}"`);

    const source = open();
    await connected(2);
    const first = stream.lastId + 1;
    stream.publish('card-moved', move(1));
    stream.publish('comment-added', { card: 'c1', text: 'Shipped', by: 'ben' });
    stream.publish('card-moved', move(2));
    await source.waitFor((s) => s.events.some((e) => Number(e.lastEventId) === first + 2), 'three live events');
    assert.deepEqual(idsOf(source), [first, first + 1, first + 2], `a client that connected without a cursor should get the live events only, in order, got ${listOf(source)}`);
    assert.deepEqual(source.events.map((e) => e.type), ['card-moved', 'comment-added', 'card-moved'], 'each event keeps its name (the event: field)');
    assert.deepEqual(JSON.parse(source.events[1].data), { card: 'c1', text: 'Shipped', by: 'ben' }, 'the data should arrive as the JSON that was published');
  });
});

test('each connection is told to wait a random 1 to 10 s before reconnecting (retry:)', async () => {
  for (const [r, expected] of [[0, 1000], [0.5, 5500], [0.999, 9991]]) {
    await withServer({ random: () => r }, async ({ open, stream }) => {
      const source = open();
      stream.publish('card-moved', move(1));
      await source.waitFor((s) => s.retries.length > 0 || s.events.length > 0, 'a retry: field or an event');
      await source.waitFor((s) => s.retries.length > 0, 'a retry: field (send formatRetry(ms) first thing on every connection)');
      const got = source.retries[0];
      assert.ok(Math.abs(got - expected) <= 1, `with random() = ${r} the retry should be retryMs.min + random() x (max - min) = ${expected} ms, got ${got} ms`);
    });
  }
  await withServer({ random: () => 0.25, retryMs: { min: 2000, max: 4000 } }, async ({ open, stream }) => {
    const source = open();
    stream.publish('card-moved', move(1));
    await source.waitFor((s) => s.retries.length > 0, 'a retry: field');
    assert.ok(Math.abs(source.retries[0] - 2500) <= 1, `with retryMs { min: 2000, max: 4000 } and random() = 0.25 the retry should be 2500 ms, got ${source.retries[0]} ms: use the retryMs option`);
  });
});

test('a heartbeat comment is sent every 15 s, and its timer stops when the client leaves', async () => {
  await withServer({}, async ({ scheduler, open, connected, closedOnServer, quiet }) => {
    const source = open();
    await connected(1);
    scheduler.advance(14_000);
    await quiet();
    assert.equal(source.comments.length, 0, `a heartbeat arrived before 15 s of the stream had passed (${source.comments.length} comment(s) after 14 s)`);
    scheduler.advance(1_000);
    await source.waitFor((s) => s.comments.length >= 1, 'a comment line (": ping") 15 s after connecting');
    scheduler.advance(30_000);
    await source.waitFor((s) => s.comments.length >= 3, 'three comments after 45 s (one every heartbeatMs, 15 s)');
    assert.equal(source.comments.length, 3, `after 45 s expected 3 heartbeats, got ${source.comments.length}`);
    assert.equal(source.events.length, 0, 'a heartbeat must be a comment (": ping"), not an event the page would receive');
    source.close();
    await closedOnServer(1);
    assert.equal(scheduler.pending, 0, `the client has left but ${scheduler.pending} timer(s) are still scheduled: clear the heartbeat when the response closes`);
  });
  await withServer({ heartbeatMs: 5_000 }, async ({ scheduler, open, connected }) => {
    const source = open();
    await connected(1);
    scheduler.advance(10_000);
    await source.waitFor((s) => s.comments.length >= 2, 'two comments after 10 s with heartbeatMs 5 s (use the heartbeatMs option)');
  });
});

test('a reconnect with Last-Event-ID gets every missed event once, then live events', async () => {
  await withServer({}, async ({ scheduler, stream, open, connected, closedOnServer }) => {
    stream.publish('card-moved', move(1)); // 1: in the page's snapshot
    stream.publish('card-moved', move(2)); // 2: after it
    const source = open({ path: '/events?since=1' });
    await connected(1);
    await source.waitFor((s) => s.events.length >= 1, 'event 2, the one after ?since=1');
    stream.publish('card-moved', move(3));
    await source.waitFor((s) => s.events.length >= 2, 'event 3, live');
    assert.deepEqual(idsOf(source), [2, 3], `a first connection with ?since=1 should get event 2, then live event 3; got ${listOf(source)}`);

    source.drop(); // the network drops; the page reconnects after its retry delay
    await closedOnServer(1);
    for (const n of [4, 5, 6]) stream.publish('card-moved', move(n));
    scheduler.advance(10_000);
    await connected(2, 'the browser to reconnect after its retry delay');
    await source.waitFor((s) => s.events.some((e) => e.lastEventId === '6'), 'the missed events 4 to 6 after the reconnect');
    const sent = source.connections.at(-1).lastEventId;
    assert.equal(sent, '3', `the browser sent Last-Event-ID ${sent}`);
    stream.publish('card-moved', move(7));
    await source.waitFor((s) => s.events.some((e) => e.lastEventId === '7'), 'live event 7 after the replay');
    assert.deepEqual(
      idsOf(source),
      range(2, 7),
      `received ${listOf(source)}; expected 2 to 7, each once and in order. The reconnect carried Last-Event-ID 3 (and still ?since=1 in the URL: the header wins): send what came after 3, nothing before`,
    );
  });
});

test('a Last-Event-ID still kept is replayed in full; an older or unknown one gets a reset event, not a silent gap', async () => {
  await withServer({ replayLimit: 5 }, async ({ scheduler, stream, open, connected, closedOnServer }) => {
    const source = open();
    await connected(1);
    for (const n of [1, 2, 3]) stream.publish('card-moved', move(n));
    await source.waitFor((s) => s.events.length >= 3, 'events 1 to 3');

    source.drop();
    await closedOnServer(1);
    for (const n of range(4, 8)) stream.publish('card-moved', move(n)); // exactly the 5 kept
    scheduler.advance(10_000);
    await connected(2, 'the first reconnect');
    await source.waitFor((s) => s.events.some((e) => e.lastEventId === '8'), 'the replay of 4 to 8');
    assert.deepEqual(idsOf(source), range(1, 8), `replayLimit 5 keeps events 4 to 8, which is exactly what a client at 3 missed: replay them all, got ${listOf(source)}`);

    source.drop();
    await closedOnServer(2);
    for (const n of range(9, 20)) stream.publish('card-moved', move(n)); // only 16 to 20 are kept now
    scheduler.advance(10_000);
    await connected(3, 'the second reconnect');
    await source.waitFor((s) => s.events.length > 8, 'something after the second reconnect');
    const after = source.events.slice(8);
    assert.equal(after[0].type, 'reset', `a client at 8 when only 16 to 20 are kept has lost events 9 to 15: the first event after the reconnect should be a "reset", got ${listOf(source)}`);
    assert.equal(after[0].lastEventId, '20', `the reset should carry the latest id (20), so the next reconnect resumes from there; it carried "${after[0].lastEventId}"`);
    stream.publish('card-moved', move(21));
    await source.waitFor((s) => s.events.some((e) => e.lastEventId === '21'), 'live event 21 after the reset');
    assert.deepEqual(
      source.events.slice(8).map((e) => `${e.lastEventId} ${e.type}`),
      ['20 reset', '21 card-moved'],
      `after the reset only live events should follow (a partial replay of 16 to 20 would hide the gap); got ${listOf(source)}`,
    );
  });
  for (const [cursor, why] of [['banana', 'not a number'], ['999', 'newer than any event (a restarted server, or another board)']]) {
    await withServer({ replayLimit: 5 }, async ({ stream, open }) => {
      for (const n of [1, 2, 3]) stream.publish('card-moved', move(n));
      const source = open({ lastEventId: cursor });
      await source.waitFor((s) => s.events.length >= 1, `an answer to Last-Event-ID "${cursor}"`);
      assert.deepEqual(source.events.map((e) => `${e.lastEventId} ${e.type}`), ['3 reset'], `Last-Event-ID "${cursor}" is ${why}: expect one reset event with the latest id, got ${listOf(source)}`);
    });
  }
});

/** A stream on a virtual scheduler with simulated clients, no HTTP. */
function simulate(options) {
  const scheduler = virtualScheduler();
  const stream = createEventStream({ scheduler, random: () => 0.5, ...options });
  const connect = (clientOptions = {}) => {
    const client = slowClient({ scheduler, ...clientOptions });
    stream.handle(client.req, client.res);
    return client;
  };
  const card = (n) => ({ card: `c${n % 10}`, text: `comment ${n} `.padEnd(160, '.'), by: 'ana' });
  return { scheduler, stream, connect, card };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('the server stops writing to a client whose connection is full, and goes on after drain', async () => {
  const { stream, connect, card } = simulate({ maxQueued: 50 });
  const client = connect({ highWaterMark: 1024 });
  client.pause();
  await settle();
  let frame = 0;
  for (let n = 1; n <= 30; n += 1) {
    const before = client.bytesWritten;
    stream.publish('comment-added', card(n));
    frame = Math.max(frame, client.bytesWritten - before);
  }
  assert.ok(
    client.buffered <= 1024 + frame,
    `a client that reads nothing has ${client.buffered} bytes waiting in its connection (high-water mark 1,024): once res.write() returns false, keep further events in the client's own queue until 'drain'`,
  );
  client.resume();
  await settle();
  const ids = client.events.map((e) => Number(e.lastEventId));
  assert.deepEqual(ids, range(1, 30), `after the client read again it should have every event once, in order; got ${ids.join(', ')}`);
  assert.equal(client.dropped, false, 'a client 30 events behind with maxQueued 50 must not be dropped');
});

test('a client that stops reading is dropped once maxQueued events wait for it', async () => {
  const { scheduler, stream, connect, card } = simulate({ maxQueued: 20 });
  const slow = connect({ highWaterMark: 1024 });
  const fast = connect();
  slow.pause();
  await settle();
  let publishedAtDrop = null;
  let blockedAfter = null;
  for (let n = 1; n <= 120; n += 1) {
    stream.publish('comment-added', card(n));
    if (blockedAfter === null && slow.res.writableNeedDrain) blockedAfter = n;
    if (publishedAtDrop === null && slow.dropped) publishedAtDrop = n;
  }
  assert.ok(slow.dropped, `120 events went to a client that reads nothing and it was never dropped; the server holds ${slow.buffered} bytes in its connection plus whatever it queued for it`);
  const waited = publishedAtDrop - blockedAfter;
  assert.ok(
    waited >= 20 && waited <= 21,
    `with maxQueued 20 the client should be dropped when a 21st event would wait for it: its connection was full after event ${blockedAfter}, and it was dropped at event ${publishedAtDrop} (${waited} later)`,
  );
  assert.equal(slow.writesAfterClose, 0, `${slow.writesAfterClose} write(s) went to the dropped client's response: stop sending to a client once it is dropped`);
  const fastIds = fast.events.map((e) => Number(e.lastEventId));
  assert.deepEqual(fastIds, range(1, 120), `a fast client must not be held up or lose events because of a slow one; it got ${fastIds.length} of 120`);
  fast.disconnect();
  await settle();
  scheduler.advance(60_000);
  assert.equal(scheduler.pending, 0, `both clients are gone but ${scheduler.pending} timer(s) remain: clear a client's heartbeat when it is dropped or leaves`);
});

test('a client that falls behind for a moment catches up without losing or repeating an event', async () => {
  const { scheduler, stream, connect, card } = simulate({ maxQueued: 20 });
  const client = connect({ highWaterMark: 1024, readBytesPerSec: 2_000 });
  await settle();
  // Bursts faster than it reads (about 10 events per second of reading), with pauses between.
  for (let burst = 0; burst < 5; burst += 1) {
    for (let k = 0; k < 20; k += 1) stream.publish('comment-added', card(burst * 20 + k + 1));
    scheduler.advance(15_000);
  }
  assert.equal(client.dropped, false, 'a client at most 20 events behind, with maxQueued 20 and room in its connection, must not be dropped');
  const ids = client.events.map((e) => Number(e.lastEventId));
  assert.deepEqual(ids, range(1, 100), `expected events 1 to 100, each once and in order; got ${ids.length} events${ids.length ? ` (${ids.slice(0, 8).join(', ')}...)` : ''}`);
  client.disconnect();
  await settle();
});
