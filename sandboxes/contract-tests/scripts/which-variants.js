// Runs the courier app and your contract (contract.js) against orders-api as it runs today and
// against each proposed release. For each one it prints whether the app really breaks, and what
// your contract did: caught a breaking release, passed a harmless one, missed a break, or raised
// a false alarm. Run it before and after your changes.
import { verifyProvider } from '../contract.js';
import { appWorks } from '../lib/courier-app.js';
import { createOrdersApi, VARIANTS } from '../lib/orders-api.js';
import { runContract } from '../lib/verify.js';

const tally = { caught: 0, missed: 0, passed: 0, falseAlarm: 0 };
console.log(`${'release'.padEnd(20)}${'courier app'.padEnd(14)}${'your contract'.padEnd(17)}what changed`);
for (const v of VARIANTS) {
  const app = await appWorks(createOrdersApi(v.name));
  const run = await runContract(verifyProvider, v.name);
  let verdict;
  if (v.name === 'current') {
    verdict = run.passed ? 'passed' : 'FAILS TODAY';
  } else if (!app.works) {
    verdict = run.passed ? 'MISSED' : 'caught';
    tally[run.passed ? 'missed' : 'caught'] += 1;
  } else {
    verdict = run.passed ? 'passed' : 'FALSE ALARM';
    tally[run.passed ? 'passed' : 'falseAlarm'] += 1;
  }
  console.log(`${v.name.padEnd(20)}${(app.works ? 'works' : 'breaks').padEnd(14)}${verdict.padEnd(17)}${v.title}`);
  if (!app.works) {
    const bad = app.screens.find((s) => !s.ok);
    console.log(`${''.padEnd(34)}   the app shows: ${bad.line}`);
  }
  if (!run.passed) console.log(`${''.padEnd(34)}   your contract: ${String(run.error.message).split('\n')[0].slice(0, 110)}`);
}
const breaking = tally.caught + tally.missed;
const harmless = tally.passed + tally.falseAlarm;
console.log('');
console.log(`breaking releases caught: ${tally.caught} of ${breaking}; harmless releases passed: ${tally.passed} of ${harmless}`);
console.log(`missed breaks ship to couriers' phones; false alarms block harmless releases until people stop trusting the contract`);
