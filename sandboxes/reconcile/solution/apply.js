// apply(desired, options): take the state lock, plan against what really exists, carry the plan
// out on the cloud, record the new state, and release the lock however it ends.
// Applying the same configuration twice changes nothing the second time.
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
  const lock = await acquireLock(backend, { who, operation: 'apply', clock });
  try {
    const [actual, state] = await Promise.all([cloud.read(), backend.readState()]);
    const p = plan(desired, actual, { state, allowDelete });
    const next = clone(state) ?? {};
    try {
      for (const a of p.actions) {
        if (a.action === 'create') await cloud.create(a.address, a.attrs, a.dependsOn);
        else if (a.action === 'update') await cloud.update(a.address, a.attrs, a.dependsOn);
        else if (a.action === 'replace') {
          await cloud.delete(a.address);
          delete next[a.address];
          await cloud.create(a.address, a.attrs, a.dependsOn);
        } else if (a.action === 'delete') await cloud.delete(a.address);
        if (a.action === 'delete') delete next[a.address];
        else next[a.address] = clone(a.attrs);
      }
      // Everything in the configuration that already matched is recorded as declared too, except
      // a replacement that was refused: it still holds its old values.
      const refusedReplace = new Set(p.refused.filter((r) => r.action === 'replace').map((r) => r.address));
      for (const [address, resource] of Object.entries(desired)) {
        if (!refusedReplace.has(address)) next[address] = clone(resource.attrs);
      }
    } finally {
      // Record what was done, also when an action failed half-way.
      await backend.writeState(next, lock.id);
    }
    return { plan: p, summary: summaryLine(p) };
  } finally {
    await releaseLock(backend, lock);
  }
}
