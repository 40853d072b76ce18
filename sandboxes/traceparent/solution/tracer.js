// A minimal tracer for one service: it starts server spans from incoming headers, creates child
// spans, writes the headers of outgoing calls, and exports finished spans that are sampled.
import { formatTraceparent, parseTraceparent, parseTracestate, updateTracestate } from './traceparent.js';
import { alwaysOn } from './lib/sampling.js';
import { systemClock } from './lib/clock.js';

/**
 * options:
 *   service   this service's name (recorded on its spans)
 *   ids       the id generator: ids.traceId(), ids.spanId() (lib/ids.js)
 *   exporter  where finished, sampled spans go: exporter.export(span) (lib/collector.js)
 *   sampler   (traceId) => boolean, asked only when this service starts a new trace
 *   vendor    our key in tracestate
 *   clock     default start and end times, when a caller does not pass them
 */
export function createTracer({ service, ids, exporter, sampler = alwaysOn, vendor = 'br', clock = systemClock() } = {}) {
  if (typeof ids?.traceId !== 'function' || typeof ids?.spanId !== 'function') throw new TypeError('createTracer needs ids from lib/ids.js');
  if (typeof exporter?.export !== 'function') throw new TypeError('createTracer needs an exporter with export(span)');

  function newSpan(fields) {
    return { service, kind: 'internal', end: undefined, ...fields };
  }

  return {
    /** The span for handling an incoming request, continuing the caller's trace when the header is valid. */
    startServerSpan(name, headers = {}, startTime = clock.now()) {
      const parent = parseTraceparent(headers?.traceparent);
      if (!parent) {
        // Missing or invalid: a new trace with no parent, and tracestate is not even parsed.
        const traceId = ids.traceId();
        return newSpan({ name, kind: 'server', traceId, spanId: ids.spanId(), parentId: null, sampled: Boolean(sampler(traceId)), tracestate: '', start: startTime });
      }
      const tracestate = parseTracestate(headers?.tracestate).map(([k, v]) => `${k}=${v}`).join(',');
      return newSpan({ name, kind: 'server', traceId: parent.traceId, spanId: ids.spanId(), parentId: parent.parentId, sampled: parent.sampled, tracestate, start: startTime });
    },

    /** A child of `parent` in the same process (kind 'client' for an outgoing call). */
    startSpan(name, parent, { kind = 'internal', startTime = clock.now() } = {}) {
      return newSpan({ name, kind, traceId: parent.traceId, spanId: ids.spanId(), parentId: parent.spanId, sampled: parent.sampled, tracestate: parent.tracestate, start: startTime });
    },

    /** The headers for an outgoing call made from `span` (a client span). */
    inject(span) {
      return {
        traceparent: formatTraceparent({ traceId: span.traceId, spanId: span.spanId, sampled: span.sampled }),
        tracestate: updateTracestate(span.tracestate, vendor, span.spanId),
      };
    },

    /** Ends `span`; it is exported only when the trace is sampled. */
    end(span, endTime = clock.now()) {
      span.end = endTime;
      if (!span.sampled) return;
      const { traceId, spanId, parentId, name, kind, start, end } = span;
      exporter.export({ traceId, spanId, parentId, name, service, kind, start, end });
    },
  };
}
