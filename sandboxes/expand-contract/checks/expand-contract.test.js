// Checks for the rename of shipments.addr to delivery_address. Your plan runs once, against a real
// PostgreSQL (PGlite) with 20,000 shipments, with every running app version serving traffic after
// each step (lib/plan-runner.js); each check below reads one part of that run's report. Locks come
// from pg_locks, rewrites from the table's relfilenode, scans from PostgreSQL's own DEBUG messages.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { BATCH_SIZE, MAX_LOCK_TIMEOUT_MS, oneLine, runPlan } from '../lib/plan-runner.js';
import { startDatabase } from '../lib/shipments.js';
import { createApp } from '../app.js';
import { backfill, plan } from '../migration.js';

let database;
let running;
/** The report of one run of your plan, made on first use. */
function report() {
  running ??= (async () => {
    database = startDatabase();
    return runPlan(await database, { plan, backfill, createApp });
  })();
  return running;
}
after(async () => {
  if (database) await (await database.catch(() => null))?.close();
});

const fmt = (n) => n.toLocaleString('en-US');

function assertRan(r) {
  assert.ok(
    r.stopped === null,
    r.stopped && `the plan stopped at step ${r.stopped.step} ("${r.stopped.name}"): ${r.stopped.message}. Fix that first: the later steps never ran.`,
  );
}

/** `message`, or why the plan stopped when it did not get that far. */
function orStop(r, message) {
  return r.stopped ? `the plan stopped at step ${r.stopped.step} ("${r.stopped.name}"): ${r.stopped.message}` : message;
}

function describeFailure(f) {
  return `after step ${f.state} ("${f.step}"), ${f.version}'s ${f.op} failed: ${f.message}`;
}

test('the plan ends with delivery_address NOT NULL and indexed, addr gone, and every address intact', async () => {
  const r = await report();
  assertRan(r);
  const cols = r.final.columns;
  const column = cols.find((c) => c.name === 'delivery_address');
  assert.ok(column, `at the end shipments has (${cols.map((c) => c.name).join(', ')}): there is no delivery_address`);
  assert.ok(!cols.some((c) => c.name === 'addr'), 'at the end shipments still has addr: contract the schema once no running version uses it');
  assert.ok(column.notNull, 'delivery_address should be NOT NULL at the end, as addr was');
  const index = r.final.indexes.find((i) => i.first === 'delivery_address');
  assert.ok(index, `no index on shipments starts with delivery_address (found: ${r.final.indexes.map((i) => `${i.name} on ${i.first}`).join(', ')}); the support tool searches by address`);
  assert.ok(index.valid, `${index.name} is INVALID (a failed concurrent build): drop it and build it again`);
  const wrong = r.final.wrong;
  assert.ok(wrong.length === 0,
    `${fmt(wrong.length)} shipment(s) end with the wrong address, e.g. ` +
      wrong.slice(0, 3).map((w) => `#${w.id}: ${JSON.stringify(w.got)} instead of "${w.want}"`).join('; '),
  );
});

test('the old version (v1) keeps working after every step until it is retired', async () => {
  const r = await report();
  const failures = r.failures.filter((f) => f.version === 'v1');
  assert.ok(failures.length === 0,
    failures.length > 0 &&
      `${describeFailure(failures[0])}. v1 is still serving requests at that point of the rollout, and it only knows addr. ` +
        `(${failures.length} failure${failures.length === 1 ? '' : 's'} of v1 in all.)`,
  );
  assertRan(r);
});

test('each new version works after every step while it runs, and reads what the others wrote', async () => {
  const r = await report();
  const failures = r.failures.filter((f) => f.version !== 'v1');
  assert.ok(r.states.some((s) => s.running.some((v) => v !== 'v1')), orStop(r, 'the plan never deploys a new version of the app'));
  assert.ok(failures.length === 0, failures.length > 0 && `${describeFailure(failures[0])}. (${failures.length} failure${failures.length === 1 ? '' : 's'} of new versions in all.)`);
  assertRan(r);
});

test('some version is running after every step (each is retired only once another serves)', async () => {
  const r = await report();
  assert.deepEqual(r.structure, [], r.structure.join('; '));
  assertRan(r);
});

