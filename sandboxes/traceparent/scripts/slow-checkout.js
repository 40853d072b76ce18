// The lesson's slow checkout (900 ms), played through the simulated services with your tracer,
// then your critical path: which spans the request was waiting on, and for how long. Then four
// what-ifs, each replayed for real, to compare "your path says this saves ..." with what it saves.
import { createTracer } from '../tracer.js';
import { criticalPath } from '../critical-path.js';
import { seededIds } from '../lib/ids.js';
import { createCollector } from '../lib/collector.js';
import { createMesh, withDurations } from '../lib/mesh.js';
import { checkoutServices } from '../lib/workflows.js';

function play(services) {
  const collector = createCollector();
  const ids = seededIds(2026);
  const tracers = new Map();
  const tracerFor = (service) => {
    if (!tracers.has(service)) tracers.set(service, createTracer({ service, ids, exporter: collector }));
    return tracers.get(service);
  };
  const { duration } = createMesh({ services, tracerFor }).request('gateway', {});
  return { spans: collector.spans, duration };
}

const services = checkoutServices();
const base = play(services);
const byId = new Map(base.spans.map((s) => [s.spanId, s]));
const label = (span) => (span ? `${span.service} "${span.name}"` : '(unknown span)');

let segments = [];
try {
  segments = criticalPath(base.spans) ?? [];
} catch (err) {
  console.log(`criticalPath threw: ${err.message}`);
}

const onPath = new Map();
for (const s of segments) onPath.set(s.spanId, (onPath.get(s.spanId) ?? 0) + (s.end - s.start));
const pathMsOf = (name) => base.spans.filter((s) => s.name === name).reduce((sum, s) => sum + (onPath.get(s.spanId) ?? 0), 0);

console.log(`The checkout took ${base.duration} ms; ${base.spans.length} spans recorded.`);
console.log('');
console.log('Your critical path (time the request spent waiting on each span\'s own work):');
for (const s of segments) {
  console.log(`  ${String(s.start).padStart(4)} - ${String(s.end).padEnd(4)} ${String(s.end - s.start).padStart(4)} ms  ${label(byId.get(s.spanId))}`);
}
const total = segments.reduce((sum, s) => sum + (s.end - s.start), 0);
console.log(`  total ${total} ms (the request took ${base.duration} ms)`);
console.log('');
const ranked = [...onPath].sort((a, b) => b[1] - a[1]).slice(0, 3);
console.log(`Biggest shares: ${ranked.map(([id, ms]) => `${label(byId.get(id))} ${ms} ms (${((100 * ms) / base.duration).toFixed(1)}%)`).join('; ')}`);
console.log('');

const whatIfs = [
  ['make profile twice as fast (80 -> 40 ms)', 'GET /profile', { 'profile work': 40 }, 40],
  ['halve the cart query (60 -> 30 ms)', 'SELECT cart_items', { 'SELECT cart_items': 30 }, 30],
  ['cut the FX timeout (500 -> 100 ms)', 'fx.getRate attempt 1 (timeout)', { 'fx.getRate attempt 1 (timeout)': 100 }, 400],
  ['make render 40 ms faster (80 -> 40 ms)', 'render summary', { 'render summary': 40 }, 40],
];
console.log('What would each change save?');
console.log(`  ${'change'.padEnd(42)}${'on your path'.padStart(14)}${'predicted'.padStart(11)}${'replayed'.padStart(10)}`);
for (const [what, span, durations, cut] of whatIfs) {
  const share = pathMsOf(span);
  const predicted = Math.min(share, cut);
  const after = play(withDurations(services, durations)).duration;
  console.log(`  ${what.padEnd(42)}${`${share} ms`.padStart(14)}${`${predicted} ms`.padStart(11)}${`${base.duration - after} ms`.padStart(10)}`);
}
console.log('');
console.log('An off-path span (profile ran beside cart and finished 70 ms earlier) saves 0 ms however fast it gets.');
