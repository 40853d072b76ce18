// A capacity sweep, in simulated time: the lesson's M/M/1 server (exponential service times with
// a mean of 10 ms: at most 100 requests/s), Poisson arrivals at rates from 50 to 98 per second,
// 90 s per step. Prints the latency curve as your generator measures it, next to the M/M/1
// prediction, then the knee your findKnee picks for a p99 budget of 250 ms.
import { findKnee, openLoad } from '../load.js';
import { virtualScheduler } from '../lib/scheduler.js';
import { createServer } from '../lib/server.js';
import { poissonTimes } from '../lib/truth.js';
import { seededRandom } from '../lib/random.js';
import { fmt, summarize } from '../lib/stats.js';

const BUDGET = 250;
const STEP_MS = 90_000;
const rates = Array.from({ length: 25 }, (_, i) => 50 + 2 * i);

const results = new Map();
function measure(rate) {
  if (!results.has(rate)) {
    const scheduler = virtualScheduler();
    const server = createServer({ scheduler, serviceMs: 10, rand: seededRandom(2000 + rate) });
    const samples = openLoad({ scheduler, server, times: poissonTimes(seededRandom(1000 + rate), rate, STEP_MS) });
    const done = samples.filter((s) => Number.isFinite(s.latencyMs));
    const last = Math.max(...done.map((s) => s.doneAt));
    results.set(rate, { latencies: done.map((s) => s.latencyMs), throughput: done.length / (last / 1000), maxInFlight: server.maxInFlight });
  }
  return results.get(rate).latencies;
}

const col = (v, w) => String(v).padStart(w);
console.log(`M/M/1 server, mean 10 ms (capacity 100/s); Poisson arrivals; ${STEP_MS / 1000} s per step; p99 budget ${BUDGET} ms`);
console.log('');
console.log(`${col('offered/s', 10)}${col('served/s', 10)}${col('p50', 8)}${col('p99', 8)}${col('M/M/1 p99', 11)}${col('max queue', 11)}  within budget`);
for (const rate of rates) {
  const s = summarize(measure(rate));
  const { throughput, maxInFlight } = results.get(rate);
  const predicted = (Math.log(100) / (100 - rate)) * 1000;
  console.log(`${col(rate, 10)}${col(fmt(throughput, 1), 10)}${col(fmt(s.p50), 8)}${col(fmt(s.p99), 8)}${col(fmt(predicted), 11)}${col(maxInFlight, 11)}  ${s.p99 <= BUDGET ? 'yes' : 'NO'}`);
}
console.log('');
const { knee, steps } = findKnee({ rates, budgetMs: BUDGET, measure });
console.log(`Your findKnee measured ${steps?.length ?? 0} steps and put the knee at ${knee ?? 'none'}${knee ? ' requests/s' : ''}.`);
console.log('Measured p99s are noisy near the knee (a later step can pass again by luck): the sweep stops at the first step over budget.');
console.log(`M/M/1 says p99 <= ${BUDGET} ms up to 100 - ln(100) / 0.25 = 81.6 requests/s: 82% of the nominal capacity.`);
