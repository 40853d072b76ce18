// An in-memory stand-in for a relational database, small enough to read. It follows PostgreSQL
// where the checks depend on it, and says below where it does not.
//
// Transactions: a transaction's writes stay private until commit, then appear all at once; a
// rollback, or a commit that fails, leaves nothing behind. Reads see the committed rows plus the
// transaction's own writes (read committed). Every call is async, like a round trip to a real
// database, so other work can run in between.
//
// Connections: each process gets its own (world.start() does this), and every transaction belongs
// to the connection that began it. When a process dies, the database rolls back that process's
// open transactions and releases their locks, and no other process's.
//
// Unique constraints (primary keys, UNIQUE (a, b)) are checked when a row is written and again at
// commit, so two transactions racing to insert the same key cannot both commit.
//
//   await db.transaction(async (tx) => { ... })   commits when the function returns, rolls back if it throws
//   const tx = await db.begin(); ...; await tx.commit()   or   await tx.rollback()
//
//   tx.insert(table, row)                 -> the stored row (with its sequence number); throws UniqueViolation
//   tx.insertIfAbsent(table, row)         -> true if inserted, false if a unique key already holds a row
//                                            (INSERT ... ON CONFLICT DO NOTHING)
//   tx.select(table, { where, orderBy, limit }) -> rows (copies)
//   tx.update(table, where, changes)      -> how many rows changed
//   tx.delete(table, where)               -> how many rows were deleted
//   db.select / insert / insertIfAbsent / update / delete: the same, as one statement in its own
//   transaction (autocommit).
//
// `where` is { column: value } (null matches an empty column) or a function row => boolean;
// `orderBy` is a column name, ascending.
//
// Locks, released when the transaction ends (commit, rollback, or its process dying):
//   tx.update / tx.delete  lock every row they change, as PostgreSQL's UPDATE and DELETE do. A row
//       another open transaction has locked makes the statement wait until that transaction ends;
//       then it reads the row again and applies its where clause to the new version (a row that no
//       longer matches is left alone). Two transactions waiting for each other: the one that would
//       close the circle fails with DeadlockDetected and is rolled back.
//   tx.select(table, { ..., lock: 'skip-locked' })  SELECT ... FOR UPDATE SKIP LOCKED: locks the rows
//       it returns and skips rows another open transaction has locked (this way or by an update)
//   tx.tryLock(name) -> true if this transaction now holds the named lock, false if another open
//       transaction holds it (pg_try_advisory_xact_lock)
//
// What it does not model: a plain select never waits and never locks (there is no FOR UPDATE
// without SKIP LOCKED, and no FOR SHARE); an insert does not wait for another open transaction
// that inserted the same unique key (PostgreSQL would block it until that one ends): here the
// second one to commit fails with UniqueViolation, insertIfAbsent included; there are no
// isolation levels other than read committed, no lock timeouts and no durability to lose.
//
// Faults (for checks and demos): db.arm('commit-fails' | 'crash-after-commit', { table }) and
// db.hold({ table }); see below.
import { CommitFailed, DeadlockDetected, ProcessCrash, UniqueViolation } from './faults.js';

const POINTS = ['commit-fails', 'crash-after-commit'];
const roundTrip = () => new Promise((resolve) => setImmediate(resolve));

