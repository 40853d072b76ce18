// plan(desired, actual, options): the diff between the configuration and the real world, as a
// list of actions in an order the cloud accepts, plus what changed behind the tool's back.
//
//   desired   { [address]: { attrs, dependsOn } }   the configuration
//   actual    { [address]: { attrs, dependsOn } }   cloud.read(): what exists, with computed
//                                                   attributes (id, arn) you never declared
//   options   { state, allowDelete }                state: { [address]: attrs } as the last
//                                                   apply recorded them
//
// Returns { actions, refused, drift }:
//   actions  [{ action: 'create' | 'update' | 'replace' | 'delete', address, changes?, attrs?, dependsOn? }]
//            (changes: [{ field, from, to }] on updates and replaces)
//   refused  [{ action: 'delete' | 'replace', address, reason }]
//   drift    [{ address, kind: 'changed' | 'deleted', fields: [{ field, recorded, actual }] }]
//
// Right now it walks the configuration in the order it was written, compares whole attribute
// objects as text, deletes whatever is not in the configuration and never looks at the state.
// Your job is the TODOs below. Support (read-only): lib/values.js (isEqual, clone),
// lib/cloud.js (forceNewFields), lib/format.js (how a plan is printed and counted).
import { clone, isEqual } from './lib/values.js';
import { forceNewFields } from './lib/cloud.js';

export class PlanError extends Error {
  constructor(message) {
    super(message);
    this.name = 'PlanError';
  }
}

export function plan(desired, actual, { state = null, allowDelete = false } = {}) {
  const actions = [];
  const refused = [];

  // TODO 1: order. Creates, updates and replaces go in dependency order: every address after the
  //   addresses in its dependsOn. Deletes come after all of them, in reverse dependency order
  //   (use the dependsOn recorded in `actual`): what depends on a resource goes first.
  //   A cycle (a -> b -> a) or a dependency missing from the configuration is an error: throw a
  //   PlanError whose message shows the cycle's path ("dependency cycle: a -> b -> a") or
  //   names both addresses.
  for (const [address, want] of Object.entries(desired)) {
    const have = actual[address];
    const dependsOn = [...(want.dependsOn ?? [])];
    if (!have) {
      actions.push({ action: 'create', address, attrs: clone(want.attrs), dependsOn });
      continue;
    }
    // TODO 2: compare only the attributes the configuration declares, with isEqual (the cloud
    //   adds id and arn, and hands objects back with its own key order). List only the fields
    //   that differ. A change to a field in forceNewFields(address) cannot be made in place:
    //   it is a 'replace', which destroys the object, so it needs allowDelete like a delete.
    if (JSON.stringify(have.attrs) !== JSON.stringify(want.attrs)) {
      const fields = [...new Set([...Object.keys(have.attrs), ...Object.keys(want.attrs)])];
      const changes = fields.map((field) => ({ field, from: have.attrs[field], to: want.attrs[field] }));
      actions.push({ action: 'update', address, changes, attrs: clone(want.attrs), dependsOn });
    }
  }

  // TODO 3: without allowDelete, a delete goes to `refused` with a reason, not to `actions`.
  for (const address of Object.keys(actual)) {
    if (!(address in desired)) actions.push({ action: 'delete', address });
  }

  // TODO 4: drift. For every address in `state`, compare each recorded attribute with the one
  //   in `actual` and report the fields that differ ({ field, recorded, actual }), or
  //   kind: 'deleted' when the object is gone. The actions above then put things back.
  const drift = [];

  return { actions, refused, drift };
}
