// A minimal tracer for one service: it starts server spans from incoming headers, creates child
// spans, writes the headers of outgoing calls, and exports finished spans that are sampled.
//
// Right now every service starts its own trace, so one checkout becomes three unconnected traces
// (the "broken propagation" pitfall), tracestate is lost, and every span is exported whether the
// trace was sampled or not. Your job is the TODOs below.
// Run node scripts/three-hops.js to watch the headers at every hop.
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
      // TODO 5: read headers.traceparent with parseTraceparent (node:http lowercases header names).
      //   Valid: keep its trace id, parentId = its parent id, sampled = its flag (the caller decided),
      //   tracestate = the valid members of headers.tracestate; and a NEW span id of our own.
      //   Missing or invalid: start a new trace (ids.traceId(), parentId null, sampled = sampler(traceId))
      //   and do not parse tracestate at all. Never throw because of a bad header.
      const traceId = ids.traceId();
      return newSpan({ name, kind: 'server', traceId, spanId: ids.spanId(), parentId: null, sampled: Boolean(sampler(traceId)), tracestate: '', start: startTime });
    },

    /** A child of `parent` in the same process (kind 'client' for an outgoing call). */
    startSpan(name, parent, { kind = 'internal', startTime = clock.now() } = {}) {
      return newSpan({ name, kind, traceId: parent.traceId, spanId: ids.spanId(), parentId: parent.spanId, sampled: parent.sampled, tracestate: parent.tracestate, start: startTime });
    },

    /** The headers for an outgoing call made from `span` (a client span). */
    inject(span) {
      // TODO 6: the parent-id we send is THIS span's id (the client span that makes the call), with
      //   the same trace id and the sampled flag. Send tracestate on as well, with our `vendor`
      //   member set to this span's id and moved to the left (updateTracestate).
      return { traceparent: formatTraceparent({ traceId: span.traceId, spanId: span.spanId, sampled: span.sampled }) };
    },

    /** Ends `span`; it is exported only when the trace is sampled. */
    end(span, endTime = clock.now()) {
      span.end = endTime;
      // TODO 7: head-based sampling: export only spans of sampled traces. An unsampled request
      //   still propagates its context (flag 00) but records nothing.
      const { traceId, spanId, parentId, name, kind, start, end } = span;
      exporter.export({ traceId, spanId, parentId, name, service, kind, start, end });
    },
  };
}
