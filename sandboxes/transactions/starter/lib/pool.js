// A node-postgres-like pool over one real PostgreSQL connection (PGlite: PostgreSQL 18 compiled to
// WebAssembly, running in this process). Read-only support code for the checks and demos.
//
//   await pool.query(text, params)        one statement, committed on its own
//   const client = await pool.connect()   the connection, yours until client.release()
//   await client.query(text, params)
//   client.release()
//
// Results look like node-postgres's: { rows, rowCount, command }. Errors from PostgreSQL carry its
// SQLSTATE in err.code ('23514' check violation, '23505' unique violation, '40001' serialization
// failure, ...).
//
// One connection means one transaction at a time: connect() waits until the previous client is
// released, and pool.query waits too while a client is out. Statements sent with pool.query by
// transfers in flight at the same moment interleave, as they would on a real pool.
//
// Real concurrency needs two connections, so the checks play "another session" themselves, at the
// worst moment PostgreSQL would allow (option `otherTransfer`):
//   - Right after your code reads from accounts (a SELECT without FOR UPDATE / FOR NO KEY UPDATE /
//     FOR SHARE), the other session's transfer runs and commits. At READ COMMITTED your following
//     statements see its result, as they would in PostgreSQL.
//   - If your transaction has already locked or changed accounts rows (an UPDATE, or a SELECT ...
//     FOR [NO KEY] UPDATE), the other session has to wait for your lock: it runs right after your
//     COMMIT or ROLLBACK.
//   - At REPEATABLE READ or SERIALIZABLE, your next write to accounts after the other session's
//     commit fails with 40001 (could not serialize access), as PostgreSQL's would; roll back and retry.
// They can also drop the connection (option `dropConnection`) right after any statement of yours:
// your next statement fails with "Connection terminated unexpectedly" and PostgreSQL rolls back
// whatever transaction was open, exactly what a crash or a deploy restart does.
import { AsyncLocalStorage } from 'node:async_hooks';

const IDLE_LIMIT_MS = 2000;

/**
 * options.otherTransfer: { fromId, toId, amountCents } played by another session (see above).
 * options.dropConnection: ({ statements, balanceChanges, changedBalance }) => boolean, asked after
 *   every statement your code sends (statements: how many so far, 1, 2, ...; balanceChanges: how
 *   many of them changed a balance; changedBalance: whether this one did). true drops the
 *   connection that statement ran on.
 */
