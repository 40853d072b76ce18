// The W3C Trace Context header rules (Recommendation, "traceparent" and "tracestate"), as pure
// functions with no state: parse what a caller sent, format what we send on.
//
//   traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
//                version-trace id (32 hex)-parent id (16 hex)-flags (2 hex)
//   tracestate:  rojo=00f067aa0ba902b7,congo=t61rcWkgMzE   (vendor members, most recent on the left)
//
// Right now the parser trusts whatever it is given, and tracestate is handled as a plain list.
// Your job is the TODOs below. The checks in checks/1-headers.test.js list the exact vectors.

/**
 * Parses a traceparent header value. Returns { version, traceId, parentId, flags, sampled }, or
 * null when the header is missing or invalid (the caller then starts a new trace). Never throws.
 */
export function parseTraceparent(value) {
  // TODO 1: validate before trusting anything. Return null (never throw) unless:
  //   - the value is a string (surrounding spaces and tabs may be trimmed);
  //   - it is 2 hex - 32 hex - 16 hex - 2 hex, all LOWERCASE hex, with exactly those lengths;
  //   - the version is not ff, and version 00 has nothing after the flags (a higher version may
  //     carry more fields after a dash: read the four you know and ignore the rest);
  //   - neither the trace id nor the parent id is all zeros.
  // TODO 2: sampled is bit 0 of the flags (flags 09 is sampled too): mask, don't compare with '01'.
  if (typeof value !== 'string') return null;
  const [version, traceId, parentId, flagsHex] = value.split('-');
  return { version, traceId, parentId, flags: parseInt(flagsHex, 16), sampled: flagsHex === '01' };
}

/** The traceparent we send: always version 00, and only the sampled bit may be set. */
export function formatTraceparent({ traceId, spanId, sampled }) {
  return `00-${traceId}-${spanId}-${sampled ? '01' : '00'}`;
}

export const MAX_MEMBERS = 32;

/**
 * The valid members of a tracestate header, left to right, as [key, value] pairs.
 */
export function parseTracestate(value) {
  // TODO 3: keep only valid members, in order:
  //   - split on ","; trim spaces and tabs around each member; skip empty members;
  //   - key: a lowercase letter or digit, then up to 255 of a-z 0-9 _ - * / @ (so "FOO" and
  //     "foo.bar" are invalid, and so is "foo " with a space before the "=");
  //   - value: 1 to 256 printable ASCII characters (0x20 to 0x7e) except "," and "=", not ending in a space;
  //   - one member per key (keep the left-most); at most 32 members (drop from the right).
  if (typeof value !== 'string' || value === '') return [];
  return value.split(',').map((member) => {
    const eq = member.indexOf('=');
    return [member.slice(0, eq), member.slice(eq + 1)];
  });
}

/**
 * The tracestate to send after our vendor `key` updated its value.
 */
export function updateTracestate(value, key, newValue) {
  // TODO 4: our member goes on the LEFT (it belongs to whoever wrote the current traceparent);
  //   remove our old member wherever it was; keep the others unchanged and in order; at most 32
  //   members in all, so drop the right-most when there are too many.
  return [...parseTracestate(value), [key, newValue]].map(([k, v]) => `${k}=${v}`).join(',');
}
