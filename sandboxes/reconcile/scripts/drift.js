// A week after the change, during an incident, someone opens port 22 on the app's security
// group, switches off the orders database's deletion protection and deletes the bastion, all by
// hand in the console. The nightly plan should find all three and put them back.
import { plan } from '../plan.js';
import { apply } from '../apply.js';
import { createCloud } from '../lib/cloud.js';
import { createBackend } from '../lib/backend.js';
import { fakeClock } from '../lib/clock.js';
import { formatDrift, formatPlan } from '../lib/format.js';
import { fernhillWithCache } from '../lib/stacks.js';

const indent = (text) => text.split('\n').map((l) => `  ${l}`).join('\n');
const cloud = createCloud();
const backend = createBackend({ state: cloud.seed(fernhillWithCache()) });
const clock = fakeClock();
const desired = fernhillWithCache();

cloud.edit('security_group.app', { ingress: [443, 22] });
cloud.edit('database.orders', { deletion_protection: false });
cloud.remove('instance.bastion');
console.log('console: port 22 opened on security_group.app, deletion protection off on database.orders, instance.bastion deleted');
console.log('');

try {
  const nightly = plan(desired, await cloud.read(), { state: backend.peek().state });
  console.log('nightly plan, drift report:');
  console.log(indent(formatDrift(nightly)));
  console.log(`objects drifted: ${nightly.drift?.length ?? 0} (expected 3)`);
  console.log('');
  console.log('the plan that reverts it:');
  console.log(indent(formatPlan(nightly)));
  console.log('');
  const result = await apply(desired, { cloud, backend, clock, who: 'ci@fernhill' });
  console.log(`apply: ${result.summary}`);
  const after = plan(desired, await cloud.read(), { state: backend.peek().state });
  console.log(`next nightly plan: ${formatDrift(after)}`);
} catch (err) {
  console.log(`demo stopped: ${err.name}: ${err.message}`);
}
