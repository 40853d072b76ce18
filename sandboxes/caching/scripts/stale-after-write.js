// The price of product 42 changes from 10 to 12 while shoppers are loading the product page.
// Race 1: the store write takes 300 ms and a shopper's read arrives 10 ms into it.
// Race 2: a shopper's read misses and queries the store just before a 50 ms write; its answer (the
// old row) takes 100 ms to come back, so it arrives after the write committed and invalidated.
import { createCache } from '../cache.js';
import { fakeClock } from '../lib/clock.js';
import { createStore } from '../lib/store.js';

const KEY = 'price:42';

/** One read a second for a minute after the write: how many returned something the store no longer holds. */
async function staleReads(clock, cache, store, from) {
  let stale = 0;
  const reads = 59;
  for (let s = 1; s <= reads; s += 1) {
    await clock.advanceTo(from + s * 1000);
    if ((await clock.run(cache.get(KEY))) !== store.peek(KEY)) stale += 1;
  }
  return { stale, reads };
}

async function duringTheWrite() {
  console.log('Race 1: a read arrives 10 ms into a 300 ms store write (p1 = 10 is cached)');
  const clock = fakeClock(0);
  const store = createStore({ clock, latency: { get: 100, set: 300 }, data: { [KEY]: 10 } });
  const cache = createCache({ store, clock, rand: () => 1, ttlMs: 60_000 });
  await clock.run(cache.get(KEY));
  const start = clock.now();
  const at = () => `  t=${String(clock.now() - start).padStart(6)} ms`;
  console.log(`${at()}  cached ${KEY} = 10; write ${KEY} = 12 starts (the store write takes 300 ms)`);

  const writing = cache.write(KEY, 12);
  await clock.advance(10);
  const loadsBefore = store.calls.get;
  const seen = await clock.run(cache.get(KEY));
  console.log(`${at()}  shopper reads ${seen} (${store.calls.get > loadsBefore ? 'cache miss, loaded from the store' : 'cache hit'})`);
  await clock.run(writing);
  console.log(`${at()}  write done: store holds ${store.peek(KEY)}`);

  const { stale, reads } = await staleReads(clock, cache, store, start + 300);
  console.log(`${at()}  ${reads} reads in the minute after the write (one a second): ${stale} returned the old price (expected 0)`);
  console.log(`             cache serves ${await clock.run(cache.get(KEY))}, store holds ${store.peek(KEY)}`);
}

async function slowReadAcrossTheWrite() {
  console.log('Race 2: a read that began before a 50 ms write answers 100 ms later (cold cache)');
  const clock = fakeClock(0);
  const store = createStore({ clock, latency: { get: 100, set: 50 }, data: { [KEY]: 10 } });
  const cache = createCache({ store, clock, rand: () => 1, ttlMs: 60_000 });
  const at = () => `  t=${String(clock.now()).padStart(6)} ms`;
  console.log(`${at()}  shopper A misses and queries the store: it reads 10; the answer takes 100 ms`);
  const slow = cache.get(KEY);
  await clock.advance(10);
  console.log(`${at()}  write ${KEY} = 12 starts (the store write takes 50 ms, then the entry is invalidated)`);
  await clock.run(cache.write(KEY, 12));
  console.log(`${at()}  write done: store holds ${store.peek(KEY)}`);
  const a = await clock.run(slow);
  console.log(`${at()}  shopper A's answer arrives: ${a} (its read began before the write)`);
  const { stale, reads } = await staleReads(clock, cache, store, 100);
  console.log(`${at()}  ${reads} reads in the minute after the race (one a second): ${stale} returned the old price (expected 0)`);
  console.log(`             cache serves ${await clock.run(cache.get(KEY))}, store holds ${store.peek(KEY)}`);
}

try {
  await duringTheWrite();
  console.log('');
  await slowReadAcrossTheWrite();
} catch (err) {
  console.log(`demo stopped: ${err.message}`);
  process.exitCode = 1;
}
