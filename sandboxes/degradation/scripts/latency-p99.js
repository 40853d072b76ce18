// A minute of Bramble's product page at 100 requests per second. The catalog answers in 30 to 60 ms.
// Recommendations usually answer in 40 to 160 ms, but 2% of their calls take 3 to 9 seconds (a cold
// cache, a long GC pause). Played twice through your page: with no timeout on recommendations
// (recsTimeoutMs: Infinity) and with the 200 ms timeout.
import { createProductPage } from '../page.js';
import { fakeClock } from '../lib/clock.js';
import { createCatalog, createPopular, createRecs } from '../lib/services.js';
import { createLog, createMetrics } from '../lib/log.js';
import { seededRandom } from '../lib/random.js';
import { fmt, percentile, playTraffic } from '../lib/traffic.js';

const RATE = 100;
const SECONDS = 60;
const IDS = ['1042', '1107', '1188', '1203', '1300', '1321'];

async function play(recsTimeoutMs) {
  const clock = fakeClock();
  const forCatalog = seededRandom(42);
  const forRecs = seededRandom(43);
  const catalog = createCatalog(clock).behave(() => ({ mode: 'ok', latencyMs: 30 + Math.floor(forCatalog() * 31) }));
  const recs = createRecs(clock).behave(() =>
    forRecs() < 0.02 ? { mode: 'slow', latencyMs: 3000 + Math.floor(forRecs() * 6000) } : { mode: 'ok', latencyMs: 40 + Math.floor(-Math.log(1 - forRecs()) * 25) },
  );
  const page = createProductPage({ clock, catalog, recs, popular: createPopular(), log: createLog(), metrics: createMetrics(), recsTimeoutMs });
  const arrivals = Array.from({ length: RATE * SECONDS }, (_, i) => ({ at: Math.round((i * 1000) / RATE), path: `/products/${IDS[i % IDS.length]}` }));
  const { records, peakInFlight } = await playTraffic({ clock, page, arrivals });
  const took = records.map((r) => r.tookMs);
  return {
    p50: percentile(took, 50),
    p99: percentile(took, 99),
    max: Math.max(...took),
    peakInFlight,
    degraded: records.filter((r) => r.degraded).length / records.length,
    ok: records.filter((r) => r.status === 200).length,
    total: records.length,
  };
}

const col = (v, w) => String(v).padStart(w);
console.log(`${RATE} requests/s for ${SECONDS} s; 2% of recommendation calls take 3 to 9 s`);
console.log('');
console.log(`${'recommendations timeout'.padEnd(26)}${col('p50', 8)}${col('p99', 9)}${col('slowest', 10)}${col('peak in flight', 16)}${col('degraded', 10)}${col('200s', 8)}`);
for (const [label, timeout] of [
  ['none (Infinity)', Infinity],
  ['200 ms', 200],
]) {
  try {
    const r = await play(timeout);
    console.log(`${label.padEnd(26)}${col(`${fmt(r.p50)} ms`, 8)}${col(`${fmt(r.p99)} ms`, 9)}${col(`${fmt(r.max)} ms`, 10)}${col(fmt(r.peakInFlight), 16)}${col(`${fmt(r.degraded * 100, 1)}%`, 10)}${col(fmt(r.ok), 8)}`);
  } catch (err) {
    console.log(`${label.padEnd(26)}the run stopped: ${err.message}`);
    process.exitCode = 1;
  }
}
console.log('');
console.log(`in flight = arrival rate x time in the page (Little's law): ${RATE}/s x 0.1 s is about 10 requests;`);
console.log('every page that waits 9 s for an optional row holds its slot for all of those 9 s');
