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
//            creates, updates and replaces first, dependencies before dependents; then deletes,
//            dependents before what they depend on.
//   refused  [{ action: 'delete' | 'replace', address, reason }]  destroys left out without allowDelete
//   drift    [{ address, kind: 'changed' | 'deleted', fields: [{ field, recorded, actual }] }]
// Throws a PlanError for a dependency cycle or a dependency that is not in the configuration.
import { clone, isEqual } from './lib/values.js';
import { forceNewFields } from './lib/cloud.js';

export class PlanError extends Error {
  constructor(message) {
    super(message);
    this.name = 'PlanError';
  }
}

/**
 * Addresses of `graph` ({ [address]: [dependencies] }) with every dependency before its
 * dependents, ties in alphabetical order. Throws a PlanError naming the cycle if there is one.
 */
export function dependencyOrder(graph) {
  const order = [];
  const done = new Set();
  const path = []; // the addresses being visited, outermost first
  const visit = (address) => {
    if (done.has(address)) return;
    const at = path.indexOf(address);
    if (at >= 0) throw new PlanError(`dependency cycle: ${[...path.slice(at), address].join(' -> ')}`);
    path.push(address);
    for (const dep of [...(graph[address] ?? [])].sort()) visit(dep);
    path.pop();
    done.add(address);
    order.push(address);
  };
  Object.keys(graph).sort().forEach(visit);
  return order;
}

/** The declared attributes whose value differs in `have`; attributes only the provider knows are ignored. */
function changedFields(wantAttrs, haveAttrs) {
  return Object.keys(wantAttrs)
    .filter((field) => !isEqual(wantAttrs[field], haveAttrs[field]))
    .map((field) => ({ field, from: clone(haveAttrs[field]), to: clone(wantAttrs[field]) }));
}

/** What differs between the recorded state and the real objects. */
export function detectDrift(state, actual) {
  const drift = [];
  for (const address of Object.keys(state ?? {}).sort()) {
    const recorded = state[address];
    const now = actual[address];
    if (!now) {
      drift.push({ address, kind: 'deleted', fields: [] });
      continue;
    }
    const fields = Object.keys(recorded)
      .filter((field) => !isEqual(recorded[field], now.attrs[field]))
      .map((field) => ({ field, recorded: clone(recorded[field]), actual: clone(now.attrs[field]) }));
    if (fields.length > 0) drift.push({ address, kind: 'changed', fields });
  }
  return drift;
}

export function plan(desired, actual, { state = null, allowDelete = false } = {}) {
  for (const [address, resource] of Object.entries(desired)) {
    for (const dep of resource.dependsOn ?? []) {
      if (!Object.prototype.hasOwnProperty.call(desired, dep)) {
        throw new PlanError(`${address} depends on ${dep}, which is not in the configuration`);
      }
    }
  }
  const graph = Object.fromEntries(Object.entries(desired).map(([a, r]) => [a, r.dependsOn ?? []]));
  const actions = [];
  const refused = [];

  for (const address of dependencyOrder(graph)) {
    const want = desired[address];
    const have = actual[address];
    const dependsOn = [...(want.dependsOn ?? [])];
    if (!have) {
      actions.push({ action: 'create', address, attrs: clone(want.attrs), dependsOn });
      continue;
    }
    const changes = changedFields(want.attrs, have.attrs);
    if (changes.length === 0) continue;
    const forcing = changes.map((c) => c.field).filter((f) => forceNewFields(address).includes(f));
    if (forcing.length === 0) {
      actions.push({ action: 'update', address, changes, attrs: clone(want.attrs), dependsOn });
    } else if (allowDelete) {
      actions.push({ action: 'replace', address, changes, attrs: clone(want.attrs), dependsOn });
    } else {
      refused.push({
        action: 'replace',
        address,
        reason: `replacing ${address} destroys it first (${forcing.join(', ')} forces replacement); plan with allowDelete to allow it`,
      });
    }
  }

  const gone = Object.keys(actual).filter((a) => !Object.prototype.hasOwnProperty.call(desired, a));
  const goneSet = new Set(gone);
  const goneGraph = Object.fromEntries(gone.map((a) => [a, (actual[a].dependsOn ?? []).filter((d) => goneSet.has(d))]));
  for (const address of dependencyOrder(goneGraph).reverse()) {
    if (allowDelete) actions.push({ action: 'delete', address });
    else refused.push({ action: 'delete', address, reason: `${address} is no longer in the configuration; destroying it needs allowDelete` });
  }

  return { actions, refused, drift: state ? detectDrift(state, actual) : [] };
}
