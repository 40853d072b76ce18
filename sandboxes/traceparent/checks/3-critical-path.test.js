// Checks for critical-path.js: the span tree and the critical path, on the lesson's worked example
// (a 900 ms checkout) and on seeded random traces played through lib/mesh.js. What-if runs replay
// a request with one step shorter, so "what would this optimisation save?" has an exact answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTree, criticalPath } from '../critical-path.js';
import { createTracer } from '../tracer.js';
import { seededIds } from '../lib/ids.js';
import { createCollector } from '../lib/collector.js';
import { createMesh, withDurations } from '../lib/mesh.js';
import { checkoutServices, randomServices } from '../lib/workflows.js';
import { seededRandom } from '../lib/random.js';

// The lesson's table: one slow Tillbox checkout, times in ms from the start of the root span.
const CHECKOUT = [
  ['gw', null, 'gateway POST /checkout', 0, 900],
  ['auth', 'gw', 'auth.verify', 10, 40],
  ['cart', 'gw', 'cart GET /cart', 40, 190],
  ['sql', 'cart', 'SELECT cart_items', 50, 110],
  ['redis', 'cart', 'redis MGET prices', 115, 180],
  ['profile', 'gw', 'profile GET /profile', 40, 120],
  ['pricing', 'gw', 'pricing POST /quote', 195, 805],
  ['fx1', 'pricing', 'fx.getRate attempt 1, timeout', 210, 710],
  ['fx2', 'pricing', 'fx.getRate attempt 2', 712, 752],
  ['quote', 'pricing', 'compute quote', 755, 800],
  ['render', 'gw', 'render summary', 810, 890],
].map(([spanId, parentId, name, start, end]) => ({ traceId: 't1', spanId, parentId, name, service: name.split(' ')[0], kind: 'internal', start, end }));

const nameOf = new Map(CHECKOUT.map((s) => [s.spanId, s.name]));
const shuffled = [CHECKOUT[7], CHECKOUT[3], CHECKOUT[10], CHECKOUT[0], CHECKOUT[5], CHECKOUT[9], CHECKOUT[1], CHECKOUT[8], CHECKOUT[2], CHECKOUT[6], CHECKOUT[4]];

function path(spans, what) {
  let segments;
  try {
    segments = criticalPath(spans);
  } catch (err) {
    assert.fail(`${what}: criticalPath threw "${err.message}"`);
  }
  assert.ok(Array.isArray(segments), `${what}: criticalPath should return an array of segments, got ${segments}`);
  return segments;
}

/** ms of the critical path spent in each span. */
function shares(segments) {
  const out = new Map();
  for (const s of segments) out.set(s.spanId, (out.get(s.spanId) ?? 0) + (s.end - s.start));
  return out;
}

const describe = (segments, names) => segments.map((s) => `${names.get(s.spanId) ?? s.name ?? s.spanId} ${s.start}-${s.end}`).join(', ');

/** Plays `services` from s0/gateway with a fresh tracer per service; returns the spans and the duration. */
function play(services, entry) {
  const collector = createCollector();
  const ids = seededIds(5);
  const tracers = new Map();
  const tracerFor = (service) => {
    if (!tracers.has(service)) tracers.set(service, createTracer({ service, ids, exporter: collector }));
    return tracers.get(service);
  };
  const { duration } = createMesh({ services, tracerFor }).request(entry, {});
  return { spans: collector.spans, duration };
}

test('the span tree links every span to its parent, children in start order, broken links as extra roots', () => {
  const roots = buildTree(shuffled);
  assert.ok(Array.isArray(roots), `buildTree should return an array of root nodes, got ${roots}`);
  assert.deepEqual(roots.map((r) => r.span?.name), ['gateway POST /checkout'], `the lesson's trace has one root, the gateway; buildTree returned roots: ${roots.map((r) => r.span?.name).join(', ')}`);
  const gateway = roots[0];
  const children = (node) => (node.children ?? []).map((c) => c.span.name);
  const starts = gateway.children.map((c) => c.span.start);
  assert.deepEqual([...starts].sort((a, b) => a - b), starts, `the gateway's children should be sorted by start time, got starts ${starts.join(', ')}`);
  assert.deepEqual(new Set(children(gateway)), new Set(['auth.verify', 'cart GET /cart', 'profile GET /profile', 'pricing POST /quote', 'render summary']), `the gateway's children are ${children(gateway).join(', ')}`);
  const pricing = gateway.children.find((c) => c.span.spanId === 'pricing');
  assert.deepEqual(children(pricing), ['fx.getRate attempt 1, timeout', 'fx.getRate attempt 2', 'compute quote'], 'pricing\'s children, in start order');
  const cart = gateway.children.find((c) => c.span.spanId === 'cart');
  assert.deepEqual(children(cart), ['SELECT cart_items', 'redis MGET prices'], 'cart\'s children, in start order');

  // Broken propagation: pricing's spans arrive with a parent id nobody recorded.
  const broken = CHECKOUT.map((s) => (s.spanId === 'pricing' ? { ...s, parentId: 'lost' } : s));
  const split = buildTree(broken).map((r) => r.span.name);
  assert.deepEqual(new Set(split), new Set(['gateway POST /checkout', 'pricing POST /quote']), `when pricing's parent is missing, its subtree should show up as a second root; got roots ${split.join(', ')}`);
});

