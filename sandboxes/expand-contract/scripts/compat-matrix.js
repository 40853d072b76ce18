// Runs your plan (migration.js) against 20,000 shipments and prints, after every step, whether each
// app version works. The versions that are running serve real traffic; the others are tried in a
// transaction that is rolled back, to show what would happen if they were running (a rollout that
// is slower than planned, or a rollback). Compare the one-line rename with expand-contract.
import { runPlan } from '../lib/plan-runner.js';
import { startDatabase } from '../lib/shipments.js';
import { createApp } from '../app.js';
import { backfill, plan } from '../migration.js';

const pg = await startDatabase();
try {
  const report = await runPlan(pg, { plan, backfill, createApp, probe: true });
  const versions = report.versionNames;
  const width = Math.max(28, ...report.states.map((s) => `${s.index} ${s.name}`.length)) + 2;
  const cell = (state, v) => {
    const result = state.results[v];
    const isRunning = state.running.includes(v);
    const outcome = isRunning ? result : result?.probe;
    const word = outcome === 'ok' ? 'ok' : outcome?.kind === 'wrong' ? 'wrong' : 'breaks';
    return (isRunning ? `[${word === 'ok' ? 'ok' : word.toUpperCase()}]` : word).padEnd(10);
  };
  console.log('Which app versions work after each step of your plan?');
  console.log('[ok] running and working   [BREAKS] running and failing   [WRONG] running, wrong data');
  console.log('ok / breaks / wrong without brackets: not running; what would happen if it were (a slow rollout, a rollback)');
  console.log('');
  console.log(`${'step'.padEnd(width)}${versions.map((v) => v.padEnd(10)).join('')}columns`);
  for (const state of report.states) {
    const cols = state.columns.map((c) => (c.name === 'addr' || c.name === 'delivery_address' ? `${c.name}${c.notNull ? '!' : ''}` : null)).filter(Boolean);
    console.log(`${`${state.index} ${state.name}`.padEnd(width)}${versions.map((v) => cell(state, v)).join('')}${cols.join(', ')}`);
  }
  console.log(`${' '.repeat(width)}${' '.repeat(10 * versions.length)}(! = NOT NULL)`);
  if (report.stopped) console.log(`\nthe plan stopped at step ${report.stopped.step} ("${report.stopped.name}"): ${report.stopped.message}`);
  for (const problem of report.structure) console.log(`\nplan problem: ${problem}`);
  const seen = new Set();
  const firsts = report.failures.filter((f) => !seen.has(f.version) && seen.add(f.version));
  if (firsts.length > 0) {
    console.log('\nfirst failure of each running version:');
    for (const f of firsts) console.log(`  ${f.version} after step ${f.state}: ${f.op}: ${f.message}`);
  }
  const running = report.failures.length;
  console.log(`\nfailed requests of running versions: ${running}`);
} catch (err) {
  console.log(`demo stopped: ${err.message}`);
  process.exitCode = 1;
} finally {
  await pg.close();
}
