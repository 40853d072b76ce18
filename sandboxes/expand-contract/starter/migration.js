// The plan for renaming shipments.addr to delivery_address on the live table: an ordered list of
// steps. lib/plan-runner.js runs it against 20,000 shipments with the app versions serving traffic
// after every step (see that file for exactly what it does). The kinds of step:
//
//   { name, sql: '...' }                         SQL, one statement at a time, each step in a fresh
//                                                session (a SET from an earlier step is gone)
//   { name, deploy: 'v2', readFrom, writeTo }    start a new release of app.js with these settings;
//                                                the versions already running keep running
//   { name, retire: 'v1' }                       stop a running version
//   { name, backfill: true }                     run backfill() below
//
// At the start the table is (id, order_id, addr text NOT NULL, created_at) with an index on addr,
// and v1 (lib/app-v1.js, reads and writes addr) is running. At the end, the table must have
// delivery_address NOT NULL with an index on it and no addr, and every address must be intact.
// Every version must work after every step while it runs.
//
// This is the one-line pull request from the incident. The rename takes milliseconds, but v1 is
// still serving requests when it runs.

export const plan = [
  // TODO 1: replace this with expand -> deploy a dual-writing version -> retire v1 -> backfill ->
  //   switch reads -> stop writing addr -> contract. Start every step that takes an ACCESS EXCLUSIVE
  //   lock with a short lock_timeout, and avoid statements that rewrite or scan the table while they
  //   hold it (see the lesson's table of what each change locks).
  { name: 'rename addr to delivery_address', sql: 'ALTER TABLE shipments RENAME COLUMN addr TO delivery_address' },
  { name: 'deploy v2', deploy: 'v2', readFrom: 'delivery_address', writeTo: ['delivery_address'] },
  { name: 'retire v1', retire: 'v1' },
];

/**
 * Copies addr into delivery_address for the rows written before the new column existed, in
 * transactions of at most `batchSize` rows each. `db.query(text, params)` resolves to
 * { rows, rowCount }. Between your transactions the running versions keep writing.
 */
export async function backfill(db, { batchSize }) {
  // TODO 3: one UPDATE per batch of ids, each copying from the row's current addr. One UPDATE of the
  //   whole table would lock every row for the length of one long transaction.
  void db;
  void batchSize;
}
