// The lesson's worked example, in simulated time: a server that does one request at a time in
// 10 ms, an intended 50 requests/s for 60 s, and one 2-second stall at 30 s. Measured three ways:
// by closed-model testers (the harness's), by your generator (load.js), and the truth (every
// request arrives on time and is timed from then, computed by the harness).
import { arrivalTimes, openLoad } from '../load.js';
import { virtualScheduler } from '../lib/scheduler.js';
import { createServer } from '../lib/server.js';
import { closedLoad } from '../lib/closed.js';
import { trueLatencies } from '../lib/truth.js';
import { fmt, summarize } from '../lib/stats.js';

const SERVER = { serviceMs: 10, stalls: [{ at: 30_000, ms: 2000 }] };
const times = Array.from({ length: 3000 }, (_, i) => i * 20);

function fresh() {
  const scheduler = virtualScheduler();
  return { scheduler, server: createServer({ scheduler, ...SERVER }) };
}

function closed(options) {
  const { scheduler, server } = fresh();
  const samples = closedLoad({ scheduler, server, durationMs: 60_000, ...options });
  return { latencies: samples.map((s) => s.latencyMs), received: server.log.length, inStall: server.log.filter((r) => r.arrivedAt >= 30_000 && r.arrivedAt < 32_000).length };
}

function yours(connections) {
  const { scheduler, server } = fresh();
  let samples = [];
  try {
    samples = openLoad({ scheduler, server, times, connections });
  } catch (err) {
    console.log(`openLoad threw: ${err.message}`);
  }
  return { latencies: samples.map((s) => s.latencyMs).filter(Number.isFinite), received: server.log.length, inStall: server.log.filter((r) => r.arrivedAt >= 30_000 && r.arrivedAt < 32_000).length };
}

const rows = [
  ['closed: 1 connection, 20 ms pace', closed({ users: 1, paceMs: 20 })],
  ['closed: 10 users, 190 ms think', closed({ users: 10, thinkMs: 190 })],
  ['yours: openLoad', yours(Infinity)],
  ['yours: openLoad, 1 connection', yours(1)],
  ['truth', { latencies: trueLatencies(times, SERVER), received: 3000, inStall: 100 }],
];

const col = (v, w) => String(v).padStart(w);
console.log('2 s stall at 30 s; 50 requests/s intended for 60 s; 10 ms per request (capacity 100/s)');
console.log('');
console.log(`${''.padEnd(34)}${col('measured', 9)}${col('sent in', 9)}${col('> 10 ms', 9)}${col('p50', 7)}${col('p99', 8)}${col('p99.9', 8)}${col('max', 8)}${col('mean', 8)}`);
console.log(`${''.padEnd(34)}${col('', 9)}${col('stall', 9)}`);
for (const [name, r] of rows) {
  const s = summarize(r.latencies);
  const slow = r.latencies.filter((v) => v > 10).length;
  console.log(`${name.padEnd(34)}${col(fmt(s.count), 9)}${col(r.inStall, 9)}${col(fmt(slow), 9)}${col(fmt(s.p50), 7)}${col(fmt(s.p99), 8)}${col(fmt(s.p999), 8)}${col(fmt(s.max), 8)}${col(fmt(s.mean, 1), 8)}`);
}
console.log('');
console.log('All times in ms. "sent in stall": requests that reached the server during the 2 s stall (100 were due).');
console.log('The truth: p99 1,710 ms, 200 requests slowed. A tester that waits for replies reports p99 10 ms.');
