// Fernhill's reviewed change from the lesson: add a session cache, point the app at it, move the
// bastion to a new image and remove an unused queue. Plans it without and with allowDelete,
// applies it, then applies again: the second apply should find nothing to do.
import { plan } from '../plan.js';
import { apply } from '../apply.js';
import { createCloud } from '../lib/cloud.js';
import { createBackend } from '../lib/backend.js';
import { fakeClock } from '../lib/clock.js';
import { formatPlan } from '../lib/format.js';
import { fernhillToday, fernhillWithCache } from '../lib/stacks.js';

const indent = (text) => text.split('\n').map((l) => `  ${l}`).join('\n');
const cloud = createCloud();
const backend = createBackend({ state: cloud.seed(fernhillToday()) });
const clock = fakeClock();
const desired = fernhillWithCache();

async function step(title, run) {
  console.log(title);
  try {
    await run();
  } catch (err) {
    console.log(`  ${err.name}: ${err.message}`);
  }
  console.log('');
}

await step('1. plan (no allowDelete): destroys must be refused, the rest planned', async () => {
  console.log(indent(formatPlan(plan(desired, await cloud.read(), { state: backend.peek().state }))));
});

await step('2. plan with allowDelete (expected: Plan: 2 to add, 4 to change, 2 to destroy.)', async () => {
  console.log(indent(formatPlan(plan(desired, await cloud.read(), { state: backend.peek().state, allowDelete: true }))));
});

await step('3. apply with allowDelete', async () => {
  const result = await apply(desired, { cloud, backend, clock, who: 'ci@fernhill', allowDelete: true });
  console.log(`  ${result.summary}`);
  console.log(`  cloud calls: ${cloud.calls.map((c) => `${c.op} ${c.address}`).join(', ')}`);
});

await step('4. apply again (expected: No changes.)', async () => {
  const before = cloud.calls.length;
  const result = await apply(desired, { cloud, backend, clock, who: 'ci@fernhill', allowDelete: true });
  console.log(`  ${result.summary}`);
  console.log(`  cloud calls made by the second apply: ${cloud.calls.length - before} (expected 0)`);
});
