// Checks for tracer.js: continuing or restarting a trace, the headers of outgoing calls, tracestate
// on the way through, and head-based sampling. Ids come from a seeded generator and requests are
// played through lib/mesh.js in simulated time, so every run sees the same ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTracer } from '../tracer.js';
import { seededIds } from '../lib/ids.js';
import { createCollector } from '../lib/collector.js';
import { alwaysOff, alwaysOn } from '../lib/sampling.js';
import { createMesh } from '../lib/mesh.js';
import { threeServices } from '../lib/workflows.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-(0[01])$/;

function setup({ seed = 7, sampler = alwaysOn, vendor = 'br' } = {}) {
  const ids = seededIds(seed);
  const collector = createCollector();
  const tracer = createTracer({ service: 'pricing', ids, exporter: collector, sampler, vendor });
  return { ids, collector, tracer };
}

/** Starts a server span from `headers`, then a client span under it, and returns the outgoing headers. */
function hop(tracer, headers) {
  let server;
  try {
    server = tracer.startServerSpan('POST /quote', headers, 0);
  } catch (err) {
    assert.fail(`startServerSpan threw "${err.message}" for headers ${JSON.stringify(headers)}; a bad trace header must never fail the request`);
  }
  const client = tracer.startSpan('call fx-rates', server, { kind: 'client', startTime: 5 });
  const out = tracer.inject(client) ?? {};
  return { server, client, out };
}

function splitTraceparent(value, what) {
  const m = TRACEPARENT.exec(value ?? '');
  assert.ok(m, `${what}: the outgoing traceparent ${JSON.stringify(value)} should be 00-<32 hex>-<16 hex>-<00 or 01>`);
  return { traceId: m[1], parentId: m[2], flags: m[3] };
}

const traceIdsIssued = (ids) => ids.issued.filter((x) => x.kind === 'trace').map((x) => x.id);
const spanIdsIssued = (ids) => ids.issued.filter((x) => x.kind === 'span').map((x) => x.id);

test('a service continues a valid trace: same trace id, the caller as parent, a new span id', () => {
  const { ids, tracer } = setup();
  const { server } = hop(tracer, { traceparent: `00-${TRACE}-${PARENT}-01` });
  assert.equal(server.traceId, TRACE, `the server span's traceId is ${server.traceId}; a valid header's trace id must be kept, so the whole request is one trace`);
  assert.equal(server.parentId, PARENT, `the server span's parentId is ${server.parentId}; it should be the parent id the caller sent (${PARENT})`);
  assert.notEqual(server.spanId, PARENT, 'the server span reused the caller\'s parent id as its own id; every span needs a new id');
  assert.ok(spanIdsIssued(ids).includes(server.spanId), `the server span's id ${server.spanId} did not come from ids.spanId(); take new ids from the injected generator`);
  assert.deepEqual(traceIdsIssued(ids), [], `a trace id was generated (${traceIdsIssued(ids).join(', ')}) although the caller sent a valid one; only a missing or invalid header starts a new trace`);
  assert.equal(server.sampled, true, 'the caller sent flags 01, so this span is sampled');
});

test('an outgoing call carries the trace id, the client span\'s new id as parent-id, and the sampled flag', () => {
  const { tracer } = setup();
  const { server, client, out } = hop(tracer, { traceparent: `00-${TRACE}-${PARENT}-01` });
  const sent = splitTraceparent(out.traceparent, 'sampled request');
  assert.equal(sent.traceId, TRACE, `the outgoing trace id is ${sent.traceId}; it must be the same trace id (${TRACE})`);
  assert.notEqual(sent.parentId, PARENT, 'the outgoing parent-id is the one we received: the header was passed through unchanged, so the callee would look like a sibling of this service instead of its child');
  assert.equal(sent.parentId, client.spanId, `the outgoing parent-id is ${sent.parentId}; it should be the id of the client span that makes the call (${client.spanId}), a span of ours`);
  assert.notEqual(client.spanId, server.spanId, 'the client span needs its own new id');
  assert.equal(sent.flags, '01', `the outgoing flags are ${sent.flags}; the request is sampled, so send 01`);

  const second = hop(setup({ seed: 8 }).tracer, { traceparent: `00-${TRACE}-${PARENT}-09` });
  const flags = splitTraceparent(second.out.traceparent, 'flags 09 received').flags;
  assert.equal(flags, '01', `received flags 09 (sampled plus an unknown bit), sent ${flags}; send version 00 with only the sampled bit (01)`);

  const third = hop(setup({ seed: 9 }).tracer, { traceparent: `cc-${TRACE}-${PARENT}-01-future-field` });
  const down = splitTraceparent(third.out.traceparent, 'version cc received');
  assert.equal(down.traceId, TRACE, 'a higher version (cc) with a valid trace id continues that trace, sent on as version 00');

  const fourth = hop(setup({ seed: 10 }).tracer, { traceparent: `00-${TRACE}-${PARENT}-00` });
  const unsampled = splitTraceparent(fourth.out.traceparent, 'unsampled request');
  assert.equal(unsampled.flags, '00', `received flags 00 (not sampled), sent ${unsampled.flags}; pass the caller's decision on`);
});