export function createPool(pg, { otherTransfer = null, dropConnection = () => false } = {}) {
  const context = new AsyncLocalStorage();
  const fallback = newContext('main');
  let tail = Promise.resolve();
  let activity = 0;
  let inFlight = 0;
  let balanceChanges = 0;
  let statements = 0;
  const log = [];
  let clientsOut = 0;
  const problems = [];

  const other = otherTransfer && {
    ...otherTransfer,
    state: 'waiting', // waiting -> (inline | after-lock) -> done
    outcome: null, // 'done' | 'insufficient-funds'
    when: null, // words for messages: when it ran
    session: null,
    hasVersion: null,
  };

  function newContext(label) {
    return { label, autocommit: { label, inTx: false, lockedAccounts: false, dead: false, conflict: false, dropNext: false } };
  }
  const currentContext = () => context.getStore() ?? fallback;

  /** Takes the one connection; resolves to a function that gives it back. */
  async function acquire(what) {
    let give;
    const mine = new Promise((resolve) => (give = resolve));
    const before = tail;
    tail = before.then(() => mine);
    let timer;
    let timedOut = false;
    const guard = new Promise((_, reject) => {
      let seen = activity;
      const tick = () => {
        if (activity !== seen || inFlight > 0) {
          seen = activity;
          timer = setTimeout(tick, IDLE_LIMIT_MS);
          return;
        }
        timedOut = true;
        reject(
          new Error(
            `${what} waited ${IDLE_LIMIT_MS / 1000} s for the connection while nothing ran: a client was never released ` +
              '(or pool.query was called while your own code held the client; inside a transaction, use client.query)',
          ),
        );
      };
      timer = setTimeout(tick, IDLE_LIMIT_MS);
    });
    before.then(() => {
      if (timedOut) give();
    });
    try {
      await Promise.race([before, guard]);
    } finally {
      clearTimeout(timer);
    }
    return give;
  }

  function connectionError() {
    return Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
  }

  function shape(result) {
    const rows = result.rows ?? [];
    return { rows, rowCount: result.command === 'SELECT' ? rows.length : (result.affectedRows ?? rows.length), command: result.command };
  }

  /** Runs one statement of `session`; the connection is already held. */
  async function run(session, text, params) {
    inFlight += 1;
    try {
      return await runStatement(session, text, params);
    } finally {
      inFlight -= 1;
      activity += 1;
    }
  }

  async function runStatement(session, text, params) {
    if (typeof text !== 'string') throw new TypeError('query(text, params): text must be a string of SQL');
    activity += 1;
    if (session.dead) throw connectionError();
    if (session.dropNext) {
      session.dropNext = false;
      if (session.inTx) await endTransaction(session, 'ROLLBACK', true);
      if (session.client) session.dead = true;
      throw connectionError();
    }
    const kind = classify(text);
    if (session.conflict && session.inTx && (kind.writesAccounts || kind.locksAccounts)) {
      session.conflict = false;
      await pg.query(
        "DO $$BEGIN RAISE EXCEPTION USING ERRCODE = 'serialization_failure', MESSAGE = 'could not serialize access due to concurrent update'; END$$",
      );
    }
    if (kind.begin && session.inTx) problems.push('BEGIN inside an open transaction');
    let result;
    try {
      result = shape(await pg.query(text, params));
    } catch (error) {
      if (kind.end) await endTransaction(session, null, false);
      throw error;
    }
    if (kind.begin) {
      session.inTx = true;
      session.lockedAccounts = false;
    }
    if (kind.end) {
      await endTransaction(session, null, false);
      statements += 1;
      log.push(text);
      if (dropConnection({ statements, balanceChanges, changedBalance: false })) session.dropNext = true;
      return result;
    }
    if (session.inTx && (kind.writesAccounts || kind.locksAccounts)) session.lockedAccounts = true;
    const changedBalance = kind.writesAccounts && result.rowCount > 0;
    if (changedBalance) balanceChanges += 1;
    statements += 1;
    log.push(text);
    if (dropConnection({ statements, balanceChanges, changedBalance })) session.dropNext = true;
    if (other?.state === 'waiting' && kind.readsAccounts) await otherAfterRead(session, kind);
    return result;
  }

  /** The transaction of `session` ended (its own COMMIT/ROLLBACK, or `sql` run for it here). */
  async function endTransaction(session, sql, dropped) {
    if (sql) await pg.query(sql);
    session.inTx = false;
    session.lockedAccounts = false;
    session.conflict = false;
    if (other && other.session === session) {
      if (other.state === 'after-lock') {
        await runOther(false);
        other.when = `right after your transaction ${dropped ? 'was rolled back (connection dropped)' : 'ended'}, because your code held a lock on the account`;
      } else if (other.state === 'inline') {
        // It committed in the middle of your transaction; if your ROLLBACK took it with it, put it back.
        const { rows } = await pg.query('SELECT 1 FROM harness.other_session');
        if (rows.length === 0) await runOther(false);
        other.state = 'done';
      }
      other.session = null;
    }
  }

  async function otherAfterRead(session, kind) {
    if (session.inTx && (kind.locksAccounts || session.lockedAccounts)) {
      other.state = 'after-lock';
      other.session = session;
      return;
    }
    if (session.inTx) {
      const { rows } = await pg.query('SHOW transaction_isolation');
      other.state = 'inline';
      other.session = session;
      await runOther(true);
      other.when = 'between your read of the account and your next statement';
      if (rows[0].transaction_isolation !== 'read committed') session.conflict = true;
      return;
    }
    await runOther(false);
    other.when = 'between your read of the account and your next statement';
  }

  /** The other session's transfer: an atomic debit with a guard, then the credit. */
  async function runOther(insideYourTransaction) {
    if (other.hasVersion === null) {
      const { rows } = await pg.query("SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'accounts' AND column_name = 'version'");
      other.hasVersion = rows.length > 0;
    }
    const bump = other.hasVersion ? ', version = version + 1' : '';
    const [open, close, undo] = insideYourTransaction
      ? ['SAVEPOINT harness_other', 'RELEASE SAVEPOINT harness_other', 'ROLLBACK TO SAVEPOINT harness_other']
      : ['BEGIN', 'COMMIT', 'ROLLBACK'];
    await pg.query(open);
    try {
      const debit = await pg.query(`UPDATE accounts SET balance_cents = balance_cents - $1${bump} WHERE id = $2 AND balance_cents >= $1`, [other.amountCents, other.fromId]);
      if (debit.affectedRows === 1) {
        await pg.query(`UPDATE accounts SET balance_cents = balance_cents + $1${bump} WHERE id = $2`, [other.amountCents, other.toId]);
        await pg.query('INSERT INTO harness.other_session (ran) VALUES (true)');
        other.outcome = 'done';
      } else {
        other.outcome = 'insufficient-funds';
      }
      await pg.query(close);
    } catch (error) {
      await pg.query(undo);
      throw new Error(`the other session's transfer failed: ${error.message}`);
    }
    if (other.state !== 'inline') other.state = 'done';
  }

  const pool = {
    async query(text, params) {
      const session = currentContext().autocommit;
      const give = await acquire('pool.query');
      try {
        return await run(session, text, params);
      } finally {
        give();
      }
    },

    async connect() {
      const { label } = currentContext();
      const give = await acquire('pool.connect()');
      clientsOut += 1;
      const session = { label, client: true, inTx: false, lockedAccounts: false, dead: false, conflict: false, dropNext: false };
      let released = false;
      let chain = Promise.resolve();
      return {
        query(text, params) {
          if (released) return Promise.reject(new Error('client.query after client.release(): this client is back in the pool'));
          // One statement at a time on a connection, in the order they were sent.
          const next = chain.then(() => run(session, text, params));
          chain = next.catch(() => {});
          return next;
        },
        release() {
          if (released) return;
          released = true;
          clientsOut -= 1;
          chain
            .then(async () => {
              if (session.inTx && !session.dead) {
                problems.push(`a client was released inside an open transaction (${label})`);
                await endTransaction(session, 'ROLLBACK', false);
              }
            })
            .catch((error) => problems.push(`releasing a client: ${error.message}`))
            .finally(give);
        },
      };
    },

    /** Runs fn as one request of its own: `label` names it in messages. */
    run(label, fn) {
      return context.run(newContext(label), fn);
    },

    /** After the scenario: plays the other session if your code never gave it a moment, then waits for the connection. */
    async settle() {
      const give = await acquire('the checks');
      try {
        if (other && (other.state === 'waiting' || other.state === 'after-lock')) {
          await runOther(false);
          other.when ??= 'after your transfer (your code never read the account first)';
        }
      } finally {
        give();
      }
    },

    get other() {
      return other && { outcome: other.outcome, when: other.when, ...otherTransfer };
    },
    get balanceChanges() {
      return balanceChanges;
    },
    /** Statements your code has sent so far (that ran without an error). */
    get statements() {
      return statements;
    },
    /** The text of each of those statements, in order. */
    log,
    get clientsOut() {
      return clientsOut;
    },
    problems,
  };
  return pool;
}

/** What a statement does to accounts and to the transaction, judged from its text. */
export function classify(text) {
  const sql = text.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
  const accounts = /\baccounts\b/i.test(sql);
  const select = /^\s*select\b/i.test(sql);
  const locks = /\bfor\s+(no\s+key\s+)?update\b|\bfor\s+share\b/i.test(sql);
  return {
    begin: /^\s*(begin|start\s+transaction)\b/i.test(sql),
    end: /^\s*(commit|end|abort)\b/i.test(sql) || (/^\s*rollback\b/i.test(sql) && !/^\s*rollback\s+(to|prepared)\b/i.test(sql)),
    readsAccounts: accounts && select,
    locksAccounts: accounts && select && locks,
    writesAccounts: /\b(update|delete\s+from|insert\s+into)\s+(public\.)?accounts\b/i.test(sql),
  };
}
