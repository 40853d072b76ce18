// One transfer of 25.00 from ana to ben, with the id the app made when ana tapped Send. The first
// attempt loses its connection right after its first balance change; the app retries; that answer
// is lost on the way back too, so the app retries once more. Prints the balances after each try.
import { balances, money, resetBank, startDatabase } from '../lib/bank.js';
import { createPool } from '../lib/pool.js';
import { transfer } from '../transfer.js';

const pg = await startDatabase();
try {
  await resetBank(pg, [
    { id: 1, owner: 'ana', balanceCents: 10_000 },
    { id: 2, owner: 'ben', balanceCents: 0 },
  ]);
  const pool = createPool(pg, { dropConnection: ({ changedBalance, balanceChanges }) => changedBalance && balanceChanges === 1 });
  const args = { transferId: 'tr-7f3a9c', fromId: 1, toId: 2, amountCents: 2_500 };
  const row = async (label, answer) => {
    const b = await balances(pg);
    const { rows } = await pg.query('SELECT count(*)::int AS n FROM transfers WHERE id = $1', [args.transferId]);
    const cells = [b[1], b[2], b[1] + b[2]].map((c) => money(c).padStart(8)).join('');
    console.log(`${label.padEnd(44)}${cells}${String(rows[0].n).padStart(6)}   ${answer}`);
  };
  console.log(`ana sends ben 25.00 with transfer id ${args.transferId}`);
  console.log('');
  console.log(`${''.padEnd(44)}${'ana'.padStart(8)}${'ben'.padStart(8)}${'total'.padStart(8)}${'rows'.padStart(6)}   answer`);
  await row('before', '');
  const attempts = ['1st try: connection drops mid-transfer', '2nd try (retry): its answer gets lost', '3rd try (retry again)'];
  for (const name of attempts) {
    let said;
    try {
      said = JSON.stringify(await pool.run(name, () => transfer(pool, args)));
    } catch (error) {
      said = `error: ${error.message}`;
    }
    await pool.settle();
    await row(name, said);
  }
  console.log('');
  console.log('expected after all three: ana 75.00, ben 25.00, total 100.00, one transfer row');
} catch (err) {
  console.log(`demo stopped: ${err.message}`);
  process.exitCode = 1;
} finally {
  await pg.close();
}
