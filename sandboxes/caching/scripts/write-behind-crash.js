// Stock counters for 20 products take 1,000 writes in 1.5 s through a write-behind cache that
// flushes 1,000 ms after the first unflushed write. At t = 1,500 ms the process crashes.
import { createWriteBehind } from '../cache.js';
import { fakeClock } from '../lib/clock.js';
import { createStore } from '../lib/store.js';
import { seededRand } from '../lib/rand.js';

const WRITES = 1000;
const EVERY_MS = 1.5;
const CRASH_AT = 1500;
const keys = Array.from({ length: 20 }, (_, i) => `p${String(i + 1).padStart(2, '0')}`);

try {
  const clock = fakeClock(0);
  const store = createStore({ clock });
  const cache = createWriteBehind({ store, clock, maxBatch: 100, flushAfterMs: 1000 });
  const rand = seededRand(7);
  const acknowledged = {}; // the latest value per key that a writer was told is saved
  let acks = 0;
  for (let i = 0; i < WRITES; i += 1) {
    const key = keys[Math.floor((1 - rand()) * keys.length)];
    const value = i + 1;
    clock.setTimeout(() => {
      cache.write(key, value).then(
        () => {
          acks += 1;
          acknowledged[key] = value;
        },
        () => {},
      );
    }, i * EVERY_MS);
  }
  await clock.advanceTo(CRASH_AT);

  // The crash: whatever lived only in the cache's memory is gone. Only the store remains.
  const risk = cache.atRisk();
  const survived = store.snapshot();
  const lost = Object.keys(acknowledged).filter((k) => survived[k] !== acknowledged[k]).sort();
  const { set, setMany } = store.calls;
  console.log(`${WRITES} writes to ${keys.length} keys over ${WRITES * EVERY_MS} ms, flush after 1,000 ms, crash at t = ${CRASH_AT} ms`);
  console.log(`  writes acknowledged before the crash: ${acks} of ${WRITES}`);
  console.log(`  store write calls: ${set + setMany} (set ${set}, setMany ${setMany}; write-behind target: 1 batch)`);
  console.log(`  keys the store holds: ${Object.keys(survived).length}`);
  console.log(`  at risk just before the crash (atRisk()): ${Object.keys(risk).length} keys`);
  console.log(`  lost in the crash: ${lost.length} keys${lost.length ? ':' : ''}`);
  for (let i = 0; i < lost.length; i += 5) {
    console.log(`    ${lost.slice(i, i + 5).map((k) => `${k}=${acknowledged[k]} (store ${survived[k] ?? 'none'})`).join('  ')}`);
  }
  const same = JSON.stringify(Object.keys(risk).sort()) === JSON.stringify(lost) && lost.every((k) => risk[k] === acknowledged[k]);
  console.log(`  atRisk() named exactly what was lost: ${same ? 'yes' : 'no'}`);
} catch (err) {
  console.log(`demo stopped: ${err.message}`);
  process.exitCode = 1;
}
