// A fake cloud provider, strict the way real ones are:
//   - create refuses an object whose dependencies do not exist yet ("create it first"),
//   - delete refuses an object that another object still depends on (DependencyViolation),
//   - update refuses to change an attribute that forces replacement (see FORCE_NEW),
//   - read() returns what really exists, with attributes the provider computes (id, arn) and
//     object keys sorted the provider's way, not the way you wrote them.
// Someone with console access can change things behind your back: edit() and remove() are that.
//
// Addresses are "<type>.<name>", e.g. security_group.app. Every write is async and logged in
// `calls`. hold() makes writes wait until release(), so a check can catch an apply half-way.
import { clone } from './values.js';

/** Attributes that cannot change in place: a new value means destroy and create again. */
export const FORCE_NEW = {
  instance: ['ami'],
  database: ['engine'],
  cache: ['engine'],
  queue: ['fifo'],
};

/** The attributes of `address` whose change forces a replacement. */
export function forceNewFields(address) {
  return FORCE_NEW[String(address).split('.')[0]] ?? [];
}

export class CloudError extends Error {
  constructor(message, code) {
    super(message);
    this.name = 'CloudError';
    this.code = code;
  }
}

/** Sorted keys, recursively: how this provider hands attributes back. */
function normalise(value) {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, normalise(value[k])]));
  }
  return value;
}

export function createCloud() {
  const objects = new Map(); // address -> { attrs, dependsOn, id }
  const calls = [];
  let serial = 0;
  let held = null; // { promise, release } while holding
  let waiting = 0;
  let onWaiting = [];
  const failures = []; // [{ op, address, message }]

  async function gate(op, address) {
    calls.push({ op, address });
    const fail = failures.findIndex((f) => f.op === op && f.address === address);
    if (held) {
      waiting += 1;
      onWaiting.splice(0).forEach((fn) => fn());
      await held.promise;
      waiting -= 1;
    } else {
      await null;
    }
    if (fail >= 0) {
      const [{ message }] = failures.splice(fail, 1);
      throw new CloudError(message ?? `${op} ${address}: the provider answered 500`, 'ProviderError');
    }
  }

  function dependents(address) {
    return [...objects.entries()].filter(([, o]) => o.dependsOn.includes(address)).map(([a]) => a).sort();
  }

  function checkDeps(address, dependsOn) {
    for (const dep of dependsOn) {
      if (!objects.has(dep)) throw new CloudError(`cannot create or update ${address}: it depends on ${dep}, which does not exist (create ${dep} first)`, 'MissingDependency');
    }
  }

  const cloud = {
    /** What exists now: { [address]: { attrs, dependsOn } }, a copy. attrs include id and arn. */
    async read() {
      await null;
      const snapshot = {};
      for (const [address, o] of [...objects.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        snapshot[address] = { attrs: normalise({ ...o.attrs, id: o.id, arn: `arn:fake:${address}` }), dependsOn: [...o.dependsOn] };
      }
      return snapshot;
    },

    async create(address, attrs, dependsOn = []) {
      await gate('create', address);
      if (objects.has(address)) throw new CloudError(`cannot create ${address}: it already exists`, 'AlreadyExists');
      checkDeps(address, dependsOn);
      serial += 1;
      objects.set(address, { attrs: clone(attrs), dependsOn: [...dependsOn], id: `${address.split('.')[0]}-${String(serial).padStart(4, '0')}` });
    },

    async update(address, attrs, dependsOn = []) {
      await gate('update', address);
      const o = objects.get(address);
      if (!o) throw new CloudError(`cannot update ${address}: it does not exist`, 'NotFound');
      for (const field of forceNewFields(address)) {
        if (field in attrs && JSON.stringify(normalise(attrs[field])) !== JSON.stringify(normalise(o.attrs[field]))) {
          throw new CloudError(`cannot update ${address}: ${field} cannot be changed in place (it forces replacement)`, 'ForceNew');
        }
      }
      checkDeps(address, dependsOn);
      o.attrs = clone(attrs);
      o.dependsOn = [...dependsOn];
    },

    async delete(address) {
      await gate('delete', address);
      if (!objects.has(address)) throw new CloudError(`cannot delete ${address}: it does not exist`, 'NotFound');
      const users = dependents(address);
      if (users.length > 0) throw new CloudError(`DependencyViolation: cannot delete ${address}: ${users.join(', ')} still depend on it`, 'DependencyViolation');
      objects.delete(address);
    },

    /** A change made by hand in the console (drift): merges `changes` into the attributes. */
    edit(address, changes) {
      const o = objects.get(address);
      if (!o) throw new Error(`edit: ${address} does not exist`);
      o.attrs = { ...o.attrs, ...clone(changes) };
    },

    /** An object deleted by hand in the console (drift). */
    remove(address) {
      if (!objects.delete(address)) throw new Error(`remove: ${address} does not exist`);
    },

    /** Writes wait from now on until release(). */
    hold() {
      if (!held) {
        let release;
        const promise = new Promise((resolve) => (release = resolve));
        held = { promise, release };
      }
    },
    release() {
      const h = held;
      held = null;
      h?.release();
    },
    /** Resolves once a write is waiting on hold(). */
    untilWaiting() {
      return waiting > 0 ? Promise.resolve() : new Promise((resolve) => onWaiting.push(resolve));
    },

    /** The next `op` on `address` fails with a provider error. */
    failNext(op, address, message) {
      failures.push({ op, address, message });
    },

    /**
     * Builds `stack` ({ [address]: { attrs, dependsOn } }) straight into the provider, as if it had
     * been applied long ago: no calls are logged. Returns the matching state ({ [address]: attrs }).
     */
    seed(stack) {
      const state = {};
      const visit = (address, path) => {
        if (objects.has(address)) return;
        if (path.includes(address)) throw new Error(`seed: dependency cycle at ${address}`);
        const { attrs, dependsOn = [] } = stack[address];
        dependsOn.forEach((dep) => visit(dep, [...path, address]));
        serial += 1;
        objects.set(address, { attrs: clone(attrs), dependsOn: [...dependsOn], id: `${address.split('.')[0]}-${String(serial).padStart(4, '0')}` });
        state[address] = clone(attrs);
      };
      Object.keys(stack).sort().forEach((address) => visit(address, []));
      return state;
    },

    /** Every write call so far: [{ op, address }]. */
    calls,
    /** How many objects exist. */
    size: () => objects.size,
  };
  return cloud;
}
