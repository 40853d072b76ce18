// Checks for Kestrel's transfer. One real PostgreSQL (PGlite) serves every check in this file; before
// each scenario it is emptied, your schema.sql runs, and fresh accounts are added. Crashes and other
// sessions are played by the pool in lib/pool.js at exact moments, so nothing here depends on timing.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { balances, money, resetBank, startDatabase, transferRows } from '../lib/bank.js';
import { createPool } from '../lib/pool.js';
import { transfer } from '../transfer.js';

let starting;
function database() {
  starting ??= startDatabase();
  return starting;
}
after(async () => {
  if (starting) await (await starting.catch(() => null))?.close();
});

const ANA = 1;
const BEN = 2;
const CLEO = 3;
const START = { [ANA]: 10_000, [BEN]: 0, [CLEO]: 0 };
const ACCOUNTS = [
  { id: ANA, owner: 'ana', balanceCents: START[ANA] },
  { id: BEN, owner: 'ben', balanceCents: START[BEN] },
  { id: CLEO, owner: 'cleo', balanceCents: START[CLEO] },
];

/** A fresh bank (your schema.sql, three accounts) and a pool with the given options. */
async function scenario(poolOptions = {}) {
  const pg = await database();
  await pg.query('ROLLBACK', [], { onNotice: () => {} }); // in case an earlier check left a transaction open
  await resetBank(pg, ACCOUNTS);
  return { pg, pool: createPool(pg, poolOptions) };
}

/** Calls your transfer as one request; resolves to { result } or { error }. */
async function send(pool, args, label = 'your transfer') {
  try {
    return { result: await pool.run(label, () => transfer(pool, args)) };
  } catch (error) {
    return { error };
  }
}

function describe(outcome) {
  if (outcome.error) return `threw "${outcome.error.message}"`;
  return `answered ${JSON.stringify(outcome.result)}`;
}

function showBalances(b) {
  return `ana ${money(b[ANA])}, ben ${money(b[BEN])}, cleo ${money(b[CLEO])}`;
}

function total(b) {
  return Object.values(b).reduce((sum, v) => sum + v, 0);
}

/** Applies the transfers that reported success to START. */
function expectedAfter(moves) {
  const b = { ...START };
  for (const m of moves) {
    b[m.fromId] -= m.amountCents;
    b[m.toId] += m.amountCents;
  }
  return b;
}

test('a transfer moves the amount from one account to the other and records it', async () => {
  const { pg, pool } = await scenario();
  const args = { transferId: 'tr-basic', fromId: ANA, toId: BEN, amountCents: 3_000 };
  const outcome = await send(pool, args);
  await pool.settle();
  assert.equal(outcome.result?.status, 'done', `transfer of 30.00 from ana to ben ${describe(outcome)}; expected { status: 'done', transferId: 'tr-basic' }`);
  assert.equal(outcome.result.transferId, 'tr-basic', 'the result should carry the transferId it was given');
  const b = await balances(pg);
  assert.deepEqual(b, { ...START, [ANA]: 7_000, [BEN]: 3_000 }, `after 30.00 from ana to ben: ${showBalances(b)}; expected ana 70.00, ben 30.00`);
  const rows = await transferRows(pg, 'tr-basic');
  assert.equal(rows.length, 1, `expected one transfers row with id tr-basic, found ${rows.length}`);
});

test('a transfer larger than the balance is refused and changes nothing', async () => {
  const { pg, pool } = await scenario();
  const outcome = await send(pool, { transferId: 'tr-too-much', fromId: ANA, toId: BEN, amountCents: 20_000 });
  await pool.settle();
  assert.equal(outcome.result?.status, 'insufficient-funds', `200.00 from ana, who has 100.00, ${describe(outcome)}; expected { status: 'insufficient-funds', ... }`);
  const b = await balances(pg);
  assert.deepEqual(b, START, `a refused transfer changed balances: ${showBalances(b)}`);
  assert.equal((await transferRows(pg, 'tr-too-much')).length, 0, 'a refused transfer left a row in transfers');
});

test('the database itself refuses a negative balance (CHECK constraint)', async () => {
  const { pg } = await scenario();
  let error = null;
  try {
    await pg.query('UPDATE accounts SET balance_cents = balance_cents - 20000 WHERE id = $1', [ANA]);
  } catch (e) {
    error = e;
  }
  const b = await balances(pg);
  assert.ok(
    error,
    `UPDATE accounts SET balance_cents = balance_cents - 20000 WHERE id = 1 was accepted and left ana at ${money(b[ANA])}. ` +
      'A check in the code only protects that code path; declare the rule on the column in schema.sql.',
  );
  assert.equal(error.code, '23514', `expected a check violation (SQLSTATE 23514), got ${error.code}: ${error.message}`);
  assert.equal(b[ANA], START[ANA], 'the refused UPDATE changed the balance');
});

