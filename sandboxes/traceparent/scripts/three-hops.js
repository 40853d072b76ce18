// One checkout through three services (gateway -> pricing -> fx-rates), in simulated time, with
// your tracer at every service. Prints the headers each service received and the span it started,
// for three callers: one with a valid sampled trace, one with an invalid header, one unsampled.
import { createTracer } from '../tracer.js';
import { seededIds } from '../lib/ids.js';
import { createCollector } from '../lib/collector.js';
import { createMesh } from '../lib/mesh.js';
import { threeServices } from '../lib/workflows.js';

const callers = [
  ['a partner calls with a sampled trace and its own tracestate', { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', tracestate: 'congo=t61rcWkgMzE' }],
  ['a caller sends an invalid header (all-zero trace id)', { traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01', tracestate: 'congo=t61rcWkgMzE' }],
  ['a caller that decided not to sample (flags 00)', { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00', tracestate: 'congo=t61rcWkgMzE' }],
];

const pad = (text, width) => String(text).padEnd(width);

callers.forEach(([what, headers], i) => {
  const collector = createCollector();
  const tracers = {};
  ['gateway', 'pricing', 'fx-rates'].forEach((service, k) => {
    tracers[service] = createTracer({ service, ids: seededIds(10 * (i + 1) + k), exporter: collector, vendor: 'br' });
  });
  const { hops, duration } = createMesh({ services: threeServices(), tracerFor: (s) => tracers[s] }).request('gateway', headers);

  console.log(`Request ${i + 1}: ${what}`);
  for (const hop of hops) {
    console.log(`  ${pad(`${hop.from} -> ${hop.to}`, 22)}traceparent: ${hop.headers.traceparent ?? '(none)'}`);
    console.log(`  ${pad('', 22)}tracestate:  ${hop.headers.tracestate ?? '(none)'}`);
    const s = hop.span;
    console.log(`  ${pad('', 22)}${hop.to} started span ${s.spanId} in trace ${s.traceId}, parent ${s.parentId ?? 'none'}, sampled ${s.sampled}`);
  }
  const traces = new Set(hops.map((h) => h.span.traceId));
  const incoming = headers.traceparent.split('-')[1];
  const kept = traces.has(incoming) ? 'kept the caller\'s trace id' : 'a new trace id';
  console.log(`  -> trace ids across the 3 services: ${traces.size} (one request should be 1 trace; here ${kept})`);
  console.log(`  -> spans recorded: ${collector.spans.length} of 6 (server and client spans; ${i === 2 ? 'expected 0: the caller did not sample' : 'expected 6'}), request took ${duration} ms`);
  console.log('');
});
