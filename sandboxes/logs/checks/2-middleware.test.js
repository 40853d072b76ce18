// Checks for context.js and middleware.js, through the payouts service over real HTTP: which ids
// every line carries, across awaits and concurrent requests, what travels to the bank, and what a
// request's access line and a thrown error look like.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from '../server.js';
import { createLogger } from '../logger.js';
import { captureLines } from '../lib/capture.js';
import { fakeClock } from '../lib/clock.js';
import { createBank } from '../lib/bank.js';
import { close, listen, request } from '../lib/client.js';

const VECTOR = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const VECTOR_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const VECTOR_PARENT = '00f067aa0ba902b7';
const HEX32 = /^[0-9a-f]{32}$/;
const HEX16 = /^[0-9a-f]{16}$/;
const ZEROS = /^0+$/;

async function withService(run, { level = 'info' } = {}) {
  const capture = captureLines();
  const clock = fakeClock();
  const logger = createLogger({ write: capture.write, clock, level });
  const bank = createBank();
  const server = createServer({ clock, logger, bank });
  // Count responses as they close. This listener is added after the middleware's own, so by the
  // time it runs for a response, that response's access line (if any) has been written.
  const responses = { started: 0, closed: 0 };
  server.on('request', (req, res) => {
    responses.started += 1;
    res.once('close', () => (responses.closed += 1));
  });
  const port = await listen(server);
  const env = {
    capture,
    bank,
    send: (options) => request(port, options),
    payout: (headers = {}, freelancer = 'fr_88123') => request(port, { method: 'POST', path: '/payouts', headers, body: { freelancer, amount: 12500 } }),
    /** Every record so far, once every response the server started has closed (access lines are written then). */
    async logged() {
      const end = Date.now() + 2_000;
      while (responses.closed < responses.started && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 1));
      return capture.records();
    },
  };
  try {
    await run(env);
  } finally {
    await close(server);
  }
}

const show = (r) => `${r.severity_text} "${r.body}"`;
const isAccess = (r) => r.attributes?.['http.response.status_code'] !== undefined;

test("a request's X-Request-Id is on every line it logs, and echoed back", async () => {
  await withService(async ({ payout, logged }) => {
    const res = await payout({ 'x-request-id': 'req-7f3a' });
    assert.equal(res.status, 201, `POST /payouts: expected 201, got ${res.status} ${res.text}`);
    assert.equal(res.headers['x-request-id'], 'req-7f3a', `the response should carry X-Request-Id: req-7f3a, so a bug report can quote it; got ${JSON.stringify(res.headers['x-request-id'])}`);
    const records = await logged();
    assert.ok(records.length >= 3, `one payout should write at least 3 lines at INFO (accepted, sent, and the access line), got ${records.length}`);
    for (const r of records) {
      assert.equal(r.request_id, 'req-7f3a', `line ${show(r)} has request_id ${JSON.stringify(r.request_id)}, expected "req-7f3a"`);
    }
  });
});

test('a valid traceparent gives the trace id, and the service gets a span id of its own', async () => {
  await withService(async ({ payout, logged, capture }) => {
    const res = await payout({ traceparent: VECTOR });
    assert.equal(res.status, 201, `POST /payouts: expected 201, got ${res.status} ${res.text}`);
    const records = await logged();
    assert.ok(records.length > 0, 'the request wrote no lines');
    const spans = new Set(records.map((r) => r.span_id));
    for (const r of records) {
      assert.equal(r.trace_id, VECTOR_TRACE, `line ${show(r)}: trace_id should be the caller's, ${VECTOR_TRACE}, got ${JSON.stringify(r.trace_id)}`);
      assert.match(String(r.span_id), HEX16, `line ${show(r)}: span_id should be 16 lowercase hex digits, got ${JSON.stringify(r.span_id)}`);
      assert.notEqual(r.span_id, VECTOR_PARENT, `line ${show(r)}: span_id is the caller's span (the traceparent's parent-id); this service needs a new one of its own`);
      assert.ok(!ZEROS.test(r.span_id), 'an all-zero span id is invalid');
      assert.equal(r.request_id, VECTOR_TRACE, `line ${show(r)}: with no X-Request-Id, the request id should be the trace id, got ${JSON.stringify(r.request_id)}`);
    }
    assert.equal(spans.size, 1, `all lines of one request should share this service's span id, got ${spans.size} different ones`);
    assert.equal(res.headers['x-request-id'], VECTOR_TRACE, `X-Request-Id in the response should be the request id (${VECTOR_TRACE}), got ${JSON.stringify(res.headers['x-request-id'])}`);

    capture.clear();
    await payout({ traceparent: VECTOR, 'x-request-id': 'req-both' });
    for (const r of await logged()) {
      assert.equal(r.trace_id, VECTOR_TRACE, `with both headers, trace_id still comes from traceparent; line ${show(r)} has ${JSON.stringify(r.trace_id)}`);
      assert.equal(r.request_id, 'req-both', `with both headers, request_id comes from X-Request-Id; line ${show(r)} has ${JSON.stringify(r.request_id)}`);
    }
  });
});

