// A simulated day of Bramble's product page: one request every 10 s, 8,640 in all. Recommendations
// are available 99% of the day: refusing connections from 02:10 to 02:16 and from 19:02 to 19:05:24,
// answering only after 9 s from 13:00 to 13:05 (14.4 minutes in all). The catalog is available
// 99.9%: down from 07:30:00 to 07:31:26 (86 s). A page counts as up when it answers 200 within 1 s.
// The same day is played through your page (page.js) and through a hard-coupled page for comparison.
import { createProductPage } from '../page.js';
import { fakeClock } from '../lib/clock.js';
import { createCatalog, createPopular, createRecs } from '../lib/services.js';
import { createLog, createMetrics } from '../lib/log.js';
import { fmt, playTraffic } from '../lib/traffic.js';

const DAY = 24 * 3600 * 1000;
const EVERY_MS = 10_000;
const IDS = ['1042', '1107', '1188', '1203', '1300', '1321'];
const at = (h, m, s = 0) => ((h * 60 + m) * 60 + s) * 1000;
const RECS_OUTAGES = [
  { from: at(2, 10), to: at(2, 16), how: { mode: 'down' } },
  { from: at(13, 0), to: at(13, 5), how: { mode: 'slow', latencyMs: 9000 } },
  { from: at(19, 2), to: at(19, 5, 24), how: { mode: 'down' } },
];
const CATALOG_OUTAGES = [{ from: at(7, 30), to: at(7, 31, 26), how: { mode: 'down' } }];

/** A page that needs both services and waits for both as long as they take: the page in the lesson's incident. */
function hardCoupledPage({ catalog, recs }) {
  return {
    async handle(req) {
      const id = req.url.split('/').pop();
      try {
        const [product, items] = await Promise.all([catalog.get(id), recs.forProduct(id)]);
        return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ product, recommendations: { items }, degraded: [] }) };
      } catch {
        return { status: 503, headers: { 'content-type': 'application/problem+json' }, body: '{"status":503}' };
      }
    },
  };
}

async function playDay(makePage) {
  const clock = fakeClock(Date.UTC(2026, 2, 5));
  const dayStart = clock.now();
  const during = (outages, normal) => (call) => outages.find((o) => call.at - dayStart >= o.from && call.at - dayStart < o.to)?.how ?? normal;
  const catalog = createCatalog(clock).behave(during(CATALOG_OUTAGES, { mode: 'ok', latencyMs: 40 }));
  const recs = createRecs(clock).behave(during(RECS_OUTAGES, { mode: 'ok', latencyMs: 60 }));
  const page = makePage({ clock, catalog, recs, popular: createPopular(), log: createLog(), metrics: createMetrics() });
  const arrivals = [];
  for (let t = 0; t < DAY; t += EVERY_MS) arrivals.push({ at: t, path: `/products/${IDS[arrivals.length % IDS.length]}` });
  const { records } = await playTraffic({ clock, page, arrivals });
  const inTime = (r) => r.status === 200 && r.tookMs <= 1000;
  return {
    total: records.length,
    full: records.filter((r) => inTime(r) && !r.degraded).length,
    degraded: records.filter((r) => inTime(r) && r.degraded).length,
    slow: records.filter((r) => r.status === 200 && r.tookMs > 1000).length,
    failed: records.filter((r) => r.status !== 200).length,
  };
}

const rows = [];
for (const [label, makePage] of [
  ['hard-coupled page', hardCoupledPage],
  ['your page (page.js)', (deps) => createProductPage(deps)],
]) {
  try {
    rows.push([label, await playDay(makePage)]);
  } catch (err) {
    console.log(`${label}: the day stopped: ${err.message}`);
    process.exitCode = 1;
  }
}

const col = (v, w) => String(v).padStart(w);
console.log('One simulated day, a request every 10 s: recommendations up 99% (14.4 min out), catalog up 99.9% (86 s out)');
console.log('up = 200 within 1 s; degraded pages count as up, and are counted separately');
console.log('');
console.log(`${'page'.padEnd(22)}${col('full', 7)}${col('degraded', 10)}${col('slow', 6)}${col('failed', 8)}${col('up', 9)}${col('down/day', 10)}${col('down/30 days', 14)}`);
for (const [label, r] of rows) {
  const up = (r.full + r.degraded) / r.total;
  const downMin = (1 - up) * 24 * 60;
  console.log(`${label.padEnd(22)}${col(fmt(r.full), 7)}${col(fmt(r.degraded), 10)}${col(fmt(r.slow), 6)}${col(fmt(r.failed), 8)}${col(`${fmt(up * 100, 2)}%`, 9)}${col(`${fmt(downMin, 1)} min`, 10)}${col(`${fmt(downMin * 30 / 60, 1)} h`, 14)}`);
}
console.log('');
console.log('expected: hard-coupled about 0.999 x 0.99 = 98.90% (15.8 min a day); with recommendations optional, about the');
console.log('catalog\'s own 99.90% (1.4 min a day), with about 1% of pages served degraded instead of failing');
