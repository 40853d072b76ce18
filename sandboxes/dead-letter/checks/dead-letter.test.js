// Checks for worker.js and handler.js: at-least-once delivery, retries with backoff, the
// dead-letter queue with each message's error history, idempotent shipping and the redrive.
// Time is simulated (lib/clock.js), so "15 minutes later" takes a millisecond. Each worker is its
// own process: worker.js and handler.js are loaded afresh for it, so nothing one worker keeps in
// memory is seen by the next, as in a real pool.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { virtualClock } from '../lib/clock.js';
import { createQueue } from '../lib/queue.js';
import { createStore } from '../lib/store.js';
import { createWarehouse } from '../lib/warehouse.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const order = (n, extra = {}) => JSON.stringify({ orderId: `o-${n}`, postcode: 'LS1 4AP', items: [{ sku: 'tea-200g', qty: 2 }], ...extra });
const s = (ms) => `${+(ms / 1000).toFixed(3)} s`;

let processes = 0; // only makes module URLs unique; no check depends on its value

/** Rejects with `message` if `promise` has not settled within `ms` of real time. */
function within(ms, promise, message) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** A fresh queue, DLQ, store and warehouse on one simulated clock. */
function setup() {
  const clock = virtualClock();
  const queue = createQueue({ clock, name: 'orders' });
  const dlq = createQueue({ clock, name: 'orders-dlq' });
  const store = createStore();
  const warehouse = createWarehouse({ clock });

  /** Starts a worker process: worker.js and handler.js loaded anew, nothing shared but the store. */
  async function startWorker(options = {}) {
    processes += 1;
    const tag = `?process=${processes}`;
    const [{ createWorker }, { createHandler }] = await Promise.all([import(`../worker.js${tag}`), import(`../handler.js${tag}`)]);
    return createWorker({ queue, dlq, store, clock, handle: createHandler({ warehouse }), random: () => 0.5, log: () => {}, ...options });
  }

  /** One runOnce(), guarded against a worker that never finishes. `waitMs` of simulated time pass meanwhile. */
  async function run(worker, waitMs = 0) {
    const done = worker.runOnce();
    done.catch(() => {});
    if (waitMs > 0) await clock.advance(waitMs);
    return within(2000, done, 'runOnce() did not finish: does it wait on something that never happens (clock.sleep, a promise nobody resolves)?');
  }

  async function redrive(options = {}) {
    processes += 1;
    const { redrive: move } = await import(`../worker.js?process=${processes}`);
    return within(2000, Promise.resolve(move({ dlq, queue, ...options })), 'redrive() did not finish');
  }

  return { clock, queue, dlq, store, warehouse, startWorker, run, redrive };
}

function only(queue, what) {
  const all = queue.peek();
  assert.equal(all.length, 1, `${what}: expected exactly one message in ${queue.name}, found ${all.length}`);
  return all[0];
}

function assertShippedOnce(warehouse, orderId, why) {
  const n = warehouse.shipmentsOf(orderId);
  assert.equal(n, 1, `${orderId} was shipped ${n} time(s), expected once: ${why}`);
}

test('a handled message is shipped once and deleted from the queue', async () => {
  const { queue, dlq, warehouse, startWorker, run } = setup();
  for (const n of [1001, 1002, 1003]) await queue.send(order(n));
  const result = await run(await startWorker());
  assert.equal(result?.received, 3, `runOnce() should resolve to { received: 3 } after a batch of three, got ${JSON.stringify(result)}`);
  for (const n of [1001, 1002, 1003]) assertShippedOnce(warehouse, `o-${n}`, 'one message, handled once');
  assert.equal(queue.size, 0, `${queue.size} message(s) left in the queue: a message is deleted (with its receiptHandle) once it was handled`);
  assert.equal(dlq.size, 0, 'nothing failed, so nothing belongs in the dead-letter queue');
});

