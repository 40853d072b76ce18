// Kestrel's transfer, fixed: one transaction on one client, the arithmetic done by the database on
// the newest row, and the transfer id claimed first so that a retry moves nothing.
//
//   transfer(pool, { transferId, fromId, toId, amountCents })
//     -> { status: 'done', transferId }                 the money moved (now, or the first time)
//     -> { status: 'insufficient-funds', transferId }   nothing moved

export async function transfer(pool, { transferId, fromId, toId, amountCents }) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');

    // Claim the id. If it is already there, that transfer committed (its row and its balance
    // changes commit together), so this is a retry: move nothing and answer as the first time.
    const claimed = await client.query(
      `INSERT INTO transfers (id, from_id, to_id, amount_cents) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO NOTHING`,
      [transferId, fromId, toId, amountCents],
    );
    if (claimed.rowCount === 0) {
      await client.query('ROLLBACK');
      return { status: 'done', transferId };
    }

    // Lock both accounts in ascending id order, so two transfers between the same accounts queue
    // instead of deadlocking. FOR NO KEY UPDATE does not conflict with the key-share locks the
    // foreign keys of the transfers row hold.
    await client.query('SELECT id FROM accounts WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE', [[fromId, toId]]);

    // The arithmetic happens in the database, on the newest version of the row; the guard makes an
    // overdraft a clean "no rows changed" (and the CHECK constraint backs it up).
    const debit = await client.query(
      'UPDATE accounts SET balance_cents = balance_cents - $1 WHERE id = $2 AND balance_cents >= $1',
      [amountCents, fromId],
    );
    if (debit.rowCount === 0) {
      await client.query('ROLLBACK'); // also removes the transfer row: the id can be used again
      return { status: 'insufficient-funds', transferId };
    }
    await client.query('UPDATE accounts SET balance_cents = balance_cents + $1 WHERE id = $2', [amountCents, toId]);

    await client.query('COMMIT');
    return { status: 'done', transferId };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