test('an invalid traceparent starts a new trace', async () => {
  const invalid = [
    ['an all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['an all-zero parent id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['version ff', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['uppercase hex', '00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01'],
    ['a 31-digit trace id', '00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01'],
    ['no dashes', '004bf92f3577b34da6a3ce929d0e0e473600f067aa0ba902b701'],
  ];
  await withService(async ({ payout, logged, capture }) => {
    const seen = new Set();
    for (const [what, header] of invalid) {
      capture.clear();
      const res = await payout({ traceparent: header });
      assert.equal(res.status, 201, `traceparent with ${what}: the request itself should still succeed, got ${res.status}`);
      const records = await logged();
      const traces = new Set(records.map((r) => r.trace_id));
      assert.equal(traces.size, 1, `traceparent with ${what}: all lines of the request should share one trace id, got ${[...traces].join(', ')}`);
      const [trace] = traces;
      assert.match(String(trace), HEX32, `traceparent with ${what} (${header}): expected a new trace id of 32 lowercase hex digits, got ${JSON.stringify(trace)}`);
      assert.ok(!ZEROS.test(trace), `traceparent with ${what}: the new trace id must not be all zeros`);
      assert.ok(!VECTOR_TRACE.startsWith(trace.slice(0, 30)), `traceparent with ${what} (${header}): the trace id ${trace} was taken from the invalid header; an invalid traceparent means starting a new trace`);
      assert.ok(!seen.has(trace), `traceparent with ${what}: trace id ${trace} was already used by another request; each new trace needs a fresh random id`);
      seen.add(trace);
    }
  });
});

test('without any id header, each request gets a fresh id shared by all its lines', async () => {
  await withService(async ({ payout, logged, capture }) => {
    const ids = new Set();
    for (let i = 0; i < 4; i += 1) {
      capture.clear();
      const res = await payout();
      const records = await logged();
      const requestIds = new Set(records.map((r) => r.request_id));
      assert.equal(requestIds.size, 1, `request ${i + 1}: its ${records.length} lines carry ${requestIds.size} different request ids (${[...requestIds].join(', ')}), expected one`);
      const [id] = requestIds;
      assert.ok(typeof id === 'string' && id.length >= 16, `request ${i + 1}: expected a generated request id (a string of at least 16 characters), got ${JSON.stringify(id)}`);
      assert.equal(res.headers['x-request-id'], id, `request ${i + 1}: the response should echo the generated id ${id}, got ${JSON.stringify(res.headers['x-request-id'])}`);
      assert.ok(!ids.has(id), `request ${i + 1} got the id ${id} again: every request needs a fresh one`);
      ids.add(id);
    }
  });
});

test('an X-Request-Id that is too long or has odd characters is replaced', async () => {
  const bad = [
    ['300 characters', 'r'.repeat(300)],
    ['markup', '<script>alert(1)</script>'],
    ['spaces', 'req 7f3a OR 1=1'],
    ['quotes and braces', 'x","severity_text":"ERROR'],
  ];
  const good = ['req-7f3a', '8e03978e-40d5-43e8-bc93-6894a57f9324', 'edge.eu-1_000123'];
  await withService(async ({ payout, logged, capture }) => {
    for (const [what, value] of bad) {
      capture.clear();
      const res = await payout({ 'x-request-id': value });
      const records = await logged();
      for (const r of records) {
        assert.notEqual(r.request_id, value, `an X-Request-Id with ${what} was used as it came: a client controls it, so check its length and characters and generate an id instead`);
        assert.ok(typeof r.request_id === 'string' && r.request_id.length > 0 && r.request_id.length <= 128, `an X-Request-Id with ${what}: expected a replacement id, got ${JSON.stringify(r.request_id)}`);
      }
      assert.notEqual(res.headers['x-request-id'], value, `an X-Request-Id with ${what} was echoed back unchanged`);
    }
    for (const value of good) {
      capture.clear();
      await payout({ 'x-request-id': value });
      for (const r of await logged()) {
        assert.equal(r.request_id, value, `X-Request-Id ${JSON.stringify(value)} is a sane id (letters, digits, . _ -, at most 128) and should be kept; got ${JSON.stringify(r.request_id)}`);
      }
    }
  });
});

test('correlation survives awaits, timers and 30 concurrent requests', async () => {
  await withService(async ({ payout, logged }) => {
    const N = 30;
    const replies = await Promise.all(Array.from({ length: N }, (_, i) => payout({ 'x-request-id': `req-${i}` }, `fr_${i}`)));
    const failed = replies.filter((r) => r.status !== 201);
    assert.equal(failed.length, 0, `${failed.length} of ${N} payouts failed: ${failed[0]?.status} ${failed[0]?.text}`);
    const records = await logged();
    const expected = new Set(Array.from({ length: N }, (_, i) => `req-${i}`));
    const stray = records.filter((r) => !expected.has(r.request_id));
    assert.equal(stray.length, 0, `${stray.length} of ${records.length} lines carry no request id of this burst (first: ${stray[0] && show(stray[0])} with ${JSON.stringify(stray[0]?.request_id)}): the id must come from the request's own context, not from a shared variable`);
    const payoutOwner = new Map();
    for (const r of records.filter((x) => x.body === 'payout accepted')) {
      const i = String(r.attributes?.['freelancer.id']).replace('fr_', '');
      assert.equal(r.request_id, `req-${i}`, `the "payout accepted" line for fr_${i} carries ${r.request_id}, but fr_${i} was sent with req-${i}: lines are being tied to the wrong request`);
      payoutOwner.set(r.attributes['payout.id'], r.request_id);
    }
    for (const r of records.filter((x) => x.body === 'payout sent')) {
      const owner = payoutOwner.get(r.attributes?.['payout.id']);
      assert.equal(r.request_id, owner, `"payout sent" for ${r.attributes?.['payout.id']} carries ${r.request_id}, but that payout was accepted under ${owner}: the id got lost or swapped after the bank call's awaits and timers`);
    }
    for (const id of expected) {
      const mine = records.filter((r) => r.request_id === id);
      const accepted = mine.filter((r) => r.body === 'payout accepted').length;
      const sent = mine.filter((r) => r.body === 'payout sent').length;
      const access = mine.filter(isAccess).length;
      assert.deepEqual([accepted, sent, access], [1, 1, 1], `${id}: expected 1 "payout accepted", 1 "payout sent" and 1 access line, got ${accepted}, ${sent} and ${access}`);
    }
  });
});

test('every request gets one access line: INFO for 2xx to 4xx, ERROR for 5xx', async () => {
  await withService(async ({ send, payout, bank, logged, capture }) => {
    const cases = [
      { what: 'a payout', go: () => payout({ 'x-request-id': 'acc-1' }), method: 'POST', path: '/payouts', status: 201 },
      { what: 'an unknown route', go: () => send({ path: '/nope?x=1', headers: { 'x-request-id': 'acc-2' } }), method: 'GET', path: '/nope', status: 404 },
      { what: 'a bad body', go: () => send({ method: 'POST', path: '/payouts', headers: { 'x-request-id': 'acc-3' }, body: { amount: -5 } }), method: 'POST', path: '/payouts', status: 400 },
      { what: 'a bank timeout', go: () => (bank.failNext(), payout({ 'x-request-id': 'acc-4' })), method: 'POST', path: '/payouts', status: 500 },
      { what: 'a lookup', go: () => send({ path: '/payouts/po_1', headers: { 'x-request-id': 'acc-5' } }), method: 'GET', path: '/payouts/po_1', status: 200 },
    ];
    for (const c of cases) {
      capture.clear();
      const res = await c.go();
      assert.equal(res.status, c.status, `${c.what}: expected ${c.status}, got ${res.status}`);
      const access = (await logged()).filter(isAccess);
      assert.equal(access.length, 1, `${c.what}: expected exactly one access line (attributes with http.request.method, url.path and http.response.status_code), got ${access.length}`);
      const [line] = access;
      const a = line.attributes;
      assert.equal(a['http.response.status_code'], c.status, `${c.what}: http.response.status_code should be ${c.status}, got ${JSON.stringify(a['http.response.status_code'])}`);
      assert.equal(a['http.request.method'], c.method, `${c.what}: http.request.method should be ${c.method}, got ${JSON.stringify(a['http.request.method'])}`);
      assert.equal(a['url.path'], c.path, `${c.what}: url.path should be ${c.path} (no query string), got ${JSON.stringify(a['url.path'])}`);
      const level = c.status >= 500 ? 'ERROR' : 'INFO';
      assert.equal(line.severity_text, level, `${c.what} (${c.status}): the access line should be ${level}: ${c.status >= 500 ? 'a 5xx is a failure on our side' : 'the service behaved correctly, nobody needs to act'}; got ${line.severity_text}`);
      assert.equal(line.request_id, `acc-${cases.indexOf(c) + 1}`, `${c.what}: the access line should carry the request's id, got ${JSON.stringify(line.request_id)}`);
    }
  });
});

test('a handler that throws is logged once at ERROR with its stack, and the client gets a 500 without it', async () => {
  await withService(async ({ payout, bank, logged, capture }) => {
    bank.failNext();
    const res = await payout({ 'x-request-id': 'req-boom' });
    assert.equal(res.status, 500, `a payout whose bank call throws: expected 500, got ${res.status} ${res.text.slice(0, 200)}`);
    assert.ok(!/\n\s+at /.test(res.text) && !res.text.includes('bank.js'), `the 500 response contains the stack trace: it helps attackers, not callers. Log it; answer with the request id instead. Got ${JSON.stringify(res.text.slice(0, 200))}`);
    const records = await logged();
    const lines = capture.lines();
    assert.equal(lines.length, capture.writes.length, `${capture.writes.length} events became ${lines.length} lines: a stack trace must stay inside its event`);
    const withStack = records.filter((r) => typeof r.attributes?.['exception.stacktrace'] === 'string');
    assert.equal(withStack.length, 1, `expected the error logged once with attributes["exception.stacktrace"], found ${withStack.length} such lines`);
    const [line] = withStack;
    assert.equal(line.severity_text, 'ERROR', `the error line should be ERROR, got ${line.severity_text}`);
    assert.equal(line.attributes['exception.type'], 'BankTimeoutError', `exception.type should be BankTimeoutError, got ${JSON.stringify(line.attributes['exception.type'])}`);
    assert.match(line.attributes['exception.stacktrace'], /Request timed out[\s\S]*\n\s+at /, 'exception.stacktrace should hold the whole stack');
    assert.equal(line.request_id, 'req-boom', `the error line should carry the request id, got ${JSON.stringify(line.request_id)}`);
  });
});

test("a call to the bank carries the trace id, this service's span id and the request id", async () => {
  await withService(async ({ payout, bank, logged }) => {
    await payout({ traceparent: VECTOR, 'x-request-id': 'req-down' });
    const records = await logged();
    const call = bank.calls[0];
    assert.ok(call, 'the payout never called the bank');
    const header = call.headers.traceparent;
    const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(header ?? '');
    assert.ok(match, `the bank got traceparent ${JSON.stringify(header)}; expected 00-<trace id>-<this service's span id>-<flags>`);
    assert.equal(match[1], VECTOR_TRACE, `the bank's traceparent should keep the trace id ${VECTOR_TRACE}, got ${match[1]}`);
    assert.notEqual(match[2], VECTOR_PARENT, "the bank's traceparent repeats the caller's parent id: put this service's own span id there, so the bank's span hangs under ours");
    const ours = records.find((r) => r.span_id)?.span_id;
    assert.equal(match[2], ours, `the bank's parent id should be the span id on our log lines (${ours}), got ${match[2]}`);
    assert.equal(match[3], '01', `the flags should pass on unchanged (01, sampled), got ${match[3]}`);
    assert.equal(call.headers['x-request-id'], 'req-down', `the bank should get X-Request-Id: req-down, got ${JSON.stringify(call.headers['x-request-id'])}`);
  });
});
