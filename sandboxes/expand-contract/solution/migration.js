// The plan for renaming shipments.addr to delivery_address on the live table, as expand-contract:
// every step works with every version running during it, every ACCESS EXCLUSIVE lock is brief and
// bounded by lock_timeout, and nothing rewrites or scans the table while holding it.

const SHORT_LOCK = "SET lock_timeout = '100ms'";

export const plan = [
  // Catalog only: a nullable column with no default. v1 never mentions it.
  { name: 'expand: add delivery_address', sql: [SHORT_LOCK, 'ALTER TABLE shipments ADD COLUMN delivery_address text'] },

  // v2 writes both columns and still reads addr, the only complete one. v1 and v2 run side by side.
  { name: 'deploy v2: write both, read addr', deploy: 'v2', readFrom: 'addr', writeTo: ['addr', 'delivery_address'] },
  { name: 'retire v1', retire: 'v1' },

  // Only now: v1 is gone, so no writer changes addr without delivery_address any more.
  { name: 'backfill delivery_address', backfill: true },

  // Writes continue while the index builds (SHARE UPDATE EXCLUSIVE, not SHARE).
  { name: 'index delivery_address', sql: 'CREATE INDEX CONCURRENTLY shipments_delivery_address_idx ON shipments (delivery_address)' },

  // NOT NULL without a scan under ACCESS EXCLUSIVE: a NOT VALID check (brief lock), VALIDATE (scans
  // under SHARE UPDATE EXCLUSIVE, writes go on), then SET NOT NULL uses the valid check.
  {
    name: 'delivery_address NOT NULL',
    sql: [
      SHORT_LOCK,
      'ALTER TABLE shipments ADD CONSTRAINT shipments_delivery_address_not_null CHECK (delivery_address IS NOT NULL) NOT VALID',
      'ALTER TABLE shipments VALIDATE CONSTRAINT shipments_delivery_address_not_null',
      'ALTER TABLE shipments ALTER COLUMN delivery_address SET NOT NULL',
      'ALTER TABLE shipments DROP CONSTRAINT shipments_delivery_address_not_null',
    ],
  },

  // Switch reads. v3 still writes addr, because v2 (still running) reads it.
  { name: 'deploy v3: read delivery_address, write both', deploy: 'v3', readFrom: 'delivery_address', writeTo: ['addr', 'delivery_address'] },
  { name: 'retire v2', retire: 'v2' },

  // v4 stops writing addr, so addr must accept NULL first.
  { name: 'addr may be NULL', sql: [SHORT_LOCK, 'ALTER TABLE shipments ALTER COLUMN addr DROP NOT NULL'] },
  { name: 'deploy v4: delivery_address only', deploy: 'v4', readFrom: 'delivery_address', writeTo: ['delivery_address'] },
  { name: 'retire v3', retire: 'v3' },

  // Contract: no running version mentions addr any more. Dropping it also drops its index.
  { name: 'contract: drop addr', sql: [SHORT_LOCK, 'ALTER TABLE shipments DROP COLUMN addr'] },
];

/**
 * Copies addr into delivery_address for the rows written before the new column existed, in
 * transactions of at most `batchSize` rows each. Each batch is one statement that copies from the
 * row as it is when the UPDATE locks it, so a concurrent write cannot be overwritten by a stale value.
 */
export async function backfill(db, { batchSize }) {
  const { rows } = await db.query('SELECT coalesce(max(id), 0) AS max FROM shipments');
  const maxId = rows[0].max;
  for (let from = 1; from <= maxId; from += batchSize) {
    await db.query(
      `UPDATE shipments SET delivery_address = addr
        WHERE id >= $1 AND id < $2 AND delivery_address IS DISTINCT FROM addr`,
      [from, from + batchSize],
    );
  }
}
