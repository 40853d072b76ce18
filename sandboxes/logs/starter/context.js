// The request context: which trace and request a piece of work belongs to. AsyncLocalStorage
// carries it through awaits, timers and callbacks started inside context.run(ctx, fn), so that the
// logger can read it without any function passing it along.
//
// Right now nothing is carried: every request is anonymous, and its lines cannot be told apart
// from the lines of the 29 other requests running at the same moment.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/** Holds { traceId, spanId, flags, requestId } for everything that runs inside context.run(ctx, fn). */
export const context = new AsyncLocalStorage();

/**
 * { traceId, parentId, flags } from a W3C traceparent header, or null when it is missing or invalid.
 * TODO 5: the header is version-traceid-parentid-flags: 2, 32, 16 and 2 lowercase hex digits,
 *   e.g. 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01. Invalid (return null): version
 *   ff, an all-zero trace id or parent id, uppercase, wrong lengths, anything else that does not fit.
 */
export function parseTraceparent(header) {
  return null;
}

/**
 * The context for one incoming request.
 * TODO 6: traceId from a valid traceparent, else a new random one (randomBytes(16) as hex);
 *   spanId: this service's own, new for every request (randomBytes(8) as hex); flags from the
 *   traceparent, else '01'; requestId: the X-Request-Id header if it is sane (1 to 128 of
 *   letters, digits, '.', '_', '-', ':'), else the traceId.
 */
export function requestContext(req) {
  return { traceId: undefined, spanId: undefined, flags: undefined, requestId: undefined };
}

/** The context of the work running now, or undefined outside any request. */
export function currentContext() {
  return context.getStore();
}

/**
 * Headers for a call to another service.
 * TODO 8: { traceparent: 00-<same trace id>-<this service's span id>-<flags>, 'x-request-id': <request id> },
 *   or {} outside a request.
 */
export function outgoingHeaders() {
  return {};
}
