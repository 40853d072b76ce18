// The request context: which trace and request a piece of work belongs to, carried through
// awaits, timers and callbacks by AsyncLocalStorage, so no function has to pass it along.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/** Holds { traceId, spanId, flags, requestId } for everything that runs inside context.run(ctx, fn). */
export const context = new AsyncLocalStorage();

// version-traceid-parentid-flags, all lowercase hex. Version ff is invalid; version 00 has exactly
// these four fields; a later version may add fields after them, and we read the four we know.
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ALL_ZEROS = /^0+$/;
// What we accept as someone else's request id: short, and only characters that are safe in any log query.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** { traceId, parentId, flags } from a W3C traceparent header, or null when it is missing or invalid. */
export function parseTraceparent(header) {
  if (typeof header !== 'string') return null;
  const match = TRACEPARENT.exec(header.trim());
  if (!match) return null;
  const [, version, traceId, parentId, flags, rest] = match;
  if (version === 'ff' || (version === '00' && rest !== undefined)) return null;
  if (ALL_ZEROS.test(traceId) || ALL_ZEROS.test(parentId)) return null;
  return { traceId, parentId, flags };
}

const randomHex = (bytes) => randomBytes(bytes).toString('hex');

/**
 * The context for one incoming request: the caller's trace (or a new one), a span id of this
 * service's own, and a request id (the caller's X-Request-Id if it is sane, else the trace id).
 */
export function requestContext(req) {
  const parent = parseTraceparent(req.headers.traceparent);
  const traceId = parent?.traceId ?? randomHex(16);
  const incoming = req.headers['x-request-id'];
  return {
    traceId,
    spanId: randomHex(8),
    flags: parent?.flags ?? '01',
    requestId: typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : traceId,
  };
}

/** The context of the work running now, or undefined outside any request. */
export function currentContext() {
  return context.getStore();
}

/** Headers for a call to another service: same trace, this service's span as the parent, same request id. */
export function outgoingHeaders() {
  const ctx = context.getStore();
  if (!ctx) return {};
  return { traceparent: `00-${ctx.traceId}-${ctx.spanId}-${ctx.flags}`, 'x-request-id': ctx.requestId };
}
