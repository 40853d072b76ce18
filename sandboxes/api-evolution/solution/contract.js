// A contract check for CI: compare the shape of a response before and after a change and fail the
// build on a breaking change. Shapes come from lib/shape.js: flat { path: type } objects such as
//   { id: 'string', weight: 'number', recipient: 'object', 'recipient.city': 'string' }.
//
// For a response (what the server sends and clients read):
//   compatible  a new field (a path that was not there before)
//   breaking    a field that is gone (a rename is the old name gone plus a new one), or a field
//               whose type changed (number -> string, string -> 'null|string', ...)

/**
 * @param {Record<string, string>} before the shape clients were written against
 * @param {Record<string, string>} after  the shape the server would send after the change
 * @returns {{ compatible: boolean,
 *             breaking: Array<{ path: string, change: 'removed' | 'type-changed', before: string, after?: string }>,
 *             additive: Array<{ path: string, change: 'added', after: string }> }}
 */
export function compareContracts(before, after) {
  const has = (shape, path) => Object.prototype.hasOwnProperty.call(shape, path);
  const breaking = [];
  const additive = [];
  for (const [path, type] of Object.entries(before)) {
    if (!has(after, path)) breaking.push({ path, change: 'removed', before: type });
    else if (after[path] !== type) breaking.push({ path, change: 'type-changed', before: type, after: after[path] });
  }
  for (const [path, type] of Object.entries(after)) {
    if (!has(before, path)) additive.push({ path, change: 'added', after: type });
  }
  return { compatible: breaking.length === 0, breaking, additive };
}
