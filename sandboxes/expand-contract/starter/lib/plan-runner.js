// Runs a migration plan (migration.js) against a real PostgreSQL holding Parcelpoint's 20,000
// shipments, with every running app version serving traffic after every step. Read-only support
// code: the checks and demos call runPlan() and read its report.
//
// What happens, step by step:
//   - The table starts as lib/shipments.js creates it, with v1 (lib/app-v1.js) running.
//   - { sql } runs its statements one at a time in a fresh session (settings such as lock_timeout
//     from an earlier step do not carry over). Each statement runs in a transaction of its own
//     (unless your step opens one with BEGIN), so its locks can be read from pg_locks before it
//     commits. CREATE/DROP INDEX CONCURRENTLY and VACUUM run outside a transaction, as they must.
//     For each statement the report keeps: the locks it took on shipments, whether it rewrote the
//     table (a new relfilenode) or scanned it to verify a constraint (PostgreSQL's own DEBUG
//     message), the lock_timeout in force, and the rows it updated.
//   - { deploy, readFrom, writeTo } starts a new version: createApp(db, { readFrom, writeTo }) from
//     app.js. The versions already running keep running (a rolling deploy).
//   - { retire } stops a running version.
//   - { backfill: true } calls backfill(db, { batchSize }) from migration.js. Between its
//     transactions, the running versions keep writing (creates and address changes, some of them
//     to rows your last SELECT returned), as production traffic would.
//   - After every step, each running version creates shipments, changes addresses (its own and
//     other versions' rows), and reads rows back (new ones, old ones, changed ones) and searches
//     by address. A thrown error or a wrong answer is recorded as a failure of that version.
import { createAppV1 } from './app-v1.js';
import { randomInt, seededRandom } from './random.js';
import { ROWS, columns, loadShipments } from './shipments.js';
import { splitStatements } from './sql.js';

export const BATCH_SIZE = 1000;
export const MAX_LOCK_TIMEOUT_MS = 1000;

/**
 * options: { plan, backfill, createApp, probe: false }
 * With probe: true, versions that are not running are also tried after each step (inside a
 * transaction that is rolled back), to show what would happen if they were: the demos use it.
 */
