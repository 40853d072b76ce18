// Kestrel's database for the checks and demos: one real PostgreSQL (PGlite) per process, reset to
// your schema.sql and a fresh set of accounts before each scenario. Read-only support code.
//
//   const pg = await startDatabase();                 // a few seconds, once
//   await resetBank(pg, [{ id: 1, owner: 'ana', balanceCents: 10_000 }, ...]);
//   await balances(pg)                                 // { 1: 10000, 2: 0, ... }
import { readFile } from 'node:fs/promises';
import { startPostgres } from './postgres.js';
import { splitStatements } from './sql.js';

export function startDatabase() {
  return startPostgres();
}

/** Empties the database, runs schema.sql and inserts `accounts`. Throws with a clear message if schema.sql fails. */
export async function resetBank(pg, accounts) {
  await pg.exec(`
    DROP SCHEMA IF EXISTS public CASCADE;
    DROP SCHEMA IF EXISTS harness CASCADE;
    CREATE SCHEMA public;
    CREATE SCHEMA harness;
    CREATE TABLE harness.other_session (ran boolean NOT NULL);
  `);
  const text = await readFile(new URL('../schema.sql', import.meta.url), 'utf8');
  for (const statement of splitStatements(text)) {
    try {
      await pg.exec(statement);
    } catch (error) {
      throw new Error(`schema.sql failed at "${statement.replace(/\s+/g, ' ').slice(0, 80)}": ${error.message}`);
    }
  }
  for (const account of accounts) {
    await pg.query('INSERT INTO accounts (id, owner, balance_cents) VALUES ($1, $2, $3)', [account.id, account.owner, account.balanceCents]);
  }
}

/** Every balance, by account id. */
export async function balances(pg) {
  const { rows } = await pg.query('SELECT id, balance_cents FROM accounts ORDER BY id');
  return Object.fromEntries(rows.map((r) => [r.id, Number(r.balance_cents)]));
}

/** The rows of transfers with this id. */
export async function transferRows(pg, transferId) {
  const { rows } = await pg.query('SELECT id, from_id, to_id, amount_cents FROM transfers WHERE id = $1', [transferId]);
  return rows;
}

/** 1234567 -> "12,345.67" */
export function money(cents) {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}
