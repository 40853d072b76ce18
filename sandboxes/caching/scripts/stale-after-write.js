// The price of product 42 changes from 10 to 12 while a shopper is loading the product page.
// The store write takes 300 ms; the shopper's read arrives 10 ms into it.
import { createCache } from '../cache.js';
import { fakeClock } from '../lib/clock.js';
import { createStore } from '../lib/store.js';

const KEY = 'price:42';

try {
  const clock = fakeClock(0);
  const store = createStore({ clock, latency: { get: 100, set: 300 }, data: { [KEY]: 10 } });
  const cache = createCache({ store, clock, rand: () => 1, ttlMs: 60_000 });
  await clock.run(cache.get(KEY));
  const start = clock.now();
  const at = () => `t=${String(clock.now() - start).padStart(6)} ms`;
  console.log(`${at()}  cached ${KEY} = 10; write ${KEY} = 12 starts (the store write takes 300 ms)`);

  const writing = cache.write(KEY, 12);
  await clock.advance(10);
  const loadsBefore = store.calls.get;
  const seen = await clock.run(cache.get(KEY));
  console.log(`${at()}  shopper reads ${seen} (${store.calls.get > loadsBefore ? 'cache miss, loaded from the store' : 'cache hit'})`);
  await clock.run(writing);
  console.log(`${at()}  write done: store holds ${store.peek(KEY)}`);

  let stale = 0;
  const reads = 59;
  for (let s = 1; s <= reads; s += 1) {
    await clock.advanceTo(start + 300 + s * 1000);
    if ((await clock.run(cache.get(KEY))) !== store.peek(KEY)) stale += 1;
  }
  console.log(`${at()}  ${reads} reads in the minute after the write (one a second): ${stale} returned the old price (expected 0)`);
  console.log(`           cache serves ${await clock.run(cache.get(KEY))}, store holds ${store.peek(KEY)}`);
} catch (err) {
  console.log(`demo stopped: ${err.message}`);
  process.exitCode = 1;
}
