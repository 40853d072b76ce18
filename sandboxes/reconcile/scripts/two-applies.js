// Two people apply at once: alice from her laptop, bob from CI a moment later. Then a crashed
// apply leaves its lock behind, and bob finds it twenty minutes later.
import { apply } from '../apply.js';
import { acquireLock, breakLock } from '../lock.js';
import { createCloud } from '../lib/cloud.js';
import { createBackend } from '../lib/backend.js';
import { fakeClock } from '../lib/clock.js';
import { fernhillWithCache } from '../lib/stacks.js';

const MINUTE = 60 * 1000;
const desired = fernhillWithCache();
const settle = (promise) => promise.then((value) => ({ value }), (error) => ({ error }));
/** `promise`, or { timedOut: true } if it takes longer than `ms` of real time. */
function within(ms, promise) {
  let timer;
  const late = new Promise((resolve) => (timer = setTimeout(() => resolve({ timedOut: true }), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

{
  const cloud = createCloud();
  const backend = createBackend();
  const clock = fakeClock();
  console.log('1. alice and bob apply the same stack at the same time');
  cloud.hold();
  const alice = settle(apply(desired, { cloud, backend, clock, who: 'alice@laptop' }));
  await within(1000, cloud.untilWaiting());
  const bobRun = settle(apply(desired, { cloud, backend, clock, who: 'bob@ci' }));
  const bob = await within(300, bobRun);
  if (bob.timedOut) console.log('  bob:   still running alongside alice after 300 ms (no lock stopped him)');
  else if (bob.error) console.log(`  bob:   ${bob.error.name}: ${bob.error.message}`);
  else console.log(`  bob:   ${bob.value.summary}`);
  cloud.release();
  const [a, b] = await Promise.all([alice, bobRun]);
  console.log(`  alice: ${a.error ? `${a.error.name}: ${a.error.message}` : a.value.summary}`);
  if (bob.timedOut) console.log(`  bob, in the end: ${b.error ? `${b.error.name}: ${b.error.message}` : b.value.summary}`);
  const creates = cloud.calls.filter((c) => c.op === 'create').length;
  console.log(`  create calls sent to the cloud: ${creates} for 9 resources (expected 9)`);
  console.log(`  lock left behind: ${backend.peek().lock ? backend.peek().lock.who : 'none'}`);
}

console.log('');
{
  const backend = createBackend();
  const clock = fakeClock();
  const cloud = createCloud();
  console.log('2. a crashed apply left its lock; bob comes back 5 and 20 minutes later (TTL 15 min)');
  const crashed = await acquireLock(backend, { who: 'alice@laptop', operation: 'apply', clock });
  for (const wait of [5, 15]) {
    clock.advance(wait * MINUTE);
    const r = await settle(apply(desired, { cloud, backend, clock, who: 'bob@ci' }));
    console.log(`  after ${(clock.now() - crashed.createdAt) / MINUTE} min, bob applies: ${r.error ? `${r.error.name}: ${r.error.message}` : r.value.summary}`);
  }
  const early = await settle(breakLock(backend, { id: 'wrong-id', clock }));
  console.log(`  breakLock with the wrong id: ${early.error ? early.error.message : 'broken (it should have refused)'}`);
  const broke = await settle(breakLock(backend, { id: crashed.id, clock }));
  console.log(`  breakLock with alice's id: ${broke.error ? broke.error.message : `broken, it was held by ${broke.value?.who}`}`);
  const r = await settle(apply(desired, { cloud, backend, clock, who: 'bob@ci' }));
  console.log(`  bob applies: ${r.error ? `${r.error.name}: ${r.error.message}` : r.value.summary}`);
}
