// Comparing attribute values the way a provider means them: objects are equal when they have the
// same keys with equal values, whatever the order of their keys; arrays are equal item by item.

export function isEqual(a, b) {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((item, i) => isEqual(item, b[i]));
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && isEqual(a[k], b[k]));
}

/** A deep copy of plain JSON data. */
export function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** A short JSON rendering for messages: [443, 22], "redis", {"env":"prod"}. */
export function show(value) {
  return value === undefined ? '(absent)' : JSON.stringify(value);
}