test('a worker that dies after shipping leaves the message to come back after the visibility timeout, and it is not shipped twice', async () => {
  const { clock, queue, warehouse, startWorker, run } = setup();
  await queue.send(order(2001));
  warehouse.dieAfterShipping();
  const dying = await startWorker();
  dying.runOnce().catch(() => {}); // never settles: this process is dead
  await within(2000, warehouse.waitForDeaths(1), 'the first worker never called the warehouse');
  assert.equal(warehouse.shipmentsOf('o-2001'), 1, 'the warehouse shipped o-2001 before the worker died');
  const [left] = queue.peek();
  assert.ok(left, 'the message is gone although its worker died before finishing: delete a message only after handle() succeeded, never when it is received');

  const next = await startWorker();
  await clock.advance(29 * SECOND);
  await run(next);
  assert.equal(only(queue, 'after 29 s').receiveCount, 1, 'the message was delivered again before its 30 s visibility timeout ended');
  await clock.advance(1 * SECOND);
  await run(next);
  assert.equal(warehouse.callsFor('o-2001').length, 2, 'when the visibility timeout ends, the next worker should receive the message again and handle it');
  assertShippedOnce(warehouse, 'o-2001', 'the redelivery must not ship a second parcel; give the warehouse an idempotency key that is the same on every delivery');
  assert.equal(queue.size, 0, 'the redelivered message should be deleted once handled');
});

test('the same order sent twice, as two messages, is shipped once', async () => {
  const { queue, dlq, warehouse, startWorker, run } = setup();
  const first = await queue.send(order(2101));
  const second = await queue.send(order(2101));
  await run(await startWorker());
  assert.equal(warehouse.calls.length, 2, 'both messages should reach the warehouse');
  assertShippedOnce(warehouse, 'o-2101', `the shop sent the order twice (messages ${first} and ${second}); key the shipment by what identifies the order, not by the message`);
  assert.equal(queue.size, 0, 'both messages should be deleted');
  assert.equal(dlq.size, 0, 'the second copy is not an error: the warehouse answers it with the first shipment');
});

test('a failed message is retried after a delay that doubles each attempt, up to the cap', async () => {
  const { clock, queue, dlq, warehouse, startWorker, run } = setup();
  await queue.send(order(2201));
  warehouse.failNext(503, 5);
  const worker = await startWorker({ random: () => 0.999999, maxReceiveCount: 10, backoff: { baseMs: 1000, maxMs: 6000 } });
  const ceilings = [1000, 2000, 4000, 6000, 6000];
  for (const [i, ceiling] of ceilings.entries()) {
    await run(worker);
    const m = only(queue, `after failure ${i + 1}`);
    assert.equal(m.receiveCount, i + 1, `expected the message to have been received ${i + 1} time(s), it was received ${m.receiveCount} times`);
    const delay = m.visibleAt - clock.now();
    assert.ok(
      delay >= ceiling * 0.99 && delay <= ceiling,
      `backoff { baseMs: 1000, maxMs: 6000 }, random() = 0.999999: after failure ${i + 1} the message is hidden for ${s(delay)}, expected about ${s(ceiling)} (min(maxMs, baseMs x 2^${i}) x random())` +
        (delay === queue.visibilityTimeoutMs ? '; 30 s is the visibility timeout itself: nothing called queue.changeVisibility' : ''),
    );
    await clock.advance(delay);
  }
  await run(worker);
  assertShippedOnce(warehouse, 'o-2201', 'after five 503s the sixth attempt succeeds');
  assert.equal(queue.size + dlq.size, 0, 'once shipped, the message should be deleted, and a message that recovered does not belong in the DLQ');

  const defaults = setup();
  await defaults.queue.send(order(2202));
  defaults.warehouse.failNext(503);
  await defaults.run(await defaults.startWorker({ random: () => 0.999999 }));
  const delay = only(defaults.queue, 'default backoff').visibleAt - defaults.clock.now();
  assert.ok(delay >= 9900 && delay <= 10_000, `with the default backoff (baseMs 10 s) the first retry should wait about 10 s when random() is near 1, it waits ${s(delay)}`);
});

