// Fernhill's order database: a real PostgreSQL 18 (PGlite, compiled to WebAssembly) in this process,
// with seeded data in the proportions of the incident (5% of orders pending, about 3 items each).
// Read-only support code for the checks and demos; you do not need to change it.
//
//   const { pg, indexes } = await openDatabase();   // tables, data, your indexes.sql, ANALYZE
//   const counter = countQueries(pg);               // counter.db is what packingQueue() gets
//   await packingQueue(counter.db, { limit: 200 });
//   counter.count                                    // queries made so far
//   await explain(pg, text, params)                  // PostgreSQL's plan, as JSON
//
// Starting PostgreSQL takes a few seconds, so checks and demos start it once and share it.
import { readFile } from 'node:fs/promises';
import { startPostgres } from './postgres.js';
import { splitStatements } from './sql.js';

export const SIZES = { customers: 2000, orders: 20000 };

const SCHEMA = `
CREATE TABLE customers (
  id    integer PRIMARY KEY,
  name  text NOT NULL
);
CREATE TABLE orders (
  id          integer PRIMARY KEY,
  customer_id integer NOT NULL,       -- references customers (id)
  status      text NOT NULL,          -- 'pending', 'shipped' or 'cancelled'
  created_at  timestamptz NOT NULL,
  total_cents integer NOT NULL
);
CREATE TABLE order_items (
  id        integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id  integer NOT NULL,         -- references orders (id)
  sku       text NOT NULL,
  quantity  integer NOT NULL
);`;

// Deterministic data: the same rows on every run, spread the way a shop's data is.
const DATA = `
INSERT INTO customers (id, name)
SELECT g, (ARRAY['Ada','Bram','Cleo','Dev','Esme','Finn','Gus','Hana','Ivo','Jun','Kai','Lena','Milo','Nora','Otto','Pia','Quin','Rosa','Sami','Tove'])[1 + g % 20]
          || ' ' || (ARRAY['Moss','Reed','Hale','Fern','Birch','Clay','Dale','Frost','Gray','Holt','Lark','Marsh','Nash','Oak','Pike','Rowe','Sage','Thorn','Vale','Wren','Yew','Ash','Brook','Cole','Drake'])[1 + (g / 20) % 25]
FROM generate_series(1, ${SIZES.customers}) AS g;

INSERT INTO orders (id, customer_id, status, created_at, total_cents)
SELECT g,
       1 + (g * 7919) % ${SIZES.customers},
       CASE WHEN (g * 37) % 100 < 5 THEN 'pending' WHEN (g * 37) % 100 < 10 THEN 'cancelled' ELSE 'shipped' END,
       timestamptz '2026-02-01 08:00:00+00' + g * interval '2 minutes',
       500 + (g * 131) % 20000
FROM generate_series(1, ${SIZES.orders}) AS g;

-- 1 to 5 items per order; a few orders (every 43rd) have none left: support removed them.
INSERT INTO order_items (order_id, sku, quantity)
SELECT o, 'SKU-' || lpad(((o * 31 + k * 17) % 500)::text, 4, '0'), 1 + (o + k) % 4
FROM generate_series(1, ${SIZES.orders}) AS o, generate_series(1, 5) AS k
WHERE k <= 1 + (o * 13) % 5 AND o % 43 <> 0
ORDER BY o, k;

-- The foreign keys, added after the load: one check of all rows instead of one per row.
ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id);
ALTER TABLE order_items ADD FOREIGN KEY (order_id) REFERENCES orders (id);`;

/**
 * Starts PostgreSQL, creates the tables, loads the data, runs indexes.sql (unless
 * `withIndexes` is false) and ANALYZE. Resolves to { pg, indexes: { statements, error } }: an
 * error in indexes.sql is reported there, not thrown, so checks that do not need it still run.
 */
export async function openDatabase({ withIndexes = true } = {}) {
  const pg = await startPostgres();
  await pg.exec(SCHEMA);
  await pg.exec(DATA);
  const indexes = withIndexes ? await applyIndexes(pg) : { statements: [], error: null };
  await pg.exec('ANALYZE');
  return { pg, indexes };
}

/** Runs indexes.sql, one statement at a time. Resolves to { statements, error }. */
export async function applyIndexes(pg) {
  let text;
  try {
    text = await readFile(new URL('../indexes.sql', import.meta.url), 'utf8');
  } catch (error) {
    return { statements: [], error: new Error(`could not read indexes.sql: ${error.message}`) };
  }
  const statements = splitStatements(text);
  for (const statement of statements) {
    try {
      await pg.exec(statement);
    } catch (error) {
      return { statements, error: new Error(`indexes.sql failed at "${oneLine(statement)}": ${error.message}`) };
    }
  }
  return { statements, error: null };
}

/**
 * A connection that counts: counter.db.query(text, params) runs the query and records it.
 * `roundTripMs` is the simulated network time each query would cost against a database 2 ms away.
 */
export function countQueries(pg, { roundTripMs = 2 } = {}) {
  const queries = [];
  const db = {
    async query(text, params = []) {
      if (typeof text !== 'string') throw new TypeError('db.query(text, params): text must be a string of SQL');
      queries.push({ text, params });
      return pg.query(text, params);
    },
  };
  return {
    db,
    queries,
    get count() {
      return queries.length;
    },
    get networkMs() {
      return queries.length * roundTripMs;
    },
    reset() {
      queries.length = 0;
    },
  };
}

/** PostgreSQL's plan for one query (EXPLAIN (FORMAT JSON), not run): the root plan node. */
export async function explain(pg, text, params = []) {
  const { rows } = await pg.query(`EXPLAIN (FORMAT JSON) ${text}`, params);
  return rows[0]['QUERY PLAN'][0].Plan;
}

/** The same plan as PostgreSQL prints it in psql. */
export async function explainText(pg, text, params = []) {
  const { rows } = await pg.query(`EXPLAIN ${text}`, params);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

/** Every node of a plan, each with the chain of node types above it (`ancestors`, nearest first). */
export function planNodes(plan, ancestors = []) {
  const here = { ...plan, ancestors };
  const below = (plan.Plans ?? []).flatMap((child) => planNodes(child, [plan, ...ancestors]));
  return [here, ...below];
}

/** The columns of an index, in order, e.g. ['status', 'created_at']; an expression shows as its text. */
export async function indexColumns(pg, indexName) {
  const { rows } = await pg.query(
    `SELECT pg_get_indexdef(i.indexrelid, k.n, true) AS column
       FROM pg_index i, generate_series(1, i.indnkeyatts) AS k(n)
      WHERE i.indexrelid = to_regclass($1)
      ORDER BY k.n`,
    [indexName],
  );
  return rows.map((r) => r.column);
}

export function oneLine(sql) {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 90 ? `${flat.slice(0, 87)}...` : flat;
}
