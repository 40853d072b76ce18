// apply(desired, options): plan against what really exists, carry the plan out on the cloud, and
// record the new state. Applying the same configuration twice must change nothing the second time.
//
// Right now two applies can run at once, a replacement is never carried out, and a failure
// half-way leaves the state unwritten. Your job is the TODOs below.
import { plan } from './plan.js';
import { acquireLock, releaseLock } from './lock.js';
import { clone } from './lib/values.js';
import { summaryLine } from './lib/format.js';

/**
 * @param desired  { [address]: { attrs, dependsOn } }
 * @param options  { cloud, backend, clock, who, allowDelete }
 * @returns { plan, summary }  summary: "Plan: 1 to add, ..." or "No changes. ..."
 */
export async function apply(desired, { cloud, backend, clock, who = 'someone', allowDelete = false } = {}) {
  // TODO 1: take the state lock before reading anything: acquireLock(backend, { who, operation:
  //   'apply', clock }). If someone holds it, that throws at once; let it. Release it in a
  //   finally block, so a failed apply does not leave the state locked. Pass lock.id to
  //   backend.writeState (the backend refuses writes under someone else's lock).
  const [actual, state] = await Promise.all([cloud.read(), backend.readState()]);
  const p = plan(desired, actual, { state, allowDelete });
  const next = clone(state) ?? {};
  for (const a of p.actions) {
    if (a.action === 'create') await cloud.create(a.address, a.attrs, a.dependsOn);
    else if (a.action === 'update') await cloud.update(a.address, a.attrs, a.dependsOn);
    else if (a.action === 'delete') await cloud.delete(a.address);
    // TODO 2: a 'replace' is cloud.delete(address) and then cloud.create(address, attrs, dependsOn).
    if (a.action === 'delete') delete next[a.address];
    else next[a.address] = clone(a.attrs);
  }
  // TODO 3: record every resource of the configuration as declared (not only the ones that
  //   changed), and write the state also when an action fails half-way (try/finally).
  await backend.writeState(next);
  return { plan: p, summary: summaryLine(p) };
}
