// A cold key under load: 2,000 reads a second for the home page's featured block, and the store
// needs 100 ms to build it. Every read that arrives before the first load is done misses.
import { createCache } from '../cache.js';
import { fakeClock } from '../lib/clock.js';
import { createStore } from '../lib/store.js';

const KEY = 'home:featured';
const READERS = 200; // one every 0.5 ms during the 100 ms load

async function coldStart({ fail }) {
  const clock = fakeClock(0);
  const store = createStore({ clock, data: { [KEY]: ['p7', 'p12', 'p3'] } });
  const cache = createCache({ store, clock, rand: () => 1 });
  if (fail) store.failNext('get', 'timed out');
  const reads = [];
  for (let i = 0; i < READERS; i += 1) {
    clock.setTimeout(() => {
      reads.push(cache.get(KEY).then(() => 'ok', (err) => err.message));
    }, i * 0.5);
  }
  await clock.advance(READERS * 0.5);
  const outcomes = await clock.run(Promise.all(reads));
  const errors = outcomes.filter((o) => o !== 'ok').length;
  const loadsDuring = store.calls.get;
  const next = await clock.run(cache.get(KEY).then(() => 'ok', (err) => `error (${err.message})`));
  return { loadsDuring, errors, next, loadsAfter: store.calls.get - loadsDuring };
}

try {
  console.log(`cold key "${KEY}": ${READERS} reads arrive during one 100 ms store load`);
  const ok = await coldStart({ fail: false });
  console.log(`  store loads: ${ok.loadsDuring} (expected 1)`);
  console.log(`  reads answered: ${READERS - ok.errors} of ${READERS}`);

  console.log(`\nthe same, but that load times out`);
  const bad = await coldStart({ fail: true });
  console.log(`  store loads: ${bad.loadsDuring} (expected 1)`);
  console.log(`  reads that got the error: ${bad.errors} of ${READERS} (expected ${READERS}: they all waited on the one load)`);
  console.log(`  the next read: ${bad.next}, store loads ${bad.loadsAfter} (expected ok, 1: a failure is not cached)`);
} catch (err) {
  console.log(`demo stopped: ${err.message}`);
  process.exitCode = 1;
}
