// Checks for cache.js. The store is slow (every call takes 100 ms unless a check says otherwise),
// but on a fake clock: time only moves when a check moves it, so nothing here really waits.
// clock.run(promise) lets time pass until that promise settles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCache, createWriteBehind } from '../cache.js';
import { fakeClock } from '../lib/clock.js';
import { createStore } from '../lib/store.js';

const TTL = 60_000;

/** A cold cache over a store holding p1 = 10, p2 = 20, p3 = 30. rand() = 1 means "never refresh early". */
function setup({ latency, rand = () => 1, beta, ttlMs = TTL } = {}) {
  const clock = fakeClock(0);
  const store = createStore({ clock, latency, data: { p1: 10, p2: 20, p3: 30 } });
  let rolled = false;
  const counted = () => {
    rolled = true;
    return rand();
  };
  const cache = createCache({ store, clock, rand: counted, ttlMs, ...(beta === undefined ? {} : { beta }) });
  /** Said after an unexpected load when the cache used rand(): the usual slip is Math.log(1 - rand()). */
  const randNote = () =>
    rolled && rand() === 1
      ? '. Note: rand() returns 1 in this check, and -ln(1) = 0, so no read should refresh early. rand() is already in (0, 1]: use Math.log(rand()), not Math.log(1 - rand())'
      : '';
  return { clock, store, cache, randNote };
}

/** Resolves to { ok: true, value } or { ok: false, error }, never rejects. */
function settled(promise) {
  return Promise.resolve(promise).then(
    (value) => ({ ok: true, value }),
    (error) => ({ ok: false, error }),
  );
}