test('a connection dropped at any point of a transfer leaves all of it or no trace of it', async () => {
  const args = { transferId: 'tr-crash', fromId: ANA, toId: BEN, amountCents: 3_000 };
  const moved = { ...START, [ANA]: 7_000, [BEN]: 3_000 };
  // First without a crash, to count the statements one transfer sends.
  const dry = await scenario();
  await send(dry.pool, args);
  await dry.pool.settle();
  const count = dry.pool.statements;
  assert.ok(count > 0, 'the transfer sent no statement through the pool');
  for (let k = 1; k <= count; k += 1) {
    const { pg, pool } = await scenario({ dropConnection: ({ statements }) => statements === k });
    const outcome = await send(pool, args);
    await pool.settle();
    const b = await balances(pg);
    const rows = (await transferRows(pg, args.transferId)).length;
    const after = `the connection dropped right after statement ${k} of ${count} ("${(pool.log[k - 1] ?? '').replace(/\s+/g, ' ').slice(0, 70)}")`;
    const none = total(b) === total(START) && b[ANA] === START[ANA] && b[BEN] === START[BEN] && rows === 0;
    const all = b[ANA] === moved[ANA] && b[BEN] === moved[BEN] && rows === 1;
    const lost = total(START) - total(b);
    assert.ok(
      none || all,
      `${after}. Now ${showBalances(b)} and ${rows} transfers row(s); expected either nothing (ana 100.00, ben 0.00, no row) or all of it (ana 70.00, ben 30.00, one row). ` +
        (lost > 0 ? `${money(lost)} destroyed: a change was committed without the rest. ` : '') +
        'Put every statement of the transfer in one transaction, so PostgreSQL rolls all of it back.',
    );
    if (none) assert.notEqual(outcome.result?.status, 'done', `${after}. Nothing moved, yet the transfer answered done`);
  }
});

test('a debit committed by another session between your read and your write is not lost', async () => {
  const theirs = { fromId: ANA, toId: CLEO, amountCents: 5_000 };
  const mine = { transferId: 'tr-lost', fromId: ANA, toId: BEN, amountCents: 3_000 };
  const { pg, pool } = await scenario({ otherTransfer: theirs });
  const outcome = await send(pool, mine);
  await pool.settle();
  const other = pool.other;
  assert.equal(outcome.result?.status, 'done', `ana has 100.00, enough for both 30.00 and 50.00, but your transfer ${describe(outcome)}`);
  assert.equal(other.outcome, 'done', `the other session's 50.00 from ana was refused (it ran ${other.when}), although 100.00 covers both`);
  const b = await balances(pg);
  const want = expectedAfter([mine, theirs]);
  const created = total(b) - total(START);
  assert.deepEqual(
    b,
    want,
    `ana sent 30.00 to ben (you) and 50.00 to cleo (another session, which committed ${other.when}). ` +
      `Now ${showBalances(b)}; expected ana 20.00, ben 30.00, cleo 50.00.` +
      (created > 0 ? ` ${money(created)} was created from nothing: your UPDATE wrote a balance computed from a value read before the other debit, and overwrote it.` : ''),
  );
});

test('a transfer that a concurrent debit makes unaffordable is refused, and no balance goes negative', async () => {
  const theirs = { fromId: ANA, toId: CLEO, amountCents: 5_000 };
  const mine = { transferId: 'tr-race', fromId: ANA, toId: BEN, amountCents: 8_000 };
  const { pg, pool } = await scenario({ otherTransfer: theirs });
  const outcome = await send(pool, mine);
  await pool.settle();
  const other = pool.other;
  assert.ok(
    outcome.result?.status === 'done' || outcome.result?.status === 'insufficient-funds',
    `your transfer ${describe(outcome)}; expected 'done' or 'insufficient-funds'. A constraint violation aborts the transaction: roll back and answer insufficient-funds.`,
  );
  const b = await balances(pg);
  const succeeded = [outcome.result.status === 'done' && mine, other.outcome === 'done' && theirs].filter(Boolean);
  assert.ok(
    succeeded.length < 2,
    `ana had 100.00; your 80.00 and the other session's 50.00 (committed ${other.when}) both went through. ` +
      `Now ${showBalances(b)}: ${money(total(b) - total(START))} created from nothing. The check "balance >= amount" was made on a value that was already stale.`,
  );
  assert.ok(Object.values(b).every((v) => v >= 0), `a balance went negative: ${showBalances(b)}`);
  assert.deepEqual(b, expectedAfter(succeeded), `the balances (${showBalances(b)}) do not match the transfers that reported success`);
  if (outcome.result.status !== 'done') assert.equal((await transferRows(pg, 'tr-race')).length, 0, 'a refused transfer left a row in transfers');
});