test('an invalid or missing traceparent starts a new trace and drops the incoming tracestate', () => {
  const bad = [
    [undefined, 'no traceparent'],
    [`00-${'0'.repeat(32)}-${PARENT}-01`, 'an all-zero trace id'],
    [`00-${TRACE.toUpperCase()}-${PARENT}-01`, 'uppercase hex'],
    [`ff-${TRACE}-${PARENT}-01`, 'version ff'],
    [[`00-${TRACE}-${PARENT}-01`], 'an array (a header sent twice)'],
  ];
  bad.forEach(([traceparent, why], i) => {
    const { ids, tracer } = setup({ seed: 20 + i });
    const headers = { tracestate: 'congo=t61rcWkgMzE' };
    if (traceparent !== undefined) headers.traceparent = traceparent;
    const { server, out } = hop(tracer, headers);
    const issued = traceIdsIssued(ids);
    assert.equal(issued.length, 1, `${why}: ${issued.length} trace ids were generated; a new trace needs exactly one new trace id from ids.traceId()`);
    assert.equal(server.traceId, issued[0], `${why}: the server span's traceId is ${server.traceId}; it should be the new trace id ${issued[0]}`);
    assert.ok(server.parentId == null, `${why}: the server span's parentId is ${server.parentId}; a restarted trace has no parent`);
    const sent = splitTraceparent(out.traceparent, why);
    assert.equal(sent.traceId, issued[0], `${why}: the outgoing call should carry the new trace id`);
    assert.ok(!String(out.tracestate ?? '').includes('congo'), `${why}: the outgoing tracestate ${JSON.stringify(out.tracestate)} still carries congo's member; when traceparent cannot be parsed, tracestate must not be parsed or passed on either`);
  });
});

test('tracestate travels with every call, our member first and set to the span id we send', () => {
  const { tracer } = setup({ vendor: 'br' });
  const { out } = hop(tracer, { traceparent: `00-${TRACE}-${PARENT}-01`, tracestate: 'rojo=00f067aa0ba902b7,congo=t61rcWkgMzE' });
  const sent = splitTraceparent(out.traceparent, 'call with tracestate');
  assert.equal(typeof out.tracestate, 'string', `inject() returned no tracestate (${JSON.stringify(out)}); a service must pass tracestate on`);
  assert.equal(out.tracestate, `br=${sent.parentId},rojo=00f067aa0ba902b7,congo=t61rcWkgMzE`, `the outgoing tracestate is ${JSON.stringify(out.tracestate)}; expected our member br=<the parent-id we send> on the left, then rojo and congo unchanged and in order`);

  const again = hop(setup({ seed: 11 }).tracer, { traceparent: `00-${TRACE}-${PARENT}-01`, tracestate: 'congo=t61rcWkgMzE,br=0123456789abcdef' });
  const resent = splitTraceparent(again.out.traceparent, 'our member came back');
  assert.equal(again.out.tracestate, `br=${resent.parentId},congo=t61rcWkgMzE`, `the trace came back to us with br in second place; the outgoing tracestate ${JSON.stringify(again.out.tracestate)} should hold br once, updated and on the left`);

  const crowded = Array.from({ length: 32 }, (_, i) => `v${i + 1}=x`).join(',');
  const full = hop(setup({ seed: 12 }).tracer, { traceparent: `00-${TRACE}-${PARENT}-01`, tracestate: crowded }).out.tracestate ?? '';
  const list = full.split(',');
  assert.equal(list.length, 32, `32 members came in and ours was added: ${list.length} went out; at most 32, the right-most dropped`);
  assert.ok(list[0].startsWith('br=') && list.at(-1) === 'v31=x', `expected br=... first and v31=x last, got ${list[0]} ... ${list.at(-1)}`);
});

