// The shape of a JSON value as a flat contract: one entry per field path, with its JSON type.
//
//   shapeOf({ id: 'a', recipient: { city: 'Leeds' }, tags: ['x'] })
//   -> { id: 'string', recipient: 'object', 'recipient.city': 'string', tags: 'array', 'tags[]': 'string' }
//
// Types are JSON's: string, number, boolean, null, object, array. An array's elements share the
// path `name[]`; if they differ in type the entry lists them all, sorted: 'number|string'.

export function typeOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value; // 'string' | 'number' | 'boolean' | 'object'
}

/** A flat { path: type } contract for a JSON value (the root itself is not listed). */
export function shapeOf(value) {
  const shape = {};
  const note = (path, type) => {
    const seen = new Set(shape[path] ? shape[path].split('|') : []);
    seen.add(type);
    shape[path] = [...seen].sort().join('|');
  };
  const walk = (node, prefix) => {
    if (typeOf(node) === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const path = prefix ? `${prefix}.${key}` : key;
        note(path, typeOf(child));
        walk(child, path);
      }
    } else if (Array.isArray(node)) {
      for (const item of node) {
        note(`${prefix}[]`, typeOf(item));
        walk(item, `${prefix}[]`);
      }
    }
  };
  walk(value, '');
  return shape;
}
