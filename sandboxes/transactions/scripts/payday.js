// Payday at Kestrel: 1,000 transfers between 50 accounts, all in flight at once, through your
// transfer(). 2% of the time the connection drops right after a statement that changed a balance
// (a deploy restarting instances), and the app retries a failed transfer once with the same id.
// Prints the money in all accounts before and after: any difference was created or destroyed.
import { money, resetBank, startDatabase } from '../lib/bank.js';
import { createPool } from '../lib/pool.js';
import { randomInt, seededRandom } from '../lib/random.js';
import { transfer } from '../transfer.js';

const ACCOUNTS = 50;
const TRANSFERS = 1000;
const START_CENTS = 20_000;

const pg = await startDatabase();
try {
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) => ({ id: i + 1, owner: `user${i + 1}`, balanceCents: START_CENTS }));
  await resetBank(pg, accounts);
  const drops = seededRandom(7);
  let dropped = 0;
  const pool = createPool(pg, {
    dropConnection: ({ changedBalance }) => {
      const drop = changedBalance && drops() < 0.02;
      if (drop) dropped += 1;
      return drop;
    },
  });

  const rand = seededRandom(2026);
  const requests = Array.from({ length: TRANSFERS }, (_, i) => {
    const fromId = randomInt(rand, 1, ACCOUNTS);
    let toId = randomInt(rand, 1, ACCOUNTS - 1);
    if (toId >= fromId) toId += 1;
    return { transferId: `pay-${i + 1}`, fromId, toId, amountCents: randomInt(rand, 5, 60) * 100 };
  });

  const started = performance.now();
  const outcomes = await Promise.all(
    requests.map((args) =>
      pool.run(args.transferId, async () => {
        for (let attempt = 1; attempt <= 2; attempt += 1) {
          try {
            return { args, result: await transfer(pool, args) };
          } catch (error) {
            if (attempt === 2) return { args, error };
          }
        }
      }),
    ),
  );
  await pool.settle();
  const ms = performance.now() - started;

  const { rows } = await pg.query('SELECT id, balance_cents FROM accounts ORDER BY id');
  const actual = new Map(rows.map((r) => [r.id, Number(r.balance_cents)]));
  const expected = new Map(accounts.map((a) => [a.id, a.balanceCents]));
  const count = { done: 0, refused: 0, failed: 0 };
  for (const o of outcomes) {
    if (o.error) count.failed += 1;
    else if (o.result?.status === 'done') {
      count.done += 1;
      expected.set(o.args.fromId, expected.get(o.args.fromId) - o.args.amountCents);
      expected.set(o.args.toId, expected.get(o.args.toId) + o.args.amountCents);
    } else count.refused += 1;
  }
  const before = ACCOUNTS * START_CENTS;
  const after = [...actual.values()].reduce((s, v) => s + v, 0);
  const wrong = [...actual].filter(([id, cents]) => cents !== expected.get(id)).length;
  const lowest = Math.min(...actual.values());

  const diff = after - before;
  console.log(`Payday: ${TRANSFERS.toLocaleString('en-US')} transfers between ${ACCOUNTS} accounts, all in flight at once (${Math.round(ms).toLocaleString('en-US')} ms here).`);
  console.log('2% of balance changes are followed by a dropped connection; the app retries a failed transfer once, same id.');
  console.log('');
  console.log(`money in all accounts before: ${money(before).padStart(10)}`);
  console.log(`money in all accounts after:  ${money(after).padStart(10)}   ${diff === 0 ? '(none created or destroyed)' : `(${diff > 0 ? '+' : ''}${money(diff)} ${diff > 0 ? 'created from nothing' : 'destroyed'})`}`);
  console.log('');
  console.log(`transfers answered done: ${count.done}, insufficient funds: ${count.refused}, failed twice: ${count.failed}`);
  console.log(`connections dropped: ${dropped}`);
  console.log(`accounts whose balance disagrees with the transfers confirmed to their users: ${wrong} of ${ACCOUNTS}`);
  console.log(`lowest balance: ${money(lowest)}`);
} catch (err) {
  console.log(`demo stopped: ${err.message}`);
  process.exitCode = 1;
} finally {
  await pg.close();
}
