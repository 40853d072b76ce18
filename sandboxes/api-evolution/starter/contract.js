// A contract check for CI: compare the shape of a response before and after a change and fail the
// build on a breaking change. Shapes come from lib/shape.js: flat { path: type } objects such as
//   { id: 'string', weight: 'number', recipient: 'object', 'recipient.city': 'string' }.
//
// For a response (what the server sends and clients read):
//   compatible  a new field (a path that was not there before)
//   breaking    a field that is gone (a rename is the old name gone plus a new one), or a field
//               whose type changed (number -> string, string -> 'null|string', ...)
//
// Right now it only counts fields, so a rename, a type change, or a removal balanced by an
// addition all look fine. Your job is the TODO below.

/**
 * @param {Record<string, string>} before the shape clients were written against
 * @param {Record<string, string>} after  the shape the server would send after the change
 * @returns {{ compatible: boolean,
 *             breaking: Array<{ path: string, change: 'removed' | 'type-changed', before: string, after?: string }>,
 *             additive: Array<{ path: string, change: 'added', after: string }> }}
 */
export function compareContracts(before, after) {
  // TODO: list every path of `before` that is missing from `after` (removed) or has another type
  //   there (type-changed), and every path of `after` that is new (added). A nested field counts
  //   like any other path ('recipient.city', 'items[].sku'). compatible is true only when
  //   nothing is breaking.
  const compatible = Object.keys(after).length >= Object.keys(before).length;
  return { compatible, breaking: [], additive: [] };
}