const loads = (store) => store.calls.get;
/** A batch's [key, value] pairs in key order, so the order a Map kept them in does not matter. */
const sorted = (pairs = []) => [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const show = (value) => JSON.stringify(value);

test('a miss loads from the store and fills the cache; the next read is a hit', async () => {
  const { clock, store, cache, randNote } = setup();
  const first = await clock.run(cache.get('p1'));
  assert.equal(first, 10, `the first read of p1 returned ${show(first)}; the store holds 10`);
  assert.equal(loads(store), 1, `the first read of p1 made ${loads(store)} store loads, expected 1`);
  const before = clock.now();
  const second = await clock.run(cache.get('p1'));
  assert.equal(second, 10, `the second read of p1 returned ${show(second)}, expected 10`);
  assert.equal(loads(store), 1, `the second read of p1 went to the store again: store loads ${loads(store)}, expected 1${randNote()}`);
  assert.equal(clock.now(), before, `a hit should answer at once, but it took ${clock.now() - before} ms`);
});

test('ten concurrent misses on one key make one store load, and every caller gets the value', async () => {
  const { clock, store, cache } = setup();
  const values = await clock.run(Promise.all(Array.from({ length: 10 }, () => cache.get('p1'))));
  assert.equal(loads(store), 1, `10 reads of p1 on a cold cache, all within one 100 ms load, made ${loads(store)} store loads, expected 1`);
  assert.deepEqual(values, Array(10).fill(10), `every one of the 10 callers should get 10, got ${show(values)}`);
  // Single-flight groups by key: two different keys are two loads, even at the same moment.
  const [p2, p3] = await clock.run(Promise.all([cache.get('p2'), cache.get('p3')]));
  assert.equal(loads(store) - 1, 2, `reads of p2 and p3 at the same moment made ${loads(store) - 1} loads, expected 2 (one per key)`);
  assert.deepEqual([p2, p3], [20, 30], `p2 and p3 should read 20 and 30, got ${show(p2)} and ${show(p3)}`);
});

test('when the shared load fails, every waiting caller gets the error and the next read loads again', async () => {
  const { clock, store, cache } = setup();
  store.failNext('get', 'timed out');
  const outcomes = await clock.run(Promise.all(Array.from({ length: 10 }, () => settled(cache.get('p1')))));
  assert.equal(loads(store), 1, `10 concurrent reads of p1 made ${loads(store)} store loads, expected 1 (the one that failed, shared by all)`);
  const failed = outcomes.filter((o) => !o.ok);
  assert.equal(failed.length, 10, `${failed.length} of the 10 callers got the error, expected all 10 (${10 - failed.length} got ${show(outcomes.find((o) => o.ok)?.value)})`);
  for (const { error } of failed) {
    assert.match(String(error?.message), /store\.get\("p1"\) failed: timed out/, `each caller should get the store's error, one got: ${error?.message ?? error}`);
  }
  const again = await clock.run(settled(cache.get('p1')));
  assert.ok(again.ok, `the read after the failure failed too (${again.error?.message}): the failed load was remembered. The next read should start a new load`);
  assert.equal(loads(store), 2, `the read after the failure made ${loads(store) - 1} store loads, expected 1 new load`);
  assert.equal(again.value, 10, `the read after the failure returned ${show(again.value)}, expected 10`);
});

test('a cached value is served until its TTL ends, then loaded again', async () => {
  const { clock, store, cache, randNote } = setup();
  await clock.run(cache.get('p1')); // the load takes 100 ms: cached at t = 100 ms, expires at 60,100 ms
  store.seed({ p1: 11 }); // the row changes behind the cache's back
  await clock.advanceTo(100 + TTL - 1);
  const before = await clock.run(cache.get('p1'));
  assert.equal(loads(store), 1, `at t = 60,099 ms (cached at 100 ms, TTL 60,000 ms) the entry is still fresh, but the read went to the store: store loads ${loads(store)}, expected 1${randNote()}`);
  assert.equal(before, 10, `at t = 60,099 ms the cached 10 should be served, got ${show(before)}`);
  await clock.advanceTo(100 + TTL);
  const after = await clock.run(cache.get('p1'));
  assert.equal(loads(store), 2, `at t = 60,100 ms the TTL has ended (clock.now() >= expiresAt), but the read did not load again: store loads ${loads(store)}, expected 2`);
  assert.equal(after, 11, `after the TTL the read should return the store's new 11, got ${show(after)}`);
});

test('a read during a write does not leave a stale value in the cache (store first, then invalidate)', async () => {
  const { clock, store, cache } = setup({ latency: { get: 100, set: 300 } });
  await clock.run(cache.get('p1')); // p1 = 10 is cached
  const start = clock.now();
  const writing = settled(cache.write('p1', 12)); // the store write takes 300 ms
  await clock.advance(10);
  // A reader arrives 10 ms into the write. Whatever it gets now, it must not leave 10 behind.
  const loadsBefore = loads(store);
  const during = await clock.run(settled(cache.get('p1')));
  const readerLoaded = loads(store) > loadsBefore;
  assert.ok(during.ok, `a read during the write failed: ${during.error?.message}`);
  const wrote = await clock.run(writing);
  assert.ok(wrote.ok, `write('p1', 12) failed: ${wrote.error?.message}`);
  assert.equal(store.peek('p1'), 12, `write('p1', 12) finished but the store holds ${show(store.peek('p1'))}`);
  const after = await clock.run(cache.get('p1'));
  assert.equal(
    after,
    12,
    `after write('p1', 12) finished (t = ${clock.now() - start} ms), a read returned ${show(after)} while the store holds 12: ` +
      'the cache holds a stale copy.' +
      (readerLoaded
        ? ` The reader at t = 10 ms found no entry, loaded the old ${show(during.value)} before the store write landed (t = 300 ms), and put it back in the cache`
        : ''),
  );
});

test('a slow read that began before a write cannot put the old row back in the cache after the write', async () => {
  // The race store-then-invalidate leaves open: a read misses and queries the store (old row), the
  // writer commits and invalidates, and only then does the read's answer arrive and fill the cache.
  const { clock, store, cache } = setup({ latency: { get: 100, set: 50 } });
  const reading = settled(cache.get('p1')); // t = 0: a miss; the store reads p1 = 10 now, answers at 100 ms
  await clock.advance(10);
  const wrote = await clock.run(settled(cache.write('p1', 12))); // t = 10: commits at 60 ms, then invalidates
  assert.ok(wrote.ok, `write('p1', 12) failed: ${wrote.error?.message}`);
  const writtenAt = clock.now();
  const justAfter = settled(cache.get('p1')); // t = 60 ms, while the slow read is still on its way
  const slow = await clock.run(reading);
  assert.ok(slow.ok, `the slow read failed: ${slow.error?.message}`);
  assert.ok(slow.value === 10 || slow.value === 12, `the read that began at t = 0 returned ${show(slow.value)}; expected the row it read (10), or the new 12: its read overlapped the write, so either is a true answer, but nothing else is`);
  // t = 100 ms: a read now should share the load started at t = 60 ms, not start a third one.
  const loadsNow = loads(store);
  const joining = settled(cache.get('p1'));
  assert.equal(loads(store), loadsNow, `at t = 100 ms, with a load of p1 under way since t = ${writtenAt} ms, a new read started another store load: when the old load (from t = 0) settled, it removed the NEWER load from the in-flight Map. When a load settles, remove it only if it is still the key's load`);
  const [first, second] = await clock.run(Promise.all([justAfter, joining]));
  assert.equal(first.value, 12, `a read that started after write('p1', 12) returned (t = ${writtenAt} ms) got ${show(first.value ?? first.error?.message)}: it joined the load that began at t = 0, before the write, and so got the old row. Invalidating a key must also stop later readers from sharing a load that started before the write`);
  assert.equal(second.value, 12, `a read at t = 100 ms got ${show(second.value ?? second.error?.message)}, expected 12`);
  const after = await clock.run(cache.get('p1'));
  assert.equal(after, 12, `the read that began at t = 0 (it saw the old ${show(slow.value)}) finished at t = 100 ms, after the write committed and invalidated p1 at t = ${writtenAt} ms. A read at t = ${clock.now()} ms then returned ${show(after)}, while the store holds ${show(store.peek('p1'))}: that late answer refilled the cache with the old row, and it would stay until the TTL ends. A load that started before an invalidation must not fill the cache`);
  await clock.advance(1000);
  const later = await clock.run(cache.get('p1'));
  assert.equal(later, 12, `a second after the race a read returned ${show(later)}, expected 12`);

  // The same race against write-through: the late answer must not overwrite the new value.
  const through = setup({ latency: { get: 100, set: 50 } });
  const old = settled(through.cache.get('p2')); // reads p2 = 20 at t = 0
  await through.clock.advance(10);
  await through.clock.run(through.cache.writeThrough('p2', 22)); // commits at 60 ms and caches 22
  await through.clock.run(old);
  const loadsBefore = loads(through.store);
  const cached = await through.clock.run(through.cache.get('p2'));
  assert.equal(cached, 22, `writeThrough('p2', 22) put 22 in the cache at t = 60 ms, but the read that began at t = 0 answered at t = 100 ms with the old 20 and overwrote it: a read now returns ${show(cached)}`);
  assert.equal(loads(through.store), loadsBefore, `after writeThrough('p2', 22) and the slow read, the next read should be a hit on 22, but it went to the store`);
});

test('write-through: a write reaches the store and then the cache, and a failed store write changes neither', async () => {
  const { clock, store, cache, randNote } = setup();
  await clock.run(cache.get('p1'));
  await clock.run(cache.writeThrough('p1', 12));
  assert.equal(store.peek('p1'), 12, `writeThrough('p1', 12) returned but the store holds ${show(store.peek('p1'))}`);
  const read = await clock.run(cache.get('p1'));
  assert.equal(read, 12, `the read after writeThrough('p1', 12) returned ${show(read)}, expected 12`);
  assert.equal(loads(store), 1, `the read after writeThrough('p1', 12) went to the store (store loads ${loads(store)}, expected 1): write-through puts the new value in the cache${randNote()}`);

  store.failNext('set', 'disk full');
  const failed = await clock.run(settled(cache.writeThrough('p1', 13)));
  assert.ok(!failed.ok, `writeThrough('p1', 13) should fail when the store write fails, but it resolved`);
  assert.equal(store.peek('p1'), 12, `the failed store write should leave 12 in the store, which holds ${show(store.peek('p1'))}`);
  const afterFailure = await clock.run(cache.get('p1'));
  assert.equal(afterFailure, 12, `after a failed writeThrough('p1', 13) the store still holds 12, but the cache serves ${show(afterFailure)}`);
});

/** A write-behind cache over an empty store: flush after 1,000 ms, or at once when maxBatch keys are waiting. */
function setupWriteBehind({ maxBatch }) {
  const clock = fakeClock(0);
  const store = createStore({ clock });
  const cache = createWriteBehind({ store, clock, maxBatch, flushAfterMs: 1000 });
  /** Write at time `at` and require an immediate acknowledgement. */
  async function writeAt(at, key, value) {
    await clock.advanceTo(Math.max(at, clock.now()));
    const asked = clock.now();
    await clock.run(cache.write(key, value));
    assert.equal(clock.now(), asked, `write('${key}', ${value}) was acknowledged after ${clock.now() - asked} ms: write-behind acknowledges at once, from memory, and writes the store later`);
  }
  const storeWrites = () => store.calls.set + store.calls.setMany;
  return { clock, store, cache, writeAt, storeWrites };
}

test('write-behind: writes are acknowledged at once and reach the store in batches', async () => {
  const { clock, store, cache, writeAt, storeWrites } = setupWriteBehind({ maxBatch: 3 });
  await writeAt(0, 'p1', 10);
  await writeAt(0, 'p2', 20);
  await writeAt(0, 'p1', 11);
  await writeAt(0, 'p1', 12);
  assert.equal(storeWrites(), 0, `4 acknowledged writes made ${storeWrites()} store writes straight away, expected 0 (they wait in memory for the flush)`);
  const readBack = await clock.run(cache.get('p1'));
  assert.equal(readBack, 12, `reading p1 right after writing 12 returned ${show(readBack)}: reads must see acknowledged writes`);

  await clock.advanceTo(999);
  assert.equal(storeWrites(), 0, `at t = 999 ms, before the flush is due (1,000 ms after the first write), the store got ${storeWrites()} writes, expected 0`);
  await clock.advanceTo(1000);
  assert.equal(store.calls.setMany, 1, `at t = 1,000 ms one flush should send one store.setMany batch: setMany calls ${store.calls.setMany}, set calls ${store.calls.set}`);
  assert.equal(store.calls.set, 0, `the flush should use one store.setMany call, not store.set per key (set calls: ${store.calls.set})`);
  assert.deepEqual(sorted(store.batches[0]), [['p1', 12], ['p2', 20]], `the batch should hold each key once with its latest value, [["p1",12],["p2",20]]; it held ${show(store.batches[0])}`);
  await clock.advance(100);
  assert.deepEqual(store.snapshot(), { p1: 12, p2: 20 }, `after the flush the store should hold {"p1":12,"p2":20}, it holds ${show(store.snapshot())}`);

  await writeAt(2000, 'p3', 30);
  await writeAt(2000, 'p4', 40);
  assert.equal(store.calls.setMany, 1, `2 keys waiting with maxBatch = 3 should not flush yet: setMany calls ${store.calls.setMany}, expected 1`);
  await writeAt(2000, 'p5', 50);
  assert.equal(store.calls.setMany, 2, `the 3rd waiting key reached maxBatch = 3: a flush should start at once, without waiting for the timer. setMany calls ${store.calls.setMany}, expected 2`);
  assert.deepEqual(sorted(store.batches[1]), [['p3', 30], ['p4', 40], ['p5', 50]], `the size-triggered batch should be [["p3",30],["p4",40],["p5",50]], it was ${show(store.batches[1])}`);
});

test('write-behind: a crash before the flush loses exactly the writes atRisk() reports', async () => {
  const { clock, store, cache, writeAt } = setupWriteBehind({ maxBatch: 100 });
  await writeAt(0, 'p1', 10);
  await writeAt(0, 'p2', 20);
  await writeAt(400, 'p1', 11);
  assert.deepEqual(cache.atRisk(), { p1: 11, p2: 20 }, `at t = 400 ms nothing is flushed yet: atRisk() should be {"p1":11,"p2":20}, it was ${show(cache.atRisk())}`);
  await clock.advanceTo(1050); // the flush started at 1,000 ms; the store confirms at 1,100 ms
  assert.deepEqual(store.batches.map(sorted), [[['p1', 11], ['p2', 20]]], `the flush at t = 1,000 ms should send one batch [["p1",11],["p2",20]], the store got ${show(store.batches)}`);
  assert.deepEqual(cache.atRisk(), { p1: 11, p2: 20 }, `at t = 1,050 ms the batch is sent but not yet confirmed by the store, so it is still at risk: atRisk() should be {"p1":11,"p2":20}, it was ${show(cache.atRisk())}`);
  await clock.advanceTo(1100);
  assert.deepEqual(cache.atRisk(), {}, `at t = 1,100 ms the store confirmed the batch: atRisk() should be {}, it was ${show(cache.atRisk())}`);
  await writeAt(1200, 'p3', 30);
  await writeAt(1300, 'p2', 21);
  await clock.advanceTo(1500);

  // The process dies at t = 1,500 ms. The cache's memory is gone; only the store remains.
  const atRisk = cache.atRisk();
  const acknowledged = { p1: 11, p2: 21, p3: 30 }; // the latest value of each key the writers were told was saved
  const survived = store.snapshot();
  const lost = Object.fromEntries(Object.entries(acknowledged).filter(([key, value]) => survived[key] !== value));
  assert.deepEqual(survived, { p1: 11, p2: 20 }, `at the crash (t = 1,500 ms) the store should hold only the flushed batch {"p1":11,"p2":20}; it holds ${show(survived)}`);
  assert.deepEqual(lost, { p2: 21, p3: 30 }, `the crash should lose the writes since the last flush, {"p2":21,"p3":30}; it lost ${show(lost)}`);
  assert.deepEqual(atRisk, lost, `just before the crash atRisk() said ${show(atRisk)}, but the crash lost ${show(lost)}`);
});

test('XFetch: delta 100 ms, rand 0.5 recomputes early at 69.31 ms before expiry, not at 69.4 ms', async () => {
  let roll = 1;
  const { clock, store, cache } = setup({ latency: { get: 100 }, rand: () => roll });
  await clock.run(cache.get('p1')); // the load took delta = 100 ms; cached at t = 100, expires at 60,100 ms
  const expiry = 100 + TTL;
  store.seed({ p1: 11 });
  roll = 0.5; // -100 ms x 1 x ln(0.5) = 69.31 ms: this read acts as if it were 69.31 ms later

  await clock.advanceTo(expiry - 69.4);
  const early = await clock.run(cache.get('p1'));
  assert.equal(loads(store), 1, `69.4 ms before expiry with rand 0.5 the read recomputed (store loads ${loads(store)}, expected 1): now + 69.31 is still before expiry`);
  assert.equal(early, 10, `69.4 ms before expiry the cached 10 should be served, got ${show(early)}`);

  await clock.advanceTo(expiry - 69.31);
  await clock.run(settled(cache.get('p1')));
  assert.equal(loads(store), 2, `69.31 ms before expiry with rand 0.5, now - delta x beta x ln(rand) reaches the expiry, so the read should recompute early: store loads ${loads(store)}, expected 2`);
  await clock.advance(100);
  const refreshed = await clock.run(cache.get('p1'));
  assert.equal(refreshed, 11, `after the early recompute the cache should serve the store's new 11, got ${show(refreshed)}`);
  assert.equal(loads(store), 2, `the read after the early recompute should be a hit: store loads ${loads(store)}, expected 2`);
});

test('XFetch: the chance of an early refresh T before expiry is exp(-T / (delta x beta))', async () => {
  // A read T before expiry refreshes exactly when rand <= exp(-T / (delta x beta)): with rand uniform
  // on (0, 1], that is its probability. Each case rolls just under and just over that threshold.
  const cases = [
    { deltaMs: 100, beta: 1, T: 100 }, // exp(-1) = 0.368
    { deltaMs: 100, beta: 1, T: 300 }, // exp(-3) = 0.0498
    { deltaMs: 100, beta: 2, T: 200 }, // beta 2 widens the window: exp(-1) again
    { deltaMs: 50, beta: 1, T: 100 }, // delta is the measured load time: a 50 ms load gives exp(-2) = 0.135
  ];
  const wrong = [];
  for (const { deltaMs, beta, T } of cases) {
    const p = Math.exp(-T / (deltaMs * beta));
    for (const roll of [p * 0.999, p * 1.001]) {
      let next = 1;
      const { clock, store, cache } = setup({ latency: { get: deltaMs }, rand: () => next, beta });
      await clock.run(cache.get('p1'));
      const expiry = clock.now() + TTL;
      next = roll;
      await clock.advanceTo(expiry - T);
      await clock.run(settled(cache.get('p1')));
      const refreshed = loads(store) > 1;
      const expected = roll <= p;
      if (refreshed !== expected) {
        wrong.push(`T = ${T} ms, delta = ${deltaMs} ms, beta = ${beta}, rand = ${roll.toFixed(4)}: ${refreshed ? 'refreshed' : 'did not refresh'}, expected ${expected ? 'a refresh' : 'none'} (threshold exp(-${T}/${deltaMs * beta}) = ${p.toFixed(4)})`);
      }
    }
  }
  if (wrong.length > 0) assert.fail(`${wrong.length} of 8 early-refresh decisions do not follow exp(-T / (delta x beta)):\n${wrong.join('\n')}`);
});
