// The lesson's incident on one storefront instance, in simulated time: 75 workers, 50 product
// pages/s (each calls recommendations) and 150 other pages/s. At 10 s recommendations starts to
// hang, and at 40 s it recovers. Played twice: with the client from the night of the incident (2 s
// timeout, no breaker, no bulkhead) and with yours (recommendations.js). A user gives up after 1 s.
import { createRecommendationsClient } from '../recommendations.js';
import { createScheduler } from '../lib/scheduler.js';
import { createDependency } from '../lib/dependency.js';
import { createUnprotectedClient } from '../lib/unprotected.js';
import { createStorefront, runTraffic, successRate } from '../lib/storefront.js';

const STEP = 5000;
const UNTIL = 60_000;

async function run(makeClient) {
  const scheduler = createScheduler();
  const dependency = createDependency({ scheduler, latencyMs: 50 });
  const client = makeClient({ dependency, scheduler });
  const store = createStorefront({ scheduler, workers: 75, recommendations: (id) => client.get(id) });
  scheduler.setTimeout(() => dependency.behave('hang'), 10_000);
  scheduler.setTimeout(() => dependency.behave('ok', 50), 40_000);
  const states = new Map();
  const result = await runTraffic({
    scheduler,
    store,
    productPerSec: 50,
    otherPerSec: 150,
    untilMs: UNTIL,
    sampleEveryMs: STEP,
    onSample: (s) => states.set(s.t, client.breaker?.state ?? '-'),
  });
  return { ...result, dependency, states };
}

const runs = [
  ['no breaker, no bulkhead (the incident)', await run(({ dependency, scheduler }) => createUnprotectedClient({ dependency, scheduler, timeoutMs: 2000 }))],
  ['your recommendations.js', await run(({ dependency, scheduler }) => createRecommendationsClient({ dependency, scheduler, timeoutMs: 2000, maxConcurrent: 8 }))],
];

const pct = (x) => (Number.isNaN(x) ? '-' : `${Math.round(100 * x)}%`);
const col = (v, w) => String(v).padStart(w);

for (const [name, r] of runs) {
  console.log(`${name}`);
  console.log(`${col('time', 9)}${col('busy', 6)}${col('queued', 8)}${col('on recs', 9)}${col('other ok', 10)}${col('product ok', 12)}${col('live panel', 12)}${col('recs calls', 12)}${col('breaker', 11)}`);
  for (const s of r.samples) {
    const from = s.t - STEP;
    const product = r.pages.filter((p) => p.kind === 'product' && p.arrivedAt >= from && p.arrivedAt < s.t);
    const live = product.filter((p) => p.panel === 'live' && p.latencyMs <= 1000).length / product.length;
    const calls = r.dependency.log.filter((c) => c.at >= from && c.at < s.t).length;
    const phase = s.t <= 10_000 ? '' : s.t <= 40_000 ? ' hang' : '';
    console.log(`${col(`${from / 1000}-${s.t / 1000}s`, 9)}${col(s.busy, 6)}${col(s.queued, 8)}${col(s.waitingOnRecs, 9)}${col(pct(successRate(r.pages, 'other', from, s.t)), 10)}${col(pct(successRate(r.pages, 'product', from, s.t)), 12)}${col(pct(live), 12)}${col(calls, 12)}${col(r.states.get(s.t), 11)}${phase}`);
  }
  const other = successRate(r.pages, 'other', 10_000, 40_000);
  const product = successRate(r.pages, 'product', 10_000, 40_000);
  const peak = Math.max(...r.samples.map((s) => s.busy));
  console.log(`  during the outage: other pages ok ${pct(other)}, product pages ok ${pct(product)}, busiest sample ${peak} of 75 workers, ${r.dependency.log.filter((c) => c.at >= 10_000 && c.at < 40_000).length} calls sent to the hanging service`);
  console.log('');
}
console.log('"busy", "queued" and "on recs" are sampled at the end of each 5 s step ("on recs": workers waiting on recommendations).');
console.log('"ok" means answered within 1 s, the user\'s patience. "live panel": product pages answered within 1 s with real recommendations.');
