// Checks for client.js: which failures are retried. A scripted fake server answers each call in
// turn; the fake clock moves only as far as each request needs, so nothing here waits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRetryingClient } from '../client.js';
import { fakeClock } from '../lib/clock.js';
import { createFakeServer } from '../lib/fake-server.js';
import { scriptedRandom } from '../lib/random.js';

/** A fresh clock, server and client (random() = 0.5, so every wait is half the backoff). */
function setup(options = {}) {
  const clock = fakeClock();
  const server = createFakeServer(clock, { origin: 'http://pricing.test' });
  const client = createRetryingClient({ fetch: server.fetch, clock, random: scriptedRandom([]), deadlineMs: 10_000, ...options });
  const start = clock.now();
  /** Runs one request to the end on the fake clock: { res, error, calls, at }. */
  async function send(path, init) {
    const before = server.calls.length;
    let res;
    let error;
    try {
      res = await clock.run(client.request(`${server.origin}${path}`, init));
    } catch (err) {
      // The request hangs: say so, rather than count it as an outcome.
      if (err?.code === 'ERR_CLOCK_STUCK') throw new Error(`${init?.method ?? 'GET'} ${path}: ${err.message}`);
      error = err;
    }
    return { res, error, calls: server.calls.length - before, at: clock.now() - start };
  }
  return { clock, server, client, send, start };
}

const outcome = ({ res, error }) => (error ? `${error.name}: ${error.message}` : `${res.status}`);
const logOf = (env) => env.server.log(env.start).join('; ');

test('GET, PUT and DELETE are retried after a 503; POST and PATCH only with an Idempotency-Key', async () => {
  for (const method of ['GET', 'PUT', 'DELETE']) {
    const env = setup();
    env.server.script({ status: 503 }, { status: 503 }).otherwise({ status: 200 });
    const r = await env.send('/prices/7', { method });
    assert.equal(r.error, undefined, `${method} after two 503s: the request failed with ${outcome(r)}; calls: ${logOf(env)}`);
    assert.equal(r.res.status, 200, `${method} is idempotent: after two 503s the third try gets 200, but the client returned ${outcome(r)} after ${r.calls} calls (${logOf(env)})`);
    assert.equal(r.calls, 3, `${method}: ${r.calls} calls, expected 3 (503, 503, 200)`);
  }
  for (const method of ['POST', 'PATCH']) {
    const env = setup();
    env.server.script({ status: 503 }).otherwise({ status: 201 });
    const r = await env.send('/orders', { method, body: '{"sku":"A1"}' });
    assert.equal(r.calls, 1, `${method} without an Idempotency-Key got 503 and was sent ${r.calls} times (${logOf(env)}); it is not idempotent, so it is sent once and the 503 returned`);
    assert.equal(r.res?.status, 503, `${method} without a key: the client should return the 503 it got, got ${outcome(r)}`);

    const keyed = setup();
    keyed.server.script({ status: 503 }).otherwise({ status: 201 });
    const k = await keyed.send('/orders', { method, body: '{"sku":"A1"}', headers: { 'Idempotency-Key': '"order-8812"' } });
    assert.equal(k.res?.status, 201, `${method} with an Idempotency-Key after a 503: expected the retry's 201, got ${outcome(k)} after ${k.calls} calls (${logOf(keyed)}); a keyed request is safe to repeat`);
    assert.equal(k.calls, 2, `${method} with a key: ${k.calls} calls, expected 2`);
    const sent = keyed.server.calls.map((c) => c.headers['idempotency-key']);
    assert.deepEqual(sent, ['"order-8812"', '"order-8812"'], `${method} with a key: every try must carry the same Idempotency-Key, got ${JSON.stringify(sent)}`);
  }
});

