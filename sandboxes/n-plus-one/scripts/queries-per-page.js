// Loads the packing queue at 10, 50 and 200 orders and prints, for each page load, the queries
// your packingQueue() made and what they would cost against a database 2 ms away (Fernhill's
// managed PostgreSQL). Round trips are simulated (2 ms each); the database work is measured here.
import { countQueries, openDatabase } from '../lib/db.js';
import { packingQueue } from '../packing-queue.js';

const ROUND_TRIP_MS = 2;
const { pg, indexes } = await openDatabase();
if (indexes.error) console.log(`note: ${indexes.error.message}\n`);

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const col = (v, w) => String(v).padStart(w);
console.log(`Packing queue, one page load (database ${ROUND_TRIP_MS} ms away; 20,000 orders, 1,000 pending)`);
console.log(`${col('orders', 7)}${col('queries', 9)}${col('round trips', 13)}${col('db work', 10)}${col('total', 10)}`);
let perPage = 0; // queries for a 200-order page, the tablets' page size
try {
  for (const limit of [10, 50, 200]) {
    const counter = countQueries(pg, { roundTripMs: ROUND_TRIP_MS });
    const started = performance.now();
    const page = await packingQueue(counter.db, { limit });
    const workMs = performance.now() - started;
    const network = counter.networkMs;
    if (limit === 200) perPage = counter.count;
    console.log(`${col(fmt(page.length), 7)}${col(fmt(counter.count), 9)}${col(`${fmt(network)} ms`, 13)}${col(`${fmt(workMs)} ms`, 10)}${col(`${fmt(network + workMs)} ms`, 10)}`);
  }
  console.log('');
  console.log('40 tablets refresh every 5 s: 8 page loads a second of 200 orders.');
  console.log(`queries per second sent to the database: ${fmt(8 * perPage)} (the fix brings it to 24 or fewer)`);
} catch (err) {
  console.log(`demo stopped: ${err.message}`);
  process.exitCode = 1;
} finally {
  await pg.close();
}
