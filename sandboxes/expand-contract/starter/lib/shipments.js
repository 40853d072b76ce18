// Parcelpoint's shipments table in a real PostgreSQL 18 (PGlite, compiled to WebAssembly), with
// 20,000 rows: big enough that a rewrite or a full scan under a lock is an outage in production.
// Read-only support code for the checks and demos.
import { startPostgres } from './postgres.js';

export const ROWS = 20_000;

export const SCHEMA = `
CREATE TABLE shipments (
  id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id   integer NOT NULL,
  addr       text    NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shipments_addr_idx ON shipments (addr);`;

const LOAD = `
INSERT INTO shipments (order_id, addr)
SELECT 100000 + g,
       ((g * 37) % 900 + 1) || ' '
       || (ARRAY['Harbour Road','Mill Lane','Station Street','Kiln Row','Orchard Way','Quay Street','Chapel Walk','Bridge End'])[1 + g % 8]
       || ', ' || (ARRAY['Leeds','Bristol','Cork','Dundee','Exeter','Galway','Hull','York'])[1 + (g / 8) % 8]
FROM generate_series(1, ${ROWS}) AS g;
ANALYZE shipments;`;

export function startDatabase() {
  return startPostgres();
}

/** Drops everything and loads the table as it is before the migration. */
export async function loadShipments(pg) {
  await pg.exec(`DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; ${SCHEMA} ${LOAD}`);
}

/** The columns of shipments, e.g. [{ name: 'addr', notNull: true }, ...]. */
export async function columns(pg) {
  const { rows } = await pg.query(
    `SELECT attname AS name, attnotnull AS "notNull" FROM pg_attribute
      WHERE attrelid = 'shipments'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
  );
  return rows;
}
