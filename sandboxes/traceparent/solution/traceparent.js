// The W3C Trace Context header rules (Recommendation, "traceparent" and "tracestate"), as pure
// functions with no state: parse what a caller sent, format what we send on.
//
//   traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
//                version-trace id (32 hex)-parent id (16 hex)-flags (2 hex)
//   tracestate:  rojo=00f067aa0ba902b7,congo=t61rcWkgMzE   (vendor members, most recent on the left)

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ALL_ZERO = /^0+$/;
const SAMPLED = 0x01;

/**
 * Parses a traceparent header value. Returns { version, traceId, parentId, flags, sampled }, or
 * null when the header is missing or invalid (the caller then starts a new trace). Never throws.
 */
export function parseTraceparent(value) {
  if (typeof value !== 'string') return null;
  const m = TRACEPARENT.exec(value.trim());
  if (!m) return null;
  const [, version, traceId, parentId, flagsHex, rest] = m;
  if (version === 'ff') return null; // forbidden version
  if (version === '00' && rest !== undefined) return null; // version 00 has exactly four fields
  if (ALL_ZERO.test(traceId) || ALL_ZERO.test(parentId)) return null;
  const flags = parseInt(flagsHex, 16);
  return { version, traceId, parentId, flags, sampled: (flags & SAMPLED) === SAMPLED };
}

/** The traceparent we send: always version 00, and only the sampled bit may be set. */
export function formatTraceparent({ traceId, spanId, sampled }) {
  return `00-${traceId}-${spanId}-${sampled ? '01' : '00'}`;
}

// key: a lowercase letter or digit, then up to 255 of a-z 0-9 _ - * / @.
const KEY = /^[a-z0-9][a-z0-9_\-*/@]{0,255}$/;
// value: 1 to 256 printable ASCII characters except "," and "=", not ending in a space.
const VALUE = /^[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/;
export const MAX_MEMBERS = 32;

/**
 * The valid members of a tracestate header, left to right, as [key, value] pairs. Empty members are
 * skipped, members that break the key or value format are dropped, a key seen again is dropped
 * (the left-most entry is the most recent), and at most 32 are kept (the right-most go first).
 */
export function parseTracestate(value) {
  if (typeof value !== 'string') return [];
  const members = [];
  const seen = new Set();
  for (const raw of value.split(',')) {
    const member = raw.replace(/^[ \t]+|[ \t]+$/g, '');
    if (member === '') continue;
    const eq = member.indexOf('=');
    if (eq < 0) continue;
    const key = member.slice(0, eq);
    const val = member.slice(eq + 1);
    if (!KEY.test(key) || !VALUE.test(val) || seen.has(key)) continue;
    seen.add(key);
    members.push([key, val]);
  }
  return members.slice(0, MAX_MEMBERS);
}

/**
 * The tracestate to send after our vendor `key` updated its value: our member first, the others
 * after it unchanged and in order, at most 32 in all (the right-most member is dropped).
 */
export function updateTracestate(value, key, newValue) {
  const others = parseTracestate(value).filter(([k]) => k !== key);
  return [[key, newValue], ...others]
    .slice(0, MAX_MEMBERS)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
