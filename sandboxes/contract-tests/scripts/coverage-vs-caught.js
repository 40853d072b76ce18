// Four contracts for the same consumer, side by side: one that calls every endpoint and asserts
// nothing, one that checks only status codes, one that compares every response with a saved copy,
// and yours (contract.js). For each: the share of orders-api's handler branches its requests ran
// (what a coverage report would show), the breaking releases it catches, and the harmless releases
// it fails (false alarms).
import { verifyProvider } from '../contract.js';
import { noAssertions, snapshot, statusOnly } from '../lib/example-contracts.js';
import { appWorks } from '../lib/courier-app.js';
import { BRANCHES, createOrdersApi, VARIANTS } from '../lib/orders-api.js';
import { runContract } from '../lib/verify.js';

const contracts = [
  ['requests only, no assertions', noAssertions],
  ['status codes only', statusOnly],
  ['snapshot of every response', snapshot],
  ['yours (contract.js)', verifyProvider],
];

const truth = new Map();
for (const v of VARIANTS) truth.set(v.name, (await appWorks(createOrdersApi(v.name))).works);
const breaking = VARIANTS.filter((v) => !truth.get(v.name));
const harmless = VARIANTS.filter((v) => truth.get(v.name) && v.name !== 'current');

const col = (v, w) => String(v).padStart(w);
console.log(`orders-api today plus ${VARIANTS.length - 1} proposed releases: ${breaking.length} break the courier app, ${harmless.length} do not`);
console.log('');
console.log(`${'contract'.padEnd(32)}${col('branches run', 14)}${col('breaks caught', 15)}${col('false alarms', 14)}${col('passes today', 14)}`);
for (const [label, contract] of contracts) {
  const today = await runContract(contract, 'current');
  const covered = new Set(today.branches);
  let caught = 0;
  let falseAlarms = 0;
  for (const v of breaking) if (!(await runContract(contract, v.name)).passed) caught += 1;
  for (const v of harmless) if (!(await runContract(contract, v.name)).passed) falseAlarms += 1;
  const coverage = `${Math.round((100 * covered.size) / BRANCHES.length)}%`;
  console.log(`${label.padEnd(32)}${col(coverage, 14)}${col(`${caught} of ${breaking.length}`, 15)}${col(`${falseAlarms} of ${harmless.length}`, 14)}${col(today.passed ? 'yes' : 'NO', 14)}`);
}
console.log('');
console.log('coverage says which code ran; only assertions decide whether a change is noticed. The contract worth');
console.log('having asserts what the consumer uses: all breaks caught, no false alarms, at whatever coverage that takes.');