test('an unsampled trace records no spans but still propagates its context', () => {
  // The caller decided "not sampled": follow it, even with a sampler that would say yes.
  const a = setup({ sampler: alwaysOn });
  const one = hop(a.tracer, { traceparent: `00-${TRACE}-${PARENT}-00` });
  a.tracer.end(one.client, 40);
  a.tracer.end(one.server, 50);
  assert.equal(a.collector.spans.length, 0, `flags 00: ${a.collector.spans.length} spans were exported (${a.collector.spans.map((s) => s.name).join(', ')}); an unsampled trace records nothing`);
  assert.equal(splitTraceparent(one.out.traceparent, 'unsampled').traceId, TRACE, 'an unsampled trace still propagates its trace id');

  // The caller decided "sampled": follow it, even with a sampler that would say no.
  const b = setup({ sampler: alwaysOff });
  const two = hop(b.tracer, { traceparent: `00-${TRACE}-${PARENT}-01` });
  b.tracer.end(two.client, 40);
  b.tracer.end(two.server, 50);
  assert.equal(b.collector.spans.length, 2, `flags 01 with a sampler that says no: ${b.collector.spans.length} spans were exported; a service that continues a trace follows the caller's flag (the sampler decides only for new traces), so both spans are recorded`);
  const names = b.collector.spans.map((s) => s.name).sort();
  assert.deepEqual(names, ['POST /quote', 'call fx-rates'], 'the exported spans should be the server span and the client span');
  const exported = b.collector.spans.find((s) => s.name === 'POST /quote');
  assert.deepEqual([exported.start, exported.end], [0, 50], 'the exported server span should carry its start and end times');

  // A new trace: the sampler decides, from the new trace id.
  const asked = [];
  const c = setup({ sampler: (traceId) => (asked.push(traceId), false) });
  const three = hop(c.tracer, {});
  c.tracer.end(three.client, 40);
  c.tracer.end(three.server, 50);
  assert.deepEqual(asked, [three.server.traceId], `the sampler was asked ${asked.length} times (${asked.join(', ')}); a new trace asks it once, with the new trace id`);
  assert.equal(c.collector.spans.length, 0, 'the sampler said no to the new trace, so nothing is exported');
  assert.equal(splitTraceparent(three.out.traceparent, 'new unsampled trace').flags, '00', 'an unsampled new trace sends flags 00, so the services after it do not record it either');
});

test('a request through three services is one trace with unbroken parent links', () => {
  const collector = createCollector();
  const tracers = {};
  ['gateway', 'pricing', 'fx-rates'].forEach((service, i) => {
    tracers[service] = createTracer({ service, ids: seededIds(100 + i), exporter: collector, vendor: 'br' });
  });
  const mesh = createMesh({ services: threeServices(), tracerFor: (s) => tracers[s] });
  const { hops } = mesh.request('gateway', { TraceParent: `00-${TRACE}-${PARENT}-01`, tracestate: 'congo=t61rcWkgMzE' });

  const where = hops.map((h) => `${h.from} -> ${h.to}`).join(', ');
  assert.equal(hops.length, 3, `expected 3 hops (client -> gateway, gateway -> pricing, pricing -> fx-rates), got ${where}`);
  for (const h of hops) {
    assert.equal(h.span.traceId, TRACE, `${h.from} -> ${h.to}: ${h.to}'s server span is in trace ${h.span.traceId}, not ${TRACE}; every service must continue the caller's trace`);
  }
  const spans = collector.spans;
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  assert.equal(byId.size, spans.length, 'two spans share an id; every span needs its own');
  const roots = spans.filter((s) => !byId.has(s.parentId));
  assert.deepEqual(roots.map((s) => s.name), ['POST /checkout'], `the spans whose parent is missing are ${roots.map((s) => `${s.service} "${s.name}"`).join(', ')}; only the gateway's server span should be a root (its parent is the caller's span ${PARENT})`);
  assert.equal(roots[0].parentId, PARENT, 'the gateway span\'s parent should be the parent id the caller sent');
  for (const h of hops.slice(1)) {
    const parent = byId.get(h.span.parentId);
    assert.ok(parent, `${h.to}'s server span has parent ${h.span.parentId}, which is no span of the trace`);
    assert.equal(parent.kind, 'client', `${h.to}'s server span's parent is "${parent.name}" (${parent.kind}); it should be the client span in ${h.from} that made the call`);
    assert.equal(parent.service, h.from, `${h.to}'s parent span belongs to ${parent.service}, expected ${h.from}`);
    const members = String(h.headers.tracestate ?? '').split(',');
    assert.equal(members[0], `br=${h.span.parentId}`, `${h.from} -> ${h.to}: tracestate ${JSON.stringify(h.headers.tracestate)} should start with our member br=<the parent-id sent>`);
    assert.ok(members.includes('congo=t61rcWkgMzE'), `${h.from} -> ${h.to}: congo's member was lost from tracestate (${JSON.stringify(h.headers.tracestate)})`);
  }
});