export function createDatabase({ name, tables: definitions, clock }) {
  const schema = new Map(Object.entries(definitions).map(([table, def]) => [table, compile(table, def)]));
  const committed = new Map([...schema.keys()].map((table) => [table, new Map()])); // table -> rowId -> row
  // table -> one Map per unique constraint: key of the committed row -> its rowId
  const indexes = new Map([...schema].map(([table, def]) => [table, def.unique.map(() => new Map())]));
  const lastRowId = new Map([...schema.keys()].map((table) => [table, 0]));
  const faults = []; // { point, table, handle }
  const gates = []; // { table, arrive, released }
  const open = new Map(); // transaction (its `self`) -> { end, connection }, for those still open
  const rowLocks = new Map(); // `${table}\0${rowId}` -> owning transaction
  const namedLocks = new Map(); // name -> owning transaction
  const waitingFor = new Map(); // transaction -> the transaction whose row lock it waits for
  const released = new Map(); // transaction -> { promise, resolve }: resolves when it ends
  let crashes = 0;

  function tableOf(table) {
    const def = schema.get(table);
    if (!def) throw new TypeError(`${name}: there is no table "${table}" (tables: ${[...schema.keys()].join(', ')})`);
    return def;
  }

  /** Validates a new row and fills in defaults and the sequence column. */
  function newRow(def, values) {
    if (values === null || typeof values !== 'object' || Array.isArray(values)) {
      throw new TypeError(`${name}: insert into "${def.table}" needs an object of column values, got ${JSON.stringify(values)}`);
    }
    checkColumns(def, values, 'insert into');
    if (def.sequence && values[def.sequence] !== undefined) {
      throw new TypeError(`${name}: "${def.table}.${def.sequence}" is numbered by the database; leave it out of the insert`);
    }
    const rowId = lastRowId.get(def.table) + 1; // like a sequence: a rolled-back insert leaves a gap
    lastRowId.set(def.table, rowId);
    const row = {};
    for (const column of def.columns) {
      if (values[column] !== undefined) row[column] = copy(values[column]);
      else if (def.defaults[column]) row[column] = def.defaults[column]({ clock });
      else row[column] = null;
    }
    if (def.sequence) row[def.sequence] = rowId;
    checkNotNull(def, row);
    return { rowId, row };
  }

  function checkColumns(def, values, doing) {
    for (const column of Object.keys(values)) {
      if (!def.columns.includes(column)) {
        throw new TypeError(`${name}: ${doing} "${def.table}": there is no column "${column}" (columns: ${def.columns.join(', ')})`);
      }
    }
  }

  function checkNotNull(def, row) {
    for (const column of def.notNull) {
      if (row[column] === null || row[column] === undefined) {
        throw new TypeError(`${name}: "${def.table}.${column}" cannot be empty (NOT NULL)`);
      }
    }
  }

  /**
   * The first unique constraint that `row` (as rowId) would break, given a transaction's own
   * writes `own` (rowId -> row, or null when deleted) over the committed rows; or null.
   */
  function clash(def, rowId, row, own) {
    for (const [i, constraint] of def.unique.entries()) {
      const key = keyOf(constraint, row);
      if (key === null) continue;
      let taken = false;
      for (const [otherId, other] of own ?? []) {
        if (otherId !== rowId && other && keyOf(constraint, other) === key) taken = true;
      }
      const holder = indexes.get(def.table)[i].get(key);
      if (holder !== undefined && holder !== rowId && !own?.has(holder)) taken = true;
      if (taken) return new UniqueViolation(constraint.name, Object.fromEntries(constraint.columns.map((c) => [c, row[c]])));
    }
    return null;
  }

  function index(def, rowId, row, add) {
    for (const [i, constraint] of def.unique.entries()) {
      const key = keyOf(constraint, row);
      if (key === null) continue;
      if (add) indexes.get(def.table)[i].set(key, rowId);
      else indexes.get(def.table)[i].delete(key);
    }
  }

  function matcher(def, where) {
    if (where === undefined) return () => true;
    if (typeof where === 'function') return (row) => Boolean(where(copy(row)));
    if (where === null || typeof where !== 'object') {
      throw new TypeError(`${name}: where must be { column: value } or a function row => boolean, got ${JSON.stringify(where)}`);
    }
    checkColumns(def, where, 'a where clause on');
    const pairs = Object.entries(where).map(([column, value]) => [column, value === undefined ? null : value]);
    return (row) => pairs.every(([column, value]) => row[column] === value);
  }

  function query(def, rows, { where, orderBy, limit, lock } = {}, skip = () => false) {
    if (lock !== undefined && lock !== 'skip-locked') throw new TypeError(`${name}: lock must be 'skip-locked' or left out, got ${JSON.stringify(lock)}`);
    const keep = matcher(def, where);
    let out = [...rows].filter(([rowId, row]) => !skip(rowId) && keep(row)).sort(([a], [b]) => a - b);
    if (orderBy !== undefined) {
      if (!def.columns.includes(orderBy)) throw new TypeError(`${name}: cannot order "${def.table}" by "${orderBy}" (columns: ${def.columns.join(', ')})`);
      out = out.sort(([ia, a], [ib, b]) => compare(a[orderBy], b[orderBy]) || ia - ib);
    }
    if (limit !== undefined) {
      if (!Number.isInteger(limit) || limit < 1) throw new TypeError(`${name}: limit must be a positive integer, got ${limit}`);
      out = out.slice(0, limit);
    }
    return out;
  }

  /** Resolves when transaction `tx` (a `self`) has ended. */
  function endOf(tx) {
    if (!released.has(tx)) {
      let resolve;
      const promise = new Promise((r) => (resolve = r));
      released.set(tx, { promise, resolve });
    }
    return released.get(tx).promise;
  }

  function begin(connection = null) {
    const own = new Map(); // table -> rowId -> row, or null for a deleted row
    const self = {};
    let state = 'open';
    const end = (how) => {
      if (!open.has(self)) return;
      state = how;
      open.delete(self);
      for (const [key, owner] of rowLocks) if (owner === self) rowLocks.delete(key);
      for (const [key, owner] of namedLocks) if (owner === self) namedLocks.delete(key);
      released.get(self)?.resolve();
      released.delete(self);
    };
    open.set(self, { end, connection });

    const ensureOpen = () => {
      if (state !== 'open') throw new Error(`${name}: this transaction is already ${state}; begin a new one`);
    };
    /** Committed rows overlaid with this transaction's own writes, as [rowId, row] pairs. */
    const visible = (table) => {
      const mine = own.get(table);
      if (!mine) return committed.get(table);
      const rows = [];
      for (const [rowId, row] of committed.get(table)) if (!mine.has(rowId)) rows.push([rowId, row]);
      for (const [rowId, row] of mine) if (row !== null) rows.push([rowId, row]);
      return rows;
    };
    const stage = (table, rowId, row) => {
      if (!own.has(table)) own.set(table, new Map());
      own.get(table).set(rowId, row);
    };

    /**
     * The rows `where` matches, each locked by this transaction, as [rowId, row] pairs. Waits while
     * another open transaction holds a lock on one of them, then looks again: the row may have
     * changed, or stopped matching, meanwhile (what PostgreSQL does under read committed).
     */
    async function lockMatching(def, where) {
      for (;;) {
        const hits = query(def, visible(def.table), { where });
        const taken = hits.map(([rowId]) => rowLocks.get(`${def.table}\0${rowId}`)).find((owner) => owner !== undefined && owner !== self);
        if (taken === undefined) {
          for (const [rowId] of hits) rowLocks.set(`${def.table}\0${rowId}`, self);
          return hits;
        }
        for (let other = taken; other !== undefined; other = waitingFor.get(other)) {
          if (other === self) {
            end('rolled back (deadlock)');
            throw new DeadlockDetected(name, def.table);
          }
        }
        waitingFor.set(self, taken);
        await endOf(taken);
        waitingFor.delete(self);
        await roundTrip();
        ensureOpen();
      }
    }

    async function insert(table, values, ifAbsent) {
      ensureOpen();
      const def = tableOf(table);
      const { rowId, row } = newRow(def, values);
      await roundTrip();
      ensureOpen();
      const violation = clash(def, rowId, row, own.get(table));
      if (violation) {
        if (ifAbsent) return false;
        throw violation;
      }
      stage(table, rowId, row);
      return ifAbsent ? true : copy(row);
    }

    return {
      insert: (table, row) => insert(table, row, false),
      insertIfAbsent: (table, row) => insert(table, row, true),

      async select(table, options = {}) {
        ensureOpen();
        const def = tableOf(table);
        await roundTrip();
        ensureOpen();
        const lockedByOthers = (rowId) => {
          const owner = rowLocks.get(`${table}\0${rowId}`);
          return owner !== undefined && owner !== self;
        };
        const hits = query(def, visible(table), options, options.lock ? lockedByOthers : undefined);
        if (options.lock) for (const [rowId] of hits) rowLocks.set(`${table}\0${rowId}`, self);
        return hits.map(([, row]) => copy(row));
      },

      async tryLock(lockName) {
        ensureOpen();
        if (typeof lockName !== 'string' || lockName === '') throw new TypeError(`${name}: tryLock(name) needs a non-empty string, got ${JSON.stringify(lockName)}`);
        await roundTrip();
        ensureOpen();
        const owner = namedLocks.get(lockName);
        if (owner !== undefined && owner !== self) return false;
        namedLocks.set(lockName, self);
        return true;
      },

      async update(table, where, changes) {
        ensureOpen();
        const def = tableOf(table);
        if (changes === null || typeof changes !== 'object' || Array.isArray(changes)) {
          throw new TypeError(`${name}: update of "${table}" needs an object of new column values, got ${JSON.stringify(changes)}`);
        }
        checkColumns(def, changes, 'update');
        if (def.sequence && def.sequence in changes) throw new TypeError(`${name}: "${table}.${def.sequence}" is numbered by the database and cannot change`);
        await roundTrip();
        ensureOpen();
        const hits = await lockMatching(def, where);
        for (const [rowId, old] of hits) {
          const row = { ...old, ...copy(changes) };
          checkNotNull(def, row);
          const violation = clash(def, rowId, row, own.get(table));
          if (violation) throw violation;
          stage(table, rowId, row);
        }
        return hits.length;
      },

      async delete(table, where) {
        ensureOpen();
        const def = tableOf(table);
        await roundTrip();
        ensureOpen();
        const hits = await lockMatching(def, where);
        for (const [rowId] of hits) stage(table, rowId, null);
        return hits.length;
      },

      async commit() {
        ensureOpen();
        state = 'committing';
        const written = [...own].filter(([, rows]) => rows.size > 0).map(([table]) => table);
        const touches = (table) => written.length > 0 && (table === undefined || written.includes(table));
        await roundTrip();
        const gate = gates.find((g) => touches(g.table));
        if (gate) {
          gates.splice(gates.indexOf(gate), 1);
          gate.arrive();
          await gate.released;
        }
        if (state !== 'committing') throw new Error(`${name}: this transaction was ${state} before it could commit`);
        const fault = faults.find((f) => touches(f.table));
        if (fault) faults.splice(faults.indexOf(fault), 1);
        if (fault?.point === 'commit-fails') {
          fault.handle.fired = true;
          end('rolled back');
          throw new CommitFailed(name);
        }
        for (const table of written) {
          for (const [rowId, row] of own.get(table)) {
            const violation = row && clash(schema.get(table), rowId, row, own.get(table));
            if (violation) {
              end('rolled back');
              throw violation;
            }
          }
        }
        for (const table of written) {
          const def = schema.get(table);
          const rows = committed.get(table);
          for (const [rowId, row] of own.get(table)) {
            if (rows.has(rowId)) index(def, rowId, rows.get(rowId), false);
            if (row === null) rows.delete(rowId);
            else {
              rows.set(rowId, row);
              index(def, rowId, row, true);
            }
          }
        }
        end('committed');
        if (fault?.point === 'crash-after-commit') {
          fault.handle.fired = true;
          crashes += 1;
          throw new ProcessCrash(`right after ${name} committed a transaction that wrote ${written.join(' and ')}`);
        }
      },

      /** Discards every write of this transaction. Does nothing if it already ended. */
      async rollback() {
        if (state === 'open') end('rolled back');
      },

      get state() {
        return state;
      },
    };
  }

  /**
   * The statements a service uses, on one connection. `connection` is the process it belongs to
   * ({ alive }), or null for the database's own handle (checks and demos). A dead process's
   * connection refuses everything: its code is not running any more.
   */
  function session(connection) {
    const alive = () => {
      if (connection && !connection.alive) throw new ProcessCrash(`earlier: ${name} closed its connections (this code belongs to a process that is gone)`);
    };
    const s = {
      name,

      async begin() {
        alive();
        return begin(connection);
      },

      async transaction(work) {
        if (typeof work !== 'function') throw new TypeError(`${name}: transaction(work) needs a function, e.g. async (tx) => { ... }`);
        alive();
        const tx = begin(connection);
        let result;
        try {
          result = await work(tx);
        } catch (err) {
          await tx.rollback();
          throw err;
        }
        if (tx.state === 'open') await tx.commit();
        return result;
      },

      async select(table, options) {
        alive();
        const def = tableOf(table);
        if (options?.lock) throw new TypeError(`${name}: a locking select only makes sense inside a transaction (tx.select)`);
        await roundTrip();
        return query(def, committed.get(table), options).map(([, row]) => copy(row));
      },
      insert: (table, row) => s.transaction((tx) => tx.insert(table, row)),
      insertIfAbsent: (table, row) => s.transaction((tx) => tx.insertIfAbsent(table, row)),
      update: (table, where, changes) => s.transaction((tx) => tx.update(table, where, changes)),
      delete: (table, where) => s.transaction((tx) => tx.delete(table, where)),
    };
    return s;
  }

  const db = {
    ...session(null),

    /**
     * A connection for one process (world.start() opens one per process): the same statements as
     * db, but every transaction begun through it belongs to `process` ({ alive }), so that
     * dropOpenTransactions(process) can end exactly those.
     */
    connect(process) {
      if (typeof process !== 'object' || process === null) throw new TypeError(`${name}: connect(process) needs the process object ({ alive })`);
      return session(process);
    },

    /**
     * Arms a fault for the next commit that writes to `table` (any table if omitted):
     *   'commit-fails'        the commit is refused and the transaction rolled back (CommitFailed)
     *   'crash-after-commit'  the commit is durable, then the caller's process dies (ProcessCrash)
     * Returns { fired }, which turns true once the fault has happened.
     */
    arm(point, { table } = {}) {
      if (!POINTS.includes(point)) throw new TypeError(`${name}: unknown fault "${point}" (known: ${POINTS.join(', ')})`);
      if (table !== undefined) tableOf(table);
      const handle = { point, table, fired: false };
      faults.push({ point, table, handle });
      return handle;
    },

    /**
     * Holds the next commit that writes to `table` until release(): a transaction that is slow to
     * commit. `reached` resolves once that commit is waiting.
     */
    hold({ table } = {}) {
      if (table !== undefined) tableOf(table);
      let arrive;
      let release;
      const reached = new Promise((resolve) => (arrive = resolve));
      const released = new Promise((resolve) => (release = resolve));
      gates.push({ table, arrive, released });
      return { reached, release };
    },

    /**
     * The connections of a process that died are gone: the database rolls back the transactions
     * that process still had open and releases their locks. Other processes' transactions go on.
     * world.restart(app) calls this for the process that died.
     */
    dropOpenTransactions(process) {
      if (typeof process !== 'object' || process === null) throw new TypeError(`${name}: dropOpenTransactions(process) needs the process that died`);
      for (const { end, connection } of [...open.values()]) if (connection === process) end('rolled back (its process died)');
    },

    /** How many 'crash-after-commit' faults have fired. */
    get crashes() {
      return crashes;
    },

    /** Committed rows, read at once (for checks and demos, not for services). */
    rows(table, where) {
      return query(tableOf(table), committed.get(table), { where }).map(([, row]) => copy(row));
    },
  };
  return db;
}