test('transfers.id is unique: the database refuses a second row with the same id', async () => {
  const { pg } = await scenario();
  const insert = "INSERT INTO transfers (id, from_id, to_id, amount_cents) VALUES ('tr-twice', 1, 2, 100)";
  await pg.query(insert);
  let error = null;
  try {
    await pg.query(insert);
  } catch (e) {
    error = e;
  }
  assert.ok(error, 'a second transfers row with id tr-twice was accepted. Two requests can both pass a "SELECT first" check; only a constraint stops the second insert.');
  assert.equal(error.code, '23505', `expected a unique violation (SQLSTATE 23505), got ${error.code}: ${error.message}`);
});

test('a retried transfer with the same id moves the money once and answers as the first time', async () => {
  const { pg, pool } = await scenario();
  const args = { transferId: 'tr-retry', fromId: ANA, toId: BEN, amountCents: 2_500 };
  const first = await send(pool, args, 'the first attempt');
  const retry = await send(pool, args, 'the retry');
  await pool.settle();
  assert.equal(first.result?.status, 'done', `the first attempt ${describe(first)}`);
  assert.deepEqual(retry.result, first.result, `the first attempt answered ${JSON.stringify(first.result)}, the retry ${describe(retry)}: a retry must get the same answer`);
  const b = await balances(pg);
  assert.deepEqual(
    b,
    { ...START, [ANA]: 7_500, [BEN]: 2_500 },
    `one transfer of 25.00 sent twice with the same id: ${showBalances(b)}; expected ana 75.00, ben 25.00 (moved once)`,
  );
  assert.equal((await transferRows(pg, 'tr-retry')).length, 1, 'expected exactly one transfers row for tr-retry');
});

test('a retry after a dropped connection moves the money exactly once', async () => {
  const { pg, pool } = await scenario({ dropConnection: ({ changedBalance, balanceChanges }) => changedBalance && balanceChanges === 1 });
  const args = { transferId: 'tr-retry-crash', fromId: ANA, toId: BEN, amountCents: 2_500 };
  const first = await send(pool, args, 'the first attempt');
  const retry = await send(pool, args, 'the retry');
  await pool.settle();
  assert.ok(pool.balanceChanges >= 1, `the first attempt never changed a balance (it ${describe(first)})`);
  assert.equal(retry.result?.status, 'done', `the first attempt lost its connection; the retry ${describe(retry)}`);
  const b = await balances(pg);
  assert.deepEqual(
    b,
    { ...START, [ANA]: 7_500, [BEN]: 2_500 },
    `the first attempt dropped its connection after its first balance change, the retry went through: ${showBalances(b)}; expected ana 75.00, ben 25.00`,
  );
  assert.equal((await transferRows(pg, 'tr-retry-crash')).length, 1, 'expected exactly one transfers row for tr-retry-crash');
});

test('a refused transfer can be sent again with the same id once the money is there', async () => {
  const { pg, pool } = await scenario();
  const args = { transferId: 'tr-later', fromId: ANA, toId: BEN, amountCents: 15_000 };
  const first = await send(pool, args, 'the first attempt');
  assert.equal(first.result?.status, 'insufficient-funds', `150.00 from ana, who has 100.00, ${describe(first)}`);
  await pool.settle();
  await pg.query('UPDATE accounts SET balance_cents = balance_cents + 10000 WHERE id = $1', [ANA]);
  const again = await send(pool, args, 'the second attempt');
  await pool.settle();
  assert.equal(
    again.result?.status,
    'done',
    `after ana was paid 100.00 (now 200.00), the same transfer ${describe(again)}. A refusal must not use up the id: nothing of it should be committed.`,
  );
  const b = await balances(pg);
  assert.deepEqual(b, { ...START, [ANA]: 5_000, [BEN]: 15_000 }, `${showBalances(b)}; expected ana 50.00, ben 150.00`);
});
