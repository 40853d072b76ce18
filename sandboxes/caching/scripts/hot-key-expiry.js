// A hot key: read every 5 ms (200 reads/s) for 25 s, a TTL of 10 s, a 100 ms store load.
// When it expires, who waits for the reload, and how often does XFetch refresh it early?
import { createCache } from '../cache.js';
import { fakeClock } from '../lib/clock.js';
import { createStore } from '../lib/store.js';
import { seededRand } from '../lib/rand.js';

const KEY = 'home:featured';
const TTL = 10_000;
const RUN_MS = 25_000;
const EVERY_MS = 5;

async function hotKey() {
  const clock = fakeClock(0);
  const store = createStore({ clock, data: { [KEY]: 'version 1' } });
  const cache = createCache({ store, clock, rand: seededRand(7), ttlMs: TTL });
  // Watch the store from outside: when each load starts and when its value arrives.
  const starts = [];
  const fills = [];
  const inner = store.get.bind(store);
  store.get = (key) => {
    starts.push(clock.now());
    return inner(key).then((value) => (fills.push(clock.now()), value));
  };
  let coldWaits = 0;
  let laterWaits = 0;
  let longestWait = 0;
  let oldest = 0;
  const reads = [];
  for (let t = 0; t < RUN_MS; t += EVERY_MS) {
    await clock.advanceTo(t);
    const asked = clock.now();
    const cold = fills.length === 0;
    reads.push(
      cache.get(KEY).then(() => {
        const wait = clock.now() - asked;
        if (wait > 0) cold ? (coldWaits += 1) : (laterWaits += 1);
        longestWait = Math.max(longestWait, wait);
        oldest = Math.max(oldest, clock.now() - Math.max(...fills.filter((f) => f <= clock.now())));
      }),
    );
  }
  await clock.run(Promise.all(reads));
  // For each reload after the cold start: how long before the expiry of the value it replaced.
  const reloads = starts
    .filter((s) => s >= fills[0])
    .map((s) => Math.max(...fills.filter((f) => f <= s)) + TTL - s);
  return { reads: reads.length, loads: starts.length, reloads, coldWaits, laterWaits, longestWait, oldest };
}

async function earlyChance(T, trials) {
  const rand = seededRand(T);
  let refreshed = 0;
  for (let i = 0; i < trials; i += 1) {
    let roll = 1;
    const clock = fakeClock(0);
    const store = createStore({ clock, data: { [KEY]: 'v' } });
    const cache = createCache({ store, clock, rand: () => roll, ttlMs: TTL });
    await clock.run(cache.get(KEY)); // delta = 100 ms
    await clock.advanceTo(clock.now() + TTL - T);
    roll = rand();
    await clock.run(cache.get(KEY).catch(() => {}));
    if (store.calls.get > 1) refreshed += 1;
  }
  return refreshed / trials;
}

try {
  const r = await hotKey();
  console.log(`"${KEY}": ${r.reads} reads over ${RUN_MS / 1000} s (200/s), TTL ${TTL / 1000} s, store load 100 ms`);
  console.log(`  store loads: ${r.loads} (expected 3: the cold start, then one refresh per TTL)`);
  const when = r.reloads.map((ms) => {
    const rounded = Math.round(ms);
    return rounded > 0 ? `${rounded} ms before expiry` : rounded === 0 ? 'at expiry' : `${-rounded} ms after expiry`;
  });
  console.log(`  refreshes: ${when.length ? when.join(', ') : 'none'}`);
  console.log(`  reads that waited for the cold load: ${r.coldWaits} (expected 20, sharing 1 load)`);
  console.log(`  reads that waited for a refresh later: ${r.laterWaits} (about 20 per expiry without early refresh)`);
  console.log(`  longest wait: ${Math.round(r.longestWait)} ms`);
  console.log(`  oldest value served: ${(r.oldest / 1000).toFixed(1)} s after its load (TTL ${TTL / 1000} s)`);

  const trials = 2000;
  console.log(`\nchance that a read T before expiry refreshes early (delta 100 ms, beta 1), ${trials} reads each`);
  for (const T of [100, 300]) {
    const seen = await earlyChance(T, trials);
    console.log(`  T = ${T} ms: ${seen.toFixed(3)} (exp(-${T}/100) = ${Math.exp(-T / 100).toFixed(3)})`);
  }
} catch (err) {
  console.log(`demo stopped: ${err.message}`);
  process.exitCode = 1;
}
