// 100 clients each send one request at t = 0 to a server that serves 3 at a time (30 ms each,
// so 100 requests per second at best) and refuses the rest with 503. Each client retries with
// your client until it is served (up to 100 tries, base 10 ms, cap 2 s), once with no jitter and
// once with full jitter. Simulated time, seeded randomness: every run prints the same numbers.
import { createRetryingClient } from '../client.js';
import { runContention } from '../lib/contention.js';

const fmt = (v, digits = 0) => Number(v).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const col = (v, w) => String(v).padStart(w);

const rows = [];
for (const [label, jitter] of [
  ['no jitter', 'none'],
  ['full jitter', 'full'],
]) {
  try {
    rows.push([label, await runContention(createRetryingClient, { jitter })]);
  } catch (err) {
    console.log(`${label}: the run stopped: ${err.message}`);
    process.exitCode = 1;
  }
}

console.log('100 clients, one request each at t = 0; the server serves 3 at a time (30 ms each) and refuses the rest with 503');
console.log('');
console.log(`${'backoff'.padEnd(14)}${col('calls', 8)}${col('503s', 8)}${col('calls/client', 14)}${col('gave up', 9)}${col('last served', 14)}`);
for (const [label, r] of rows) {
  console.log(`${label.padEnd(14)}${col(fmt(r.calls), 8)}${col(fmt(r.refused), 8)}${col(fmt(r.callsPerClient, 1), 14)}${col(fmt(r.failed), 9)}${col(`${fmt(r.drainMs / 1000, 1)} s`, 14)}`);
}
if (rows.length === 2) {
  const [[, none], [, full]] = rows;
  console.log('');
  console.log(`the least possible is 100 calls in about 1.0 s (3 slots x 30 ms = 100 requests/s)`);
  console.log(`full jitter made ${fmt(100 - (100 * full.calls) / none.calls)}% fewer calls than no jitter (the lesson expects more than half fewer)`);
}
