// Shared by the check files (no state of its own, so the files can run in any order).
import assert from 'node:assert/strict';

/** Positions of each action's address, for "a before b" assertions. */
export function positions(actions) {
  return new Map((actions ?? []).map((a, i) => [a.address, i]));
}

/**
 * Asserts that creates/updates/replaces come dependencies first (by `desired`), that every delete
 * comes after all of them, and that deletes go dependents first (by the dependsOn in `actual`).
 */
export function assertDependencyOrder(actions, desired, actual = {}) {
  const list = (actions ?? []).map((a) => `${a.action} ${a.address}`).join(', ');
  const at = positions(actions);
  const builds = actions.filter((a) => a.action !== 'delete');
  const deletes = actions.filter((a) => a.action === 'delete');
  for (const a of builds) {
    for (const dep of desired[a.address]?.dependsOn ?? []) {
      if (at.has(dep) && actions[at.get(dep)].action !== 'delete') {
        assert.ok(at.get(dep) < at.get(a.address), `${a.address} depends on ${dep}, so ${dep} must come first. Plan order: ${list}`);
      }
    }
  }
  if (deletes.length > 0 && builds.length > 0) {
    const lastBuild = Math.max(...builds.map((a) => at.get(a.address)));
    const firstDelete = Math.min(...deletes.map((a) => at.get(a.address)));
    assert.ok(lastBuild < firstDelete, `deletes come after every create and update (an update may drop a reference to what is deleted). Plan order: ${list}`);
  }
  for (const d of deletes) {
    for (const dep of actual[d.address]?.dependsOn ?? []) {
      if (at.has(dep) && actions[at.get(dep)].action === 'delete') {
        assert.ok(at.get(d.address) < at.get(dep), `${d.address} depends on ${dep}: delete ${d.address} first, then ${dep} (reverse order). Plan order: ${list}`);
      }
    }
  }
}

/** Rejects with `message` if `promise` has not settled within `ms` of real time. */
export function within(ms, promise, message) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** The declared attributes of each address as they are in the cloud now. */
export async function declaredInCloud(cloud, desired) {
  const actual = await cloud.read();
  const out = {};
  for (const [address, r] of Object.entries(desired)) {
    out[address] = actual[address] ? Object.fromEntries(Object.keys(r.attrs).map((k) => [k, actual[address].attrs[k]])) : undefined;
  }
  return out;
}

export function declared(desired) {
  return Object.fromEntries(Object.entries(desired).map(([a, r]) => [a, r.attrs]));
}
