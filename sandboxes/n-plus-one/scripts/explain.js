// Shows PostgreSQL's plans for the queries of one packing-queue page (200 orders), first on the
// tables without your indexes, then after indexes.sql and ANALYZE. EXPLAIN ANALYZE runs each
// query and reports what really happened: the scan type, rows removed by a filter, and time.
import { applyIndexes, countQueries, oneLine, openDatabase } from '../lib/db.js';
import { packingQueue } from '../packing-queue.js';

const { pg } = await openDatabase({ withIndexes: false });

/** The distinct queries of one page load, with the parameters of their first run. */
async function pageQueries() {
  const counter = countQueries(pg);
  await packingQueue(counter.db, { limit: 200 });
  const seen = new Map();
  for (const q of counter.queries) if (!seen.has(q.text)) seen.set(q.text, { ...q, runs: 0 });
  for (const q of counter.queries) seen.get(q.text).runs += 1;
  return [...seen.values()];
}

async function show(title) {
  console.log(`=== ${title}`);
  for (const q of await pageQueries()) {
    console.log(`\n${oneLine(q.text)}   (run ${q.runs} time${q.runs === 1 ? '' : 's'} per page)`);
    const { rows } = await pg.query(`EXPLAIN (ANALYZE, COSTS OFF, SUMMARY OFF) ${q.text}`, q.params);
    for (const row of rows) {
      const line = row['QUERY PLAN'];
      // Long ANY('{...}') lists are cut so that the plan stays readable.
      console.log(`  ${line.length > 150 ? `${line.slice(0, 147)}...` : line}`);
    }
  }
  console.log('');
}

try {
  await show('before: primary keys only');
  const { statements, error } = await applyIndexes(pg);
  await pg.exec('ANALYZE');
  console.log(`=== indexes.sql: ${statements.length} statement${statements.length === 1 ? '' : 's'}${error ? ` (${error.message})` : ''}`);
  for (const s of statements) console.log(`  ${oneLine(s)}`);
  console.log('');
  await show('after indexes.sql and ANALYZE');
} catch (err) {
  console.log(`demo stopped: ${err.message}`);
  process.exitCode = 1;
} finally {
  await pg.close();
}
