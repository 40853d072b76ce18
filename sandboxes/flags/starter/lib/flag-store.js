// The flag service, seen from a server process: a remote store that holds every flag's
// definition. Your client downloads them all with fetchAll() and evaluates in memory; nothing in
// the request path talks to the store. Like every dependency, it fails: it can be down (fetchAll
// rejects with StoreUnavailable) or answer with something that is not a list of flags.
//
// A flag definition:
//   {
//     key: 'new-checkout',
//     onValue: true, offValue: false,   // what "on" and "off" serve (booleans here; any JSON works)
//     killed: false,                    // the kill switch
//     rules: [                          // targeting rules, in order: the first that matches decides
//       { attribute: 'country', op: 'equals', value: 'DE', serve: false },
//       { attribute: 'plan', op: 'in', values: ['pro', 'team'], serve: true },
//     ],
//     rolloutPercent: 20,               // 0 to 100: everyone else whose bucket is below it gets onValue
//     updatedAt: 1773306000000,         // when the definition last changed (clock ms)
//   }
// Operators: 'equals' (user[attribute] === value) and 'in' (values includes user[attribute]).
//
// For checks and demos (the admin side): put(flag), update(key, changes), kill(key), remove(key),
// goDown(), comeBack(), answerWith(anything) (the next fetches return that instead of the flags),
// fetches (how many fetchAll() calls were made).

export class StoreUnavailable extends Error {
  constructor(message = 'flag store unreachable: connect ECONNREFUSED 10.0.4.17:8443') {
    super(message);
    this.name = 'StoreUnavailable';
  }
}

export function createFlagStore({ clock, flags = [] } = {}) {
  if (typeof clock?.now !== 'function') throw new TypeError('createFlagStore needs the clock: createFlagStore({ clock })');
  const defs = new Map();
  let down = false;
  let garbage;
  let fetches = 0;

  const store = {
    /** Every flag definition, as the network would return it (a fresh copy). */
    async fetchAll() {
      fetches += 1;
      if (down) throw new StoreUnavailable();
      if (garbage !== undefined) return structuredClone(garbage.value);
      return [...defs.values()].map((f) => structuredClone(f));
    },
    /** Creates or replaces a flag; fields left out get the usual defaults. */
    put(flag) {
      const full = { onValue: true, offValue: false, killed: false, rules: [], rolloutPercent: 0, ...structuredClone(flag) };
      full.updatedAt = flag.updatedAt ?? clock.now();
      defs.set(full.key, full);
      return structuredClone(full);
    },
    /** Changes some fields of a flag (its updatedAt becomes now). */
    update(key, changes) {
      const flag = defs.get(key);
      if (!flag) throw new Error(`no flag "${key}"`);
      return store.put({ ...flag, ...structuredClone(changes), updatedAt: changes.updatedAt ?? clock.now() });
    },
    kill(key) {
      return store.update(key, { killed: true });
    },
    remove(key) {
      defs.delete(key);
    },
    goDown() {
      down = true;
    },
    comeBack() {
      down = false;
    },
    /** From now on fetchAll() resolves to `value` (pass undefined to go back to the real flags). */
    answerWith(value) {
      garbage = value === undefined ? undefined : { value };
    },
    get fetches() {
      return fetches;
    },
  };
  for (const flag of flags) store.put(flag);
  return store;
}