test('retry delays are random between 0 and the ceiling (full jitter)', async () => {
  const { clock, queue, warehouse, startWorker, run } = setup();
  for (let n = 0; n < 20; n += 1) await queue.send(order(2300 + n));
  warehouse.failNext(503, 20);
  const worker = await startWorker({ random: seeded(42), maxReceiveCount: 10 });
  await run(worker);
  await run(worker);
  const delays = queue.peek().map((m) => m.visibleAt - clock.now());
  assert.equal(delays.length, 20, 'all 20 failed messages should still be in the queue, waiting for their retry');
  const outside = delays.filter((d) => d < 0 || d > 10_000);
  assert.deepEqual(outside, [], `first retries must wait between 0 and 10 s (baseMs x 2^0); these did not: ${outside.map(s).join(', ')}`);
  const distinct = new Set(delays).size;
  const [min, max] = [Math.min(...delays), Math.max(...delays)];
  assert.ok(
    distinct >= 15 && min < 3000 && max > 7000,
    `20 messages that failed together should come back spread over (0, 10 s], or they retry together and fail together again; their delays were ${delays.map(s).join(', ')}`,
  );

  const quarter = setup();
  await quarter.queue.send(order(2350));
  quarter.warehouse.failNext(503);
  await quarter.run(await quarter.startWorker({ random: () => 0.25 }));
  const d = only(quarter.queue, 'random() = 0.25').visibleAt - quarter.clock.now();
  assert.ok(Math.abs(d - 2500) <= 1, `full jitter is random() x ceiling: with random() = 0.25 and a 10 s ceiling the delay should be 2.5 s, it was ${s(d)}`);
});

test('a message that keeps failing goes to the dead-letter queue after maxReceiveCount attempts, with every error', async () => {
  for (const { maxReceiveCount, attempts } of [{ maxReceiveCount: undefined, attempts: 5 }, { maxReceiveCount: 2, attempts: 2 }]) {
    const label = maxReceiveCount === undefined ? 'default maxReceiveCount (5)' : `maxReceiveCount ${maxReceiveCount}`;
    const { clock, queue, dlq, warehouse, startWorker, run } = setup();
    warehouse.breakOrder('o-2401', 503);
    const body = order(2401);
    const id = await queue.send(body);
    // Each attempt lands on a different worker process, as it would in a pool.
    for (let round = 0; round < 12 && queue.size > 0; round += 1) {
      await run(await startWorker(maxReceiveCount === undefined ? {} : { maxReceiveCount }));
      await clock.advance(15 * MINUTE);
    }
    const calls = warehouse.callsFor('o-2401');
    assert.equal(calls.length, attempts, `${label}: o-2401 (the warehouse answers 503 every time) was attempted ${calls.length} times; it should be attempted ${attempts} times and then set aside`);
    assert.equal(queue.size, 0, `${label}: after its last attempt the message should leave the source queue`);
    const dead = only(dlq, label);
    assert.equal(dead.body, body, `${label}: the DLQ message should carry the original body unchanged, so it can be redriven`);
    assert.equal(dead.attributes?.sourceMessageId, id, `${label}: attributes.sourceMessageId should name the original message (${id})`);
    const errors = dead.attributes?.errors;
    assert.ok(Array.isArray(errors), `${label}: attributes.errors should be the list of failures, got ${JSON.stringify(dead.attributes)}`);
    assert.equal(
      errors.length,
      attempts,
      `${label}: attributes.errors has ${errors.length} entr${errors.length === 1 ? 'y' : 'ies'} for ${attempts} failed attempts made by ${attempts} different worker processes; keep the history in the shared store, not in one worker's memory`,
    );
    errors.forEach((e, i) => {
      assert.equal(e?.attempt, i + 1, `${label}: errors[${i}].attempt should be ${i + 1} (the receiveCount of that attempt), got ${JSON.stringify(e)}`);
      assert.equal(e?.at, calls[i], `${label}: errors[${i}].at should be the time of that failure (clock.now() = ${calls[i]}), got ${e?.at}`);
      assert.ok(typeof e?.error === 'string' && e.error.includes('503'), `${label}: errors[${i}].error should be the error's message (it mentions 503), got ${JSON.stringify(e?.error)}`);
    });
  }

  const none = setup();
  none.warehouse.breakOrder('o-2402', 503);
  await none.queue.send(order(2402));
  for (let round = 0; round < 8; round += 1) {
    await none.run(await none.startWorker({ maxReceiveCount: Infinity }));
    await none.clock.advance(15 * MINUTE);
  }
  assert.equal(none.dlq.size, 0, 'maxReceiveCount: Infinity means no redrive policy: the message is never dead-lettered');
  assert.equal(none.warehouse.callsFor('o-2402').length, 8, 'with no redrive policy the message keeps being retried');
});