test(`the backfill fills every old row, at most ${fmt(BATCH_SIZE)} rows per transaction`, async () => {
  const r = await report();
  assert.ok(r.backfills.length > 0, orStop(r, 'the plan has no { backfill: true } step: the rows written before delivery_address existed are never copied into it'));
  const big = r.transactions.filter((t) => t.rows > BATCH_SIZE);
  assert.ok(big.length === 0,
    big.length > 0 &&
      `step ${big[0].step} ("${big[0].name}") updated ${fmt(big[0].rows)} rows of shipments in one transaction (${oneLine(big[0].sql)}). ` +
        `It holds every one of those row locks until it commits; keep each transaction to ${fmt(BATCH_SIZE)} rows or fewer.`,
  );
  for (const b of r.backfills) {
    assert.ok(b.transactions.some((t) => t.rows > 0), `the backfill at step ${b.step} ran ${b.statements} statement(s) and updated no rows`);
    if (b.nulls) {
      assert.ok(b.nulls.length === 0,
        `after the backfill at step ${b.step}, ${fmt(b.nulls.length)} rows still have delivery_address NULL (e.g. #${b.nulls[0]?.id})` +
          (b.v1Running ? '. v1 was still running and inserts rows without delivery_address: retire it before the backfill.' : ': cover every id up to the largest.'),
      );
    }
  }
  assertRan(r);
});

test('after the backfill, delivery_address equals addr on every row, including rows changed while it ran', async () => {
  const r = await report();
  assert.ok(r.backfills.length > 0, orStop(r, 'the plan has no { backfill: true } step'));
  for (const b of r.backfills) {
    if (!b.mismatches) continue;
    const m = b.mismatches[0];
    assert.ok(b.mismatches.length === 0,
      m &&
        `after the backfill at step ${b.step}, ${fmt(b.mismatches.length)} row(s) disagree, e.g. #${m.id}: addr "${m.addr}" but delivery_address "${m.delivery_address}". ` +
          (b.v1Running
            ? 'v1 was still running during the backfill and changes addr alone: backfill only after the last version that does not write delivery_address is retired.'
            : 'A value read into the application and written back later can be stale by then: copy in one UPDATE from the row itself.'),
    );
  }
  assertRan(r);
});

test('no step holds an ACCESS EXCLUSIVE lock on shipments while it rewrites or scans the table', async () => {
  const r = await report();
  const bad = r.statements.filter((s) => (s.locks.includes('AccessExclusiveLock') || s.bare) && (s.rewrote || s.scanned));
  const s = bad[0];
  assert.ok(bad.length === 0,
    s &&
      `step ${s.step} ("${s.name}"): "${oneLine(s.sql)}" ${s.rewrote ? 'rewrote all of shipments' : 'scanned all of shipments to verify a constraint'} ` +
        'while holding ACCESS EXCLUSIVE, which blocks every read and write for the whole time. ' +
        (s.rewrote ? 'Add a new column and move the data in batches instead.' : 'Add the constraint NOT VALID, then VALIDATE it (that scan allows reads and writes).'),
  );
  assertRan(r);
});

test('no step blocks writes to shipments while it builds an index (CREATE INDEX CONCURRENTLY)', async () => {
  const r = await report();
  const bad = r.statements.filter((s) => s.locks.includes('ShareLock') && !s.locks.includes('AccessExclusiveLock'));
  const s = bad[0];
  assert.ok(bad.length === 0,
    s && `step ${s.step} ("${s.name}"): "${oneLine(s.sql)}" took a SHARE lock on shipments: every INSERT and UPDATE waits until the whole index is built.`,
  );
  assertRan(r);
});

test(`every statement that takes an ACCESS EXCLUSIVE lock on shipments runs with a lock_timeout of at most ${MAX_LOCK_TIMEOUT_MS / 1000} s`, async () => {
  const r = await report();
  const bad = r.statements.filter((s) => s.locks.includes('AccessExclusiveLock') && (s.lockTimeoutMs === 0 || s.lockTimeoutMs > MAX_LOCK_TIMEOUT_MS));
  const s = bad[0];
  assert.ok(bad.length === 0,
    s &&
      `step ${s.step} ("${s.name}"): "${oneLine(s.sql)}" needs ACCESS EXCLUSIVE and ran with lock_timeout ${s.lockTimeoutMs === 0 ? '0 (wait forever)' : `${s.lockTimeoutMs} ms`}. ` +
        'Behind a long transaction it would queue every query on shipments for as long as it waits. Set a short lock_timeout at the start of each step (each step is a fresh session).',
  );
  assertRan(r);
});
