// Kestrel's transfer, as it ran on payday: three statements, each committed on its own.
//
//   transfer(pool, { transferId, fromId, toId, amountCents })
//     -> { status: 'done', transferId }                 the money moved
//     -> { status: 'insufficient-funds', transferId }   nothing moved
//
// It works when one transfer runs at a time and nothing fails. On payday it created money (lost
// debits), destroyed money (a restart between the debit and the credit) and paid twice (the app
// retries after a timeout with the same transferId). Your job: the TODOs here and in schema.sql.
//
// `pool` has node-postgres's shape (see lib/pool.js):
//   await pool.query(text, params)          one statement on any free connection, committed at once
//   const client = await pool.connect()     one connection for a transaction:
//   await client.query('BEGIN') ... await client.query('COMMIT')  (or 'ROLLBACK'), then client.release()
// A result is { rows, rowCount }: rowCount is how many rows an INSERT, UPDATE or DELETE changed.

export async function transfer(pool, { transferId, fromId, toId, amountCents }) {
  // TODO 2: the debit, the credit and the transfer row are three separate commits. If the process
  //   dies after the debit, the money is gone. Run them in one transaction on one client, and roll
  //   back (then release the client) whatever happens.

  // TODO 3: read-modify-write. Between this SELECT and the UPDATE below, another transfer from the
  //   same account can commit its debit, and the UPDATE then writes a balance computed from the old
  //   value: that debit is lost. Let the database do the arithmetic on the newest row.
  const { rows } = await pool.query('SELECT balance_cents FROM accounts WHERE id = $1', [fromId]);
  if (rows.length === 0) throw new Error(`no account ${fromId}`);
  if (rows[0].balance_cents < amountCents) return { status: 'insufficient-funds', transferId };
  await pool.query('UPDATE accounts SET balance_cents = $1 WHERE id = $2', [rows[0].balance_cents - amountCents, fromId]);

  await pool.query('UPDATE accounts SET balance_cents = balance_cents + $1 WHERE id = $2', [amountCents, toId]);

  // TODO 4: a retry with the same transferId moves the money again. Record the transfer first, in the
  //   same transaction, and when its id is already there, move nothing and answer as the first time.
  await pool.query('INSERT INTO transfers (id, from_id, to_id, amount_cents) VALUES ($1, $2, $3, $4)', [transferId, fromId, toId, amountCents]);
  return { status: 'done', transferId };
}