test('a message whose worker dies on every attempt is dead-lettered after maxReceiveCount receives, without another attempt', async () => {
  const { clock, queue, dlq, warehouse, startWorker } = setup();
  warehouse.breakOrder('o-2501', 'die');
  const id = await queue.send(order(2501));
  for (let round = 0; round < 10 && queue.size > 0; round += 1) {
    const worker = await startWorker();
    const done = worker.runOnce();
    done.catch(() => {});
    // Either this worker dies in the warehouse call, or it finishes without calling.
    await within(2000, Promise.race([done, warehouse.waitForDeaths(round + 1)]), 'the worker neither finished nor called the warehouse');
    await clock.advance(30 * SECOND);
  }
  const calls = warehouse.callsFor('o-2501').length;
  assert.equal(calls, 5, `o-2501 killed ${calls} worker processes; after 5 receives (maxReceiveCount) the next receive should move it to the DLQ without handing it to handle() again`);
  assert.equal(queue.size, 0, 'the message should have left the source queue');
  const dead = only(dlq, 'a message that killed its workers');
  assert.equal(dead.attributes?.sourceMessageId, id, 'attributes.sourceMessageId should name the original message');
});

test('one message that keeps failing does not hold up the others', async () => {
  const { queue, warehouse, startWorker, run } = setup();
  warehouse.breakOrder('o-2600', 503);
  await queue.send(order(2600));
  for (let n = 1; n <= 29; n += 1) await queue.send(order(2600 + n));
  const worker = await startWorker();
  for (let batch = 0; batch < 3; batch += 1) await run(worker);
  const missing = [];
  for (let n = 1; n <= 29; n += 1) if (warehouse.shipmentsOf(`o-${2600 + n}`) !== 1) missing.push(`o-${2600 + n}`);
  assert.deepEqual(missing, [], `three batches of 10 (one of them holding o-2600, which fails) should ship the 29 good orders once each; these were not: ${missing.join(', ')}`);
  assert.deepEqual(queue.peek().map((m) => m.messageId), ['orders-1'], 'only the failing message should be left in the queue, waiting for its retry');
});

test('a message that can never succeed goes to the dead-letter queue after one attempt', async () => {
  const { queue, dlq, warehouse, startWorker, run } = setup();
  warehouse.breakOrder('o-2704', 422);
  const bodies = {
    'a body that is not JSON': 'order o-2701, 2 x tea-200g',
    'an order without an orderId': JSON.stringify({ items: [{ sku: 'tea-200g', qty: 1 }] }),
    'an order without items': JSON.stringify({ orderId: 'o-2703', items: [] }),
    'an order the warehouse refuses with 422': order(2704),
  };
  for (const body of Object.values(bodies)) await queue.send(body);
  await run(await startWorker());
  const left = queue.peek().map((m) => Object.keys(bodies).find((k) => bodies[k] === m.body));
  assert.deepEqual(left, [], `still in the source queue after one attempt: ${left.join('; ')}. Retrying cannot fix these: the handler should throw a PermanentError and the worker send it to the DLQ at once`);
  const dead = dlq.peek();
  assert.equal(dead.length, 4, `expected 4 messages in the DLQ, found ${dead.length}`);
  for (const m of dead) {
    const what = Object.keys(bodies).find((k) => bodies[k] === m.body) ?? `a message with a changed body (${m.body})`;
    assert.equal(m.attributes?.errors?.length, 1, `${what}: the DLQ copy should carry its one failure in attributes.errors, got ${JSON.stringify(m.attributes?.errors)}`);
    assert.equal(m.attributes.errors[0].attempt, 1, `${what}: errors[0].attempt should be 1`);
  }
  assert.equal(warehouse.callsFor('o-2704').length, 1, 'a 422 from the warehouse is permanent: one call, no retry');
});