/** The value of a row under a unique constraint, as one string; null if a column is empty. */
function keyOf(constraint, row) {
  const values = constraint.columns.map((c) => row[c]);
  return values.some((v) => v === null || v === undefined) ? null : JSON.stringify(values);
}

function compare(a, b) {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return a < b ? -1 : 1;
}

/** Turns a table definition from schema.js into what the database checks. */
function compile(table, { columns, primaryKey, unique = [], sequence, defaults = {}, notNull = [] }) {
  const all = sequence && !columns.includes(sequence) ? [sequence, ...columns] : [...columns];
  const keys = [];
  if (primaryKey) keys.push({ name: `${table}_pkey`, columns: [].concat(primaryKey) });
  for (const cols of unique) keys.push({ name: `${table}_${cols.join('_')}_key`, columns: cols });
  return {
    table,
    columns: all,
    sequence,
    defaults,
    unique: keys,
    notNull: [...new Set([...(primaryKey ? [].concat(primaryKey) : []), ...notNull])],
  };
}

/** A deep copy of plain data (what crosses the wire): rows and messages are never shared with callers. */
function copy(value) {
  if (Array.isArray(value)) return value.map(copy);
  if (value !== null && typeof value === 'object') {
    if (value instanceof Date) return new Date(value);
    const out = {};
    for (const key of Object.keys(value)) out[key] = copy(value[key]);
    return out;
  }
  return value;
}
