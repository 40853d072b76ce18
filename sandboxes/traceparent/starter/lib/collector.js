// An in-memory span exporter, standing in for the OpenTelemetry Collector: the tracer hands it
// every finished span that should be recorded, and checks and demos read them back.
//
//   const collector = createCollector();
//   collector.export(span)     called by the tracer when a recorded span ends
//   collector.spans            every span exported so far, in the order they ended
//   collector.trace(traceId)   the spans of one trace
//   collector.clear()

export function createCollector() {
  const spans = [];
  return {
    export(span) {
      if (!span || typeof span !== 'object') throw new TypeError(`collector.export(span) needs a span object, got ${span}`);
      const { traceId, spanId, parentId = null, name, service, kind, start, end } = span;
      spans.push({ traceId, spanId, parentId: parentId ?? null, name, service, kind, start, end });
    },
    get spans() {
      return spans;
    },
    trace(traceId) {
      return spans.filter((s) => s.traceId === traceId);
    },
    clear() {
      spans.length = 0;
    },
  };
}