test('a timeout, a 429 or a 5xx is retried, and a shipment made before a timeout is not made again', async () => {
  const { queue, dlq, warehouse, startWorker, run } = setup();
  for (const n of [2801, 2802, 2803]) await queue.send(order(n));
  warehouse.timeoutAfterShipping(); // o-2801: shipped, but the answer never arrives
  warehouse.failNext(429); // o-2802
  warehouse.failNext(500); // o-2803
  const worker = await startWorker();
  await run(worker, 25 * SECOND);
  assert.equal(dlq.size, 0, `${dlq.size} message(s) went to the DLQ after one timeout, 429 or 500: those are transient, retry them later (only 4xx other than 408 and 429 are permanent)`);
  assert.equal(queue.size, 3, 'all three should still be in the queue, waiting for their retry');
  await run(worker, 15 * MINUTE);
  await run(worker);
  for (const n of [2801, 2802, 2803]) {
    assertShippedOnce(warehouse, `o-${n}`, n === 2801 ? 'the first call shipped it and then timed out; the retry must get that shipment back (same idempotency key), not make a new one' : 'retried once, then shipped');
  }
  assert.equal(queue.size + dlq.size, 0, 'all three should be done and deleted');
});

test('a redrive after the fix processes every dead-lettered message once', async () => {
  const { clock, queue, dlq, warehouse, startWorker, run, redrive } = setup();
  warehouse.breakOrder('o-2901', 503);
  warehouse.breakOrder('o-2902', 503);
  warehouse.breakOrder('o-2903', 'ship-then-timeout'); // ships, then the answer is lost, every time
  for (const n of [2901, 2902, 2903]) await queue.send(order(n));
  for (let round = 0; round < 6 && queue.size > 0; round += 1) {
    await run(await startWorker({ maxReceiveCount: 2 }), 25 * SECOND);
    await clock.advance(15 * MINUTE);
  }
  assert.equal(dlq.size, 3, `before the redrive, the three failing orders should be in the DLQ (found ${dlq.size}); make the dead-letter checks pass first`);

  warehouse.repair();
  const first = await redrive({ max: 2 });
  assert.equal(first, 2, `redrive({ max: 2 }) should move 2 messages and resolve to 2, got ${first}`);
  assert.equal(dlq.size, 1, `after moving 2 of 3, the DLQ should hold 1, it holds ${dlq.size}: delete each message from the DLQ once it is sent back`);
  const second = await redrive();
  assert.equal(second, 1, `redrive() should move the last message and resolve to 1, got ${second}`);
  assert.equal(dlq.size, 0, 'after the redrive the DLQ should be empty');
  assert.equal(queue.size, 3, 'the three messages should be back in the source queue');

  await run(await startWorker({ maxReceiveCount: 2 }));
  assertShippedOnce(warehouse, 'o-2901', 'redriven after the fix');
  assertShippedOnce(warehouse, 'o-2902', 'redriven after the fix');
  assertShippedOnce(warehouse, 'o-2903', 'it was shipped before its timeouts; the redriven message must get that shipment back, not make another');
  assert.equal(queue.size + dlq.size, 0, 'everything redriven should be processed and deleted');
  assert.equal(await redrive(), 0, 'a second redrive finds nothing to move');
});

/** A small seeded generator (mulberry32), so the jitter check sees the same numbers every run. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