test('the critical path of the lesson\'s 900 ms checkout: pricing, cart and render on it, profile off it', () => {
  const segments = path(shuffled, 'the lesson\'s checkout');
  const got = shares(segments);
  const expected = { gw: 30, auth: 30, cart: 25, sql: 60, redis: 65, profile: 0, pricing: 25, fx1: 500, fx2: 40, quote: 45, render: 80 };
  const wrong = [];
  for (const [id, ms] of Object.entries(expected)) {
    if ((got.get(id) ?? 0) !== ms) wrong.push(`${nameOf.get(id)}: ${got.get(id) ?? 0} ms on the path, expected ${ms}`);
  }
  assert.deepEqual(wrong, [], `the critical path was: ${describe(segments, nameOf)}\n  ${wrong.join('\n  ')}\n(self times are the gaps where no child ran; profile ran beside cart and finished 70 ms earlier, so it is off the path)`);
  const total = segments.reduce((sum, s) => sum + (s.end - s.start), 0);
  assert.equal(total, 900, `the segments add up to ${total} ms; the path covers the whole 900 ms request`);
});

test('the critical path covers the whole request without gaps or overlaps (seeded random traces)', () => {
  for (let seed = 1; seed <= 30; seed += 1) {
    const services = randomServices(seededRandom(seed), { count: 4 });
    const { spans } = play(services, 's0');
    const names = new Map(spans.map((s) => [s.spanId, `${s.service} "${s.name}"`]));
    const root = spans.find((s) => s.parentId == null);
    const segments = path(spans, `seed ${seed}`);
    const what = `seed ${seed} (${spans.length} spans, root ${root.start}-${root.end}); path: ${describe(segments, names)}`;
    assert.ok(segments.length > 0, `${what}: the path is empty`);
    assert.equal(segments[0].start, root.start, `${what}: the path should start where the root starts`);
    assert.equal(segments.at(-1).end, root.end, `${what}: the path should end where the root ends`);
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    segments.forEach((seg, i) => {
      const span = byId.get(seg.spanId);
      assert.ok(span, `${what}: segment ${i} names span ${seg.spanId}, which is not in the trace`);
      assert.ok(seg.start < seg.end, `${what}: segment ${i} (${seg.start}-${seg.end}) is empty or reversed`);
      assert.ok(seg.start >= span.start && seg.end <= span.end, `${what}: segment ${i} (${seg.start}-${seg.end}) lies outside its span ${names.get(seg.spanId)} (${span.start}-${span.end})`);
      if (i > 0) assert.equal(seg.start, segments[i - 1].end, `${what}: segment ${i} starts at ${seg.start} but the one before ends at ${segments[i - 1].end} (a gap or an overlap)`);
    });
  }
});

test('making an off-path span faster saves nothing; the lesson\'s what-ifs save 0, 30 and 400 ms', () => {
  const checkout = checkoutServices();
  const base = play(checkout, 'gateway');
  assert.equal(base.duration, 900, 'the simulated checkout should take 900 ms, as in the lesson');
  const onPath = shares(path(base.spans, 'simulated checkout'));
  const share = (name) => base.spans.filter((s) => s.name === name).reduce((sum, s) => sum + (onPath.get(s.spanId) ?? 0), 0);
  const whatIfs = [
    ['GET /profile', { 'profile work': 40 }, 0, 'profile twice as fast'],
    ['SELECT cart_items', { 'SELECT cart_items': 30 }, 30, 'the cart query 60 -> 30 ms'],
    ['fx.getRate attempt 1 (timeout)', { 'fx.getRate attempt 1 (timeout)': 100 }, 400, 'the FX timeout 500 -> 100 ms'],
  ];
  for (const [span, durations, saves, what] of whatIfs) {
    const after = play(withDurations(checkout, durations), 'gateway').duration;
    assert.equal(900 - after, saves, `${what}: the replayed request took ${after} ms (the harness's own arithmetic; if this fails, restore lib/)`);
    const predicted = share(span);
    if (saves === 0) assert.equal(predicted, 0, `${what} saves 0 ms, but your path gives "${span}" ${predicted} ms: it ran beside a longer branch and is off the path`);
    else assert.ok(predicted >= saves, `${what} saves ${saves} ms, but your path gives "${span}" only ${predicted} ms; it is on the path`);
  }

  for (let seed = 31; seed <= 50; seed += 1) {
    const services = randomServices(seededRandom(seed), { count: 4 });
    const run = play(services, 's0');
    const ms = shares(path(run.spans, `seed ${seed}`));
    const byName = new Map();
    for (const s of run.spans) {
      if (s.kind !== 'internal') continue;
      byName.set(s.name, (byName.get(s.name) ?? 0) + (ms.get(s.spanId) ?? 0));
    }
    for (const [name, pathMs] of byName) {
      if (pathMs > 0) continue;
      const step = Object.values(services).flatMap((d) => d.steps.flatMap((x) => x.parallel ?? [x])).find((x) => x.span === name);
      if (step.ms < 2) continue;
      const after = play(withDurations(services, { [name]: Math.floor(step.ms / 2) }), 's0').duration;
      assert.equal(after, run.duration, `seed ${seed}: your path says "${name}" (${step.ms} ms) is off the critical path, but halving it made the request ${run.duration - after} ms faster (${run.duration} -> ${after} ms); it was on the path`);
    }
  }
});