test('408, 429, 502, 503 and 504 are retried; 400, 401, 403, 404, 409, 422 and 500 are returned at once', async () => {
  for (const status of [408, 429, 502, 503, 504]) {
    const env = setup();
    env.server.otherwise({ status });
    const r = await env.send('/prices/7');
    assert.equal(r.calls, 3, `GET answered ${status} every time: ${r.calls} calls (${logOf(env)}); ${status} is transient, so the client tries maxAttempts = 3 times`);
    assert.equal(r.res?.status, status, `GET answered ${status} every time: after the last try the client should return that ${status}, got ${outcome(r)}`);
  }
  for (const status of [400, 401, 403, 404, 409, 422, 500]) {
    const env = setup();
    env.server.script({ status }).otherwise({ status: 200 });
    const r = await env.send('/prices/7');
    assert.equal(r.calls, 1, `GET answered ${status}: the client sent it ${r.calls} times (${logOf(env)}); ${status} will fail the same way again, so return it at once`);
    assert.equal(r.res?.status, status, `GET answered ${status}: the client should return that response, got ${outcome(r)}`);
    assert.equal(r.at, 0, `GET answered ${status} at 0 ms, but the client returned at ${r.at} ms: a response that is not retried comes back without a wait`);
  }
});

test('a 500 is retried only when the client is configured to retry it', async () => {
  const plain = setup();
  plain.server.script({ status: 500 }).otherwise({ status: 200 });
  const p = await plain.send('/prices/7');
  assert.equal(p.calls, 1, `by default a 500 is returned at once (it is usually a bug that repeats): ${p.calls} calls (${logOf(plain)})`);

  const configured = setup({ retryStatuses: [408, 429, 500, 502, 503, 504] });
  configured.server.script({ status: 500 }).otherwise({ status: 200 });
  const c = await configured.send('/prices/7');
  assert.equal(c.res?.status, 200, `with retryStatuses including 500, a 500 then 200 should end in 200, got ${outcome(c)} after ${c.calls} calls (${logOf(configured)}); use the retryStatuses option, not a fixed list`);
  assert.equal(c.calls, 2, `with 500 configured: ${c.calls} calls, expected 2`);
});

test('a refused connection is retried for any method; a POST whose connection dropped or timed out is not', async () => {
  const refused = setup();
  refused.server.script({ error: 'ECONNREFUSED' }).otherwise({ status: 201 });
  const a = await refused.send('/orders', { method: 'POST', body: '{"sku":"A1"}' });
  assert.equal(a.res?.status, 201, `POST without a key, first connection refused: nothing was sent, so a retry is safe; expected 201, got ${outcome(a)} after ${a.calls} calls (${logOf(refused)}). The error's cause.code says ECONNREFUSED`);

  const reset = setup();
  reset.server.script({ error: 'ECONNRESET' }).otherwise({ status: 201 });
  const b = await reset.send('/orders', { method: 'POST', body: '{"sku":"A1"}' });
  assert.equal(b.calls, 1, `POST without a key, connection reset after sending: the order may exist, so it must not be sent again; ${b.calls} calls (${logOf(reset)})`);
  assert.ok(b.error, `POST, connection reset: the client should throw the network error it got, returned ${outcome(b)}`);

  const resetGet = setup();
  resetGet.server.script({ error: 'ECONNRESET' }).otherwise({ status: 200 });
  const c = await resetGet.send('/prices/7');
  assert.equal(c.res?.status, 200, `GET, connection reset, then 200: a GET is safe to repeat; expected 200, got ${outcome(c)} after ${c.calls} calls (${logOf(resetGet)})`);

  const slow = setup({ perTryMs: 800 });
  slow.server.script({ hang: true }).otherwise({ status: 201 });
  const d = await slow.send('/orders', { method: 'POST', body: '{"sku":"A1"}' });
  assert.equal(d.calls, 1, `POST without a key that timed out: the server may have acted, so it is not sent again; ${d.calls} calls (${logOf(slow)})`);
  assert.ok(d.error, `POST timed out: the client should throw the timeout, returned ${outcome(d)}`);
  assert.equal(d.at, 800, `POST timed out: the client gave up at ${d.at} ms; the per-try timeout is 800 ms`);
});