export async function runPlan(pg, { plan, backfill, createApp, probe = false }) {
  await loadShipments(pg);
  const oid = (await pg.query("SELECT 'shipments'::regclass::oid AS oid")).rows[0].oid;
  const report = {
    states: [],
    failures: [],
    statements: [],
    transactions: [],
    backfills: [],
    structure: [],
    stopped: null,
    final: null,
    versionNames: ['v1'],
  };

  // What every row should hold: id -> { orderId, address }.
  const model = new Map();
  for (const row of (await pg.query('SELECT id, order_id, addr FROM shipments')).rows) model.set(row.id, { orderId: row.order_id, address: row.addr });
  let rand = seededRandom(4242);
  const history = [];
  let sequence = 0;

  const apps = new Map([['v1', createAppV1(pg)]]);
  const settingsOf = new Map([['v1', { readFrom: 'addr', writeTo: ['addr'] }]]);
  let running = ['v1'];

  if (!Array.isArray(plan)) {
    report.stopped = { step: 0, name: 'plan', message: 'migration.js must export `plan`, an array of steps' };
    return report;
  }
  // Versions the plan will deploy, known up front so that a probe can try them early.
  for (const step of plan) {
    if (step && typeof step.deploy === 'string' && !settingsOf.has(step.deploy)) {
      settingsOf.set(step.deploy, { readFrom: step.readFrom, writeTo: step.writeTo });
      report.versionNames.push(step.deploy);
    }
  }
  const appFor = (name) => {
    if (!apps.has(name)) {
      const settings = settingsOf.get(name);
      apps.set(name, createApp(pg, { readFrom: settings.readFrom, writeTo: Array.isArray(settings.writeTo) ? [...settings.writeTo] : settings.writeTo }));
    }
    return apps.get(name);
  };

  // ---------- traffic ----------

  /** kind: 'error' (it threw) or 'wrong' (it answered, wrongly). */
  function fail(state, version, op, message, kind = 'error') {
    report.failures.push({ state, step: report.states[state]?.name ?? plan[state - 1]?.name, version, op, message, kind });
  }

  /** Writes by each version in `names`; returns the rows written. */
  async function writes(state, names, view, { updateIds = [] } = {}) {
    const written = [];
    for (const name of names) {
      let app;
      try {
        app = appFor(name);
      } catch (error) {
        fail(state, name, 'createApp', error.message);
        continue;
      }
      sequence += 1;
      const address = `${sequence} Quay Street, Hull (written by ${name})`;
      const orderId = 900_000 + sequence;
      try {
        const id = await app.create({ orderId, address });
        if (!Number.isInteger(id)) fail(state, name, 'create', `create() should resolve to the new id, got ${JSON.stringify(id)}`, 'wrong');
        else {
          view.set(id, { orderId, address });
          written.push({ id, by: name, address });
        }
      } catch (error) {
        fail(state, name, 'create', error.message);
      }
      const targets = [randomInt(rand, 1, ROWS), ...updateIds.splice(0, 1)];
      const other = written.find((w) => w.by !== name);
      if (other) targets.push(other.id);
      for (const id of targets) {
        sequence += 1;
        const next = `${sequence} Mill Lane, Leeds (changed by ${name})`;
        try {
          await app.updateAddress(id, next);
          view.set(id, { ...view.get(id), address: next });
          written.push({ id, by: name, address: next });
        } catch (error) {
          fail(state, name, 'updateAddress', error.message);
        }
      }
    }
    return written;
  }

  /** Reads by each version in `names` of the rows just written, a few old ones and earlier changes. */
  async function reads(state, names, view, written) {
    const ids = [...new Set([...written.map((w) => w.id), randomInt(rand, 1, ROWS), randomInt(rand, 1, ROWS), ...history.slice(-3)])];
    for (const name of names) {
      let app;
      try {
        app = appFor(name);
      } catch {
        continue; // already reported by writes()
      }
      for (const id of ids) {
        const want = view.get(id);
        if (!want) continue;
        try {
          const got = await app.get(id);
          if (!got || got.address !== want.address || got.id !== id || got.orderId !== want.orderId) {
            fail(state, name, 'get', `get(${id}) returned ${JSON.stringify(got)}; expected address "${want.address}"`, 'wrong');
            break;
          }
        } catch (error) {
          fail(state, name, 'get', error.message);
          break;
        }
      }
      for (const w of written.slice(0, 3)) {
        if (view.get(w.id)?.address !== w.address) continue;
        try {
          const found = await app.findByAddress(w.address);
          if (!Array.isArray(found) || !found.includes(w.id)) {
            fail(state, name, 'findByAddress', `findByAddress("${w.address}") returned ${JSON.stringify(found)}; expected it to include ${w.id}`, 'wrong');
            break;
          }
        } catch (error) {
          fail(state, name, 'findByAddress', error.message);
          break;
        }
      }
    }
  }

  async function exercise(state) {
    const written = await writes(state, running, model);
    await reads(state, running, model, written);
    history.push(...written.map((w) => w.id));
  }

  /** Tries one version without keeping anything it writes: 'ok', or the first failure. */
  async function tryVersion(state, name) {
    const saved = report.failures.length;
    const overlay = new Map();
    const view = { get: (id) => (overlay.has(id) ? overlay.get(id) : model.get(id)), set: (id, v) => overlay.set(id, v) };
    // Same traffic shape, but random picks from a generator of its own, so that probing does not
    // change what the running versions do.
    const [savedSequence, savedRand] = [sequence, rand];
    rand = seededRandom(7000 + state);
    await pg.query('BEGIN');
    try {
      const written = await writes(state, [name], view);
      await reads(state, [name], view, written);
    } finally {
      await pg.query('ROLLBACK');
      [sequence, rand] = [savedSequence, savedRand];
    }
    const found = report.failures.splice(saved);
    return found[0] ?? null;
  }

  async function recordState(index, name) {
    const state = { index, name, running: [...running], columns: await columns(pg), results: {} };
    report.states.push(state);
    const before = report.failures.length;
    await exercise(index);
    for (const version of running) state.results[version] = report.failures.slice(before).find((f) => f.version === version) ?? 'ok';
    if (probe) {
      for (const version of report.versionNames) {
        if (!running.includes(version)) state.results[version] = { probe: (await tryVersion(index, version)) ?? 'ok' };
      }
    }
  }

  // ---------- steps ----------

  async function currentLockTimeout() {
    const { rows } = await pg.query("SELECT setting::int AS ms FROM pg_settings WHERE name = 'lock_timeout'");
    return rows[0].ms;
  }
  async function relfilenode() {
    const { rows } = await pg.query('SELECT relfilenode FROM pg_class WHERE oid = $1', [oid]);
    return rows[0]?.relfilenode ?? null;
  }
  async function updatedSoFar() {
    const { rows } = await pg.query('SELECT pg_stat_get_xact_tuples_updated($1)::int AS n', [oid]);
    return rows[0].n;
  }
  async function myLocks() {
    const { rows } = await pg.query(
      "SELECT mode FROM pg_locks WHERE locktype = 'relation' AND relation = $1 AND pid = pg_backend_pid() AND granted ORDER BY mode",
      [oid],
    );
    return rows.map((r) => r.mode);
  }

  async function runSql(index, step) {
    await pg.query('RESET lock_timeout');
    await pg.query('RESET statement_timeout');
    const texts = Array.isArray(step.sql) ? step.sql : [step.sql];
    const statements = texts.flatMap((t) => splitStatements(String(t)));
    let inTransaction = false;
    for (const sql of statements) {
      const kind = transactionKind(sql);
      if (kind.begin || kind.end) {
        await pg.query(sql);
        inTransaction = kind.begin;
        continue;
      }
      const bare = /\bconcurrently\b/i.test(sql) || /^\s*vacuum\b/i.test(sql);
      const entry = { step: index, name: step.name, sql, locks: [], rewrote: false, scanned: false, lockTimeoutMs: await currentLockTimeout(), rowsUpdated: 0, bare };
      const before = await relfilenode();
      const notices = [];
      const wrap = !inTransaction && !bare;
      if (wrap) await pg.query('BEGIN');
      await pg.query(bare ? 'SET client_min_messages = debug1' : 'SET LOCAL client_min_messages = debug1');
      const updated0 = bare ? 0 : await updatedSoFar();
      try {
        await pg.query(sql, [], { onNotice: (n) => notices.push(n.message) });
        if (!bare) {
          entry.locks = await myLocks();
          entry.rowsUpdated = (await updatedSoFar()) - updated0;
        }
        if (wrap) await pg.query('COMMIT');
      } catch (error) {
        if (wrap || inTransaction) await pg.query('ROLLBACK');
        throw new Error(`"${oneLine(sql)}" failed: ${error.message}`);
      } finally {
        await pg.query('RESET client_min_messages').catch(() => {});
      }
      const after = await relfilenode();
      entry.rewrote = (before !== null && after !== null && before !== after) || notices.some((m) => /rewriting table "shipments"/.test(m));
      entry.scanned = notices.some((m) => /verifying table "shipments"/.test(m));
      report.statements.push(entry);
      if (entry.rowsUpdated > 0) report.transactions.push({ step: index, name: step.name, rows: entry.rowsUpdated, sql });
    }
    if (inTransaction) {
      await pg.query('COMMIT');
      report.structure.push(`step ${index} ("${step.name}") left a transaction open; it was committed at the end of the step`);
    }
  }

  async function runBackfill(index, step) {
    const record = { step: index, name: step.name, statements: 0, transactions: [], v1Running: running.includes('v1'), error: null };
    report.backfills.push(record);
    let inTransaction = false;
    let txStart = 0;
    let txStatements = 0;
    const burstIds = [];
    const burst = async () => {
      const written = await writes(index, running, model, { updateIds: burstIds.splice(0) });
      history.push(...written.map((w) => w.id));
    };
    const db = {
      async query(text, params = []) {
        if (typeof text !== 'string') throw new TypeError('db.query(text, params): text must be a string of SQL');
        record.statements += 1;
        const kind = transactionKind(text);
        if (kind.begin) {
          const result = await pg.query(text, params);
          inTransaction = true;
          txStart = await updatedSoFar();
          txStatements = 0;
          return shape(result);
        }
        if (kind.end) {
          const rows = inTransaction ? await updatedSoFar().then((n) => n - txStart).catch(() => 0) : 0;
          const result = await pg.query(text, params);
          if (inTransaction) record.transactions.push({ rows, statements: txStatements });
          inTransaction = false;
          await burst();
          return shape(result);
        }
        const bare = /\bconcurrently\b/i.test(text) || /^\s*vacuum\b/i.test(text);
        if (inTransaction || bare) {
          txStatements += 1;
          return shape(await pg.query(text, params));
        }
        // A statement on its own is its own transaction; wrap it to count the rows it updated.
        await pg.query('BEGIN');
        const start = await updatedSoFar();
        let result;
        try {
          result = await pg.query(text, params);
        } catch (error) {
          await pg.query('ROLLBACK');
          throw error;
        }
        const rows = (await updatedSoFar()) - start;
        await pg.query('COMMIT');
        record.transactions.push({ rows, statements: 1, sql: text });
        remember(result);
        await burst();
        return shape(result);
      },
    };
    function remember(result) {
      const withIds = (result.rows ?? []).filter((r) => Number.isInteger(r.id));
      if (withIds.length > 0) burstIds.push(withIds[Math.floor(withIds.length / 2)].id);
    }
    if (typeof backfill !== 'function') throw new Error('migration.js must export backfill(db, { batchSize })');
    await backfill(db, { batchSize: BATCH_SIZE });
    if (inTransaction) {
      await pg.query('COMMIT');
      report.structure.push(`the backfill left a transaction open; it was committed at the end of the step`);
    }
    for (const t of record.transactions) if (t.rows > 0) report.transactions.push({ step: index, name: step.name, rows: t.rows, sql: t.sql ?? '(a transaction of the backfill)' });
    const cols = (await columns(pg)).map((c) => c.name);
    if (cols.includes('addr') && cols.includes('delivery_address')) {
      const { rows } = await pg.query(
        'SELECT id, addr, delivery_address FROM shipments WHERE delivery_address IS DISTINCT FROM addr ORDER BY id',
      );
      record.nulls = rows.filter((r) => r.delivery_address === null);
      record.mismatches = rows.filter((r) => r.delivery_address !== null);
    } else {
      record.nulls = null;
      record.mismatches = null;
    }
  }

  // ---------- the plan ----------

  const deployed = new Set();
  await recordState(0, 'start');
  for (const [i, step] of plan.entries()) {
    const index = i + 1;
    const name = step?.name ?? `step ${index}`;
    try {
      if (!step || typeof step !== 'object') throw new Error(`step ${index} is ${JSON.stringify(step)}, not an object`);
      if ('sql' in step) await runSql(index, step);
      else if ('deploy' in step) {
        const version = step.deploy;
        if (typeof version !== 'string' || version === 'v1' || deployed.has(version)) {
          throw new Error(`step ${index} ("${name}") deploys ${JSON.stringify(version)}: each deploy needs a new version name (v2, v3, ...)`);
        }
        deployed.add(version);
        running.push(version);
      } else if ('retire' in step) {
        if (!running.includes(step.retire)) report.structure.push(`step ${index} ("${name}") retires ${step.retire}, which is not running`);
        else running = running.filter((v) => v !== step.retire);
        if (running.length === 0) report.structure.push(`after step ${index} ("${name}") no version is running: that is downtime`);
      } else if ('backfill' in step) await runBackfill(index, step);
      else throw new Error(`step ${index} ("${name}") has none of sql, deploy, retire or backfill`);
    } catch (error) {
      report.stopped = { step: index, name, message: error.message };
      return report;
    }
    await recordState(index, name);
  }

  const cols = await columns(pg);
  const { rows: indexes } = await pg.query(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid, 1, true) AS first, i.indisvalid AS valid
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = $1`,
    [oid],
  );
  const final = { columns: cols, indexes, wrong: [], running: [...running] };
  if (cols.some((c) => c.name === 'delivery_address')) {
    const { rows } = await pg.query('SELECT id, order_id, delivery_address FROM shipments ORDER BY id');
    const seen = new Set();
    for (const row of rows) {
      seen.add(row.id);
      const want = model.get(row.id);
      if (!want || want.address !== row.delivery_address) final.wrong.push({ id: row.id, got: row.delivery_address, want: want?.address ?? '(no such shipment)' });
    }
    for (const id of model.keys()) if (!seen.has(id)) final.wrong.push({ id, got: '(row missing)', want: model.get(id).address });
  }
  report.final = final;
  return report;
}

function shape(result) {
  const rows = result.rows ?? [];
  return { rows, rowCount: result.command === 'SELECT' ? rows.length : (result.affectedRows ?? rows.length), command: result.command };
}

function transactionKind(sql) {
  return {
    begin: /^\s*(begin|start\s+transaction)\b/i.test(sql),
    end: /^\s*(commit|end|abort)\b/i.test(sql) || (/^\s*rollback\b/i.test(sql) && !/^\s*rollback\s+(to|prepared)\b/i.test(sql)),
  };
}

export function oneLine(sql) {
  const flat = String(sql).replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 97)}...` : flat;
}
