// Runs your backfill() from migration.js on 20,000 shipments that have just been given an empty
// delivery_address column, and prints each transaction it made: how many rows it updated (and so
// held locked until it committed). Then the same copy as one UPDATE, for comparison.
import { BATCH_SIZE } from '../lib/plan-runner.js';
import { loadShipments, startDatabase } from '../lib/shipments.js';
import { backfill } from '../migration.js';

const pg = await startDatabase();
const fmt = (n) => n.toLocaleString('en-US');

/** A connection that records, for every transaction, the statements it ran and the rows it updated. */
function recording() {
  const transactions = [];
  let open = null;
  const updated = async () => (await pg.query("SELECT pg_stat_get_xact_tuples_updated('shipments'::regclass)::int AS n")).rows[0].n;
  const db = {
    async query(text, params = []) {
      if (/^\s*(begin|start\s+transaction)\b/i.test(text)) {
        const result = await pg.query(text, params);
        open = { statements: 0, start: await updated() };
        return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
      }
      if (/^\s*(commit|end|rollback|abort)\b/i.test(text) && open) {
        const rows = (await updated()) - open.start;
        const result = await pg.query(text, params);
        transactions.push({ statements: open.statements, rows, how: text.trim().split(/\s+/)[0].toUpperCase() });
        open = null;
        return { rows: result.rows, rowCount: 0 };
      }
      if (open) {
        open.statements += 1;
        const result = await pg.query(text, params);
        return { rows: result.rows, rowCount: result.command === 'SELECT' ? result.rows.length : (result.affectedRows ?? 0) };
      }
      await pg.query('BEGIN');
      const start = await updated();
      try {
        const result = await pg.query(text, params);
        const rows = (await updated()) - start;
        await pg.query('COMMIT');
        const sql = text.replace(/\s+/g, ' ').trim();
        transactions.push({ statements: 1, rows, how: `${sql.length > 56 ? `${sql.slice(0, 53)}...` : sql}${params.length ? ` [${params.join(', ')}]` : ''}` });
        return { rows: result.rows, rowCount: result.command === 'SELECT' ? result.rows.length : (result.affectedRows ?? 0) };
      } catch (error) {
        await pg.query('ROLLBACK');
        throw error;
      }
    },
  };
  return { db, transactions };
}

try {
  await loadShipments(pg);
  await pg.exec('ALTER TABLE shipments ADD COLUMN delivery_address text');
  const { db, transactions } = recording();
  console.log(`your backfill on ${fmt(20_000)} shipments, batchSize ${fmt(BATCH_SIZE)}:`);
  const started = performance.now();
  await backfill(db, { batchSize: BATCH_SIZE });
  const ms = performance.now() - started;
  const show = transactions.length <= 12 ? transactions : [...transactions.slice(0, 8), null, ...transactions.slice(-3)];
  show.forEach((t) => {
    if (!t) console.log('   ...');
    else console.log(`  transaction ${String(transactions.indexOf(t) + 1).padStart(3)}: ${fmt(t.rows).padStart(6)} rows updated   ${t.how}`);
  });
  const { rows } = await pg.query('SELECT count(*) FILTER (WHERE delivery_address IS NULL)::int AS missing, count(*)::int AS total FROM shipments');
  const max = Math.max(0, ...transactions.map((t) => t.rows));
  console.log('');
  console.log(`transactions: ${fmt(transactions.length)}, in ${fmt(Math.round(ms))} ms here`);
  console.log(`most rows locked by one transaction: ${fmt(max)} (limit ${fmt(BATCH_SIZE)})`);
  console.log(`rows still without delivery_address: ${fmt(rows[0].missing)} of ${fmt(rows[0].total)}`);

  await pg.exec('UPDATE shipments SET delivery_address = NULL');
  const one = recording();
  await one.db.query('UPDATE shipments SET delivery_address = addr');
  console.log('');
  console.log(`the same copy as one UPDATE: 1 transaction, ${fmt(one.transactions[0].rows)} rows locked until it commits`);
} catch (err) {
  console.log(`demo stopped: ${err.message}`);
  process.exitCode = 1;
} finally {
  await pg.close();
}
