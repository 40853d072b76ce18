// Checks for POST /payments with Idempotency-Key. Time is a fake clock and the card processor is a
// fake that the checks can hold "in flight", so nothing here really waits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from '../server.js';
import { fakeClock } from '../lib/clock.js';
import { createStore } from '../lib/store.js';
import { createProvider } from '../lib/provider.js';
import { close, listen, post, within } from '../lib/client.js';

const K = '8e03978e-40d5-43e8-bc93-6894a57f9324';
const PAYMENT = { amount: 100, currency: 'usd' };
const SECOND = 1000;
const HOUR = 3600 * SECOND;

/** A fresh server with its own clock, store and processor; always closed afterwards. */
async function withServer(run, { wrapStore = (s) => s } = {}) {
  const clock = fakeClock();
  const store = wrapStore(createStore({ clock }));
  const provider = createProvider();
  const server = createServer({ clock, store, provider });
  const port = await listen(server);
  const pay = (options) => {
    const reply = post(port, options);
    reply.catch(() => {}); // a check that fails early may leave a request unanswered
    return reply;
  };
  try {
    await run({ clock, provider, pay });
  } finally {
    provider.release();
    store.stop?.();
    await close(server);
  }
}

function assertProblem(res, status, what) {
  assert.equal(res.status, status, `${what}: expected ${status}, got ${res.status} ${res.text}`);
  assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/, `${what}: the error body should be application/problem+json (RFC 9457)`);
  for (const field of ['type', 'title', 'detail']) {
    assert.equal(typeof res.json?.[field], 'string', `${what}: the problem body needs a "${field}" string, got ${res.text}`);
  }
  assert.equal(res.json.status, status, `${what}: the problem body's "status" should be ${status}`);
}

function assertCharges(provider, expected, what) {
  const made = provider.charges.length;
  assert.equal(made, expected, `${what}: charges made ${made}, expected ${expected}`);
}

function assertReplayOf(res, original, what) {
  assert.equal(res.status, original.status, `${what}: a replay must repeat the status ${original.status}, got ${res.status} ${res.text}`);
  assert.equal(res.text, original.text, `${what}: a replay must repeat the body exactly (first ${original.text}, then ${res.text})`);
  assert.equal(res.headers['idempotent-replayed'], 'true', `${what}: a replay should say so with Idempotent-Replayed: true`);
}

/**
 * Makes two requests reach the store together: the first store call waits until a second one
 * arrives, so a get-then-set cannot slip through before the other request looks.
 */
function racingStore(store) {
  let release;
  let timer;
  let armed = true;
  const open = () => {
    armed = false;
    clearTimeout(timer);
    release?.();
  };
  const gated = (name) => async (...args) => {
    if (armed) {
      if (!release) {
        // A server that never makes a second store call must not hang the check.
        timer = setTimeout(open, 300);
        await new Promise((resolve) => (release = resolve));
      } else {
        open();
        await null;
      }
    }
    return store[name](...args);
  };
  return { get: gated('get'), create: gated('create'), set: gated('set'), delete: gated('delete'), size: () => store.size(), stop: open };
}

test('a payment without an Idempotency-Key is rejected with 400 problem+json', async () => {
  await withServer(async ({ provider, pay }) => {
    assertProblem(await pay({ body: PAYMENT }), 400, 'no Idempotency-Key header');
    assertProblem(await pay({ rawKey: '""', body: PAYMENT }), 400, 'an empty key ""');
    assertCharges(provider, 0, 'requests without a usable key');
  });
});

test('a key longer than 255 characters is rejected with 400 problem+json', async () => {
  await withServer(async ({ provider, pay }) => {
    assertProblem(await pay({ key: 'k'.repeat(256), body: PAYMENT }), 400, 'a 256-character key');
    assertCharges(provider, 0, 'a 256-character key');
    const ok = await pay({ key: 'k'.repeat(255), body: PAYMENT });
    assert.equal(ok.status, 201, `a 255-character key is allowed: expected 201, got ${ok.status} ${ok.text}`);
  });
});

test('a quoted Idempotency-Key (RFC 8941) is accepted and a bare token names the same key', async () => {
  await withServer(async ({ provider, pay }) => {
    const quoted = await pay({ rawKey: `"${K}"`, body: PAYMENT });
    assert.equal(quoted.status, 201, `Idempotency-Key: "${K}" should be accepted: got ${quoted.status} ${quoted.text}`);
    const bare = await pay({ rawKey: K, body: PAYMENT });
    assertReplayOf(bare, quoted, `the bare token ${K} after the quoted "${K}"`);
    assertCharges(provider, 1, 'the same key, quoted then bare');
    assertProblem(await pay({ rawKey: `"${K}`, body: PAYMENT }), 400, 'a quoted key with no closing quote');
  });
});

test('a retried payment is charged once and replays the same 201 response', async () => {
  await withServer(async ({ provider, pay }) => {
    const first = await pay({ key: K, body: PAYMENT });
    assert.equal(first.status, 201, `the first request should charge: got ${first.status} ${first.text}`);
    assert.equal(first.json?.id, 'ch_1');
    assert.notEqual(first.headers['idempotent-replayed'], 'true', 'the first response is not a replay');
    const retry = await pay({ key: K, body: PAYMENT });
    assertReplayOf(retry, first, 'the retry');
    assertCharges(provider, 1, 'a payment and its retry');
  });
});

test('the same key with a different payload is rejected with 422', async () => {
  await withServer(async ({ provider, pay }) => {
    const first = await pay({ key: K, body: PAYMENT });
    assert.equal(first.status, 201, `the first request should charge: got ${first.status} ${first.text}`);
    assertProblem(await pay({ key: K, body: { amount: 200, currency: 'usd' } }), 422, 'key K again with amount 200');
    assertCharges(provider, 1, 'key K reused for another amount');
    // The 422 must not overwrite what the key stands for.
    assertReplayOf(await pay({ key: K, body: PAYMENT }), first, 'key K with the original payload after the 422');
  });
});

test('the payload fingerprint ignores key order and spacing', async () => {
  await withServer(async ({ provider, pay }) => {
    const first = await pay({ key: K, body: '{"amount":100,"currency":"usd"}' });
    assert.equal(first.status, 201, `the first request should charge: got ${first.status} ${first.text}`);
    const reordered = await pay({ key: K, body: '{ "currency": "usd",\n  "amount": 100 }' });
    assertReplayOf(reordered, first, 'the same payload with its fields reordered');
    assertCharges(provider, 1, 'the same payload written two ways');
  });
});

test('a retry while the first request is in flight gets 409 and is not stored', async () => {
  await withServer(async ({ provider, pay }) => {
    provider.hold();
    const first = pay({ key: K, body: PAYMENT });
    await within(1000, provider.waitForCalls(1), 'the first request never reached the card processor');
    const second = pay({ key: K, body: PAYMENT });
    const outcome = await within(
      1000,
      Promise.race([second, provider.waitForCalls(2).then(() => 'charged again')]),
      'the second request got no answer while the first was in flight: answer 409 at once instead of waiting',
    );
    assert.notEqual(outcome, 'charged again', 'the second request went to the card processor while the first was still in flight');
    assertProblem(outcome, 409, 'the same key while the first request is in flight');
    provider.release();
    const done = await first;
    assert.equal(done.status, 201, `the first request should finish with 201: got ${done.status} ${done.text}`);
    // The 409 was not stored, so retrying now gets the real outcome.
    assertReplayOf(await pay({ key: K, body: PAYMENT }), done, 'a retry after the first request finished');
    assertCharges(provider, 1, 'one payment, retried during and after');
  });
});

test('two requests racing on the same key charge the card once', async () => {
  await withServer(
    async ({ provider, pay }) => {
      provider.hold();
      const a = pay({ key: K, body: PAYMENT });
      const b = pay({ key: K, body: PAYMENT });
      await within(1000, Promise.race([a, b, provider.waitForCalls(2)]), 'neither racing request was answered or charged');
      provider.release();
      const replies = await within(1000, Promise.all([a, b]), 'the racing requests never finished');
      assertCharges(provider, 1, 'two requests with the same key at the same moment');
      const statuses = replies.map((r) => r.status).sort();
      assert.deepEqual(statuses, [201, 409], `expected one 201 and one 409, got ${statuses.join(' and ')}`);
      assertProblem(replies.find((r) => r.status === 409), 409, 'the request that lost the race');
    },
    { wrapStore: racingStore },
  );
});

test('a key is kept for 24 hours and executes afresh after that', async () => {
  await withServer(async ({ clock, provider, pay }) => {
    const first = await pay({ key: K, body: PAYMENT });
    assert.equal(first.status, 201, `the first request should charge: got ${first.status} ${first.text}`);
    clock.advance(24 * HOUR - SECOND);
    assertReplayOf(await pay({ key: K, body: PAYMENT }), first, 'the same key 23 h 59 min 59 s later');
    assertCharges(provider, 1, 'within 24 hours');
    clock.advance(2 * SECOND);
    const later = await pay({ key: K, body: PAYMENT });
    assert.equal(later.status, 201, `24 h 1 s later the key has expired and should charge: got ${later.status} ${later.text}`);
    assert.notEqual(later.headers['idempotent-replayed'], 'true', 'after 24 h the key executes afresh, not as a replay');
    assert.equal(later.json?.id, 'ch_2');
    assertCharges(provider, 2, 'the same key 24 h 1 s later');
  });
});

test('a payment that failed at the provider (5xx) is replayed, not charged again', async () => {
  await withServer(async ({ provider, pay }) => {
    provider.failNext(503);
    const failed = await pay({ key: K, body: PAYMENT });
    assert.ok(failed.status >= 500, `a processor failure should give a 5xx: got ${failed.status} ${failed.text}`);
    assertProblem(failed, failed.status, 'the failed payment');
    const retry = await pay({ key: K, body: PAYMENT });
    assertReplayOf(retry, failed, 'a retry of the failed payment');
    assert.equal(provider.calls, 1, `the processor was called ${provider.calls} times, expected 1: the stored 5xx should be replayed`);
    assertCharges(provider, 0, 'a failed payment and its retry');
  });
});

test('a bad body is rejected with 400 and does not use up the key', async () => {
  await withServer(async ({ provider, pay }) => {
    const bad = [
      ['a body that is not JSON', 'amount=100'],
      ['a negative amount', { amount: -100, currency: 'usd' }],
      ['a fractional amount', { amount: 1.5, currency: 'usd' }],
      ['an amount sent as a string', { amount: '100', currency: 'usd' }],
      ['an unknown currency', { amount: 100, currency: 'xyz' }],
    ];
    for (const [what, body] of bad) assertProblem(await pay({ key: K, body }), 400, what);
    assertCharges(provider, 0, 'bad bodies');
    const fixed = await pay({ key: K, body: PAYMENT });
    assert.equal(fixed.status, 201, `after the 400s, key K should still be free: got ${fixed.status} ${fixed.text}`);
    assert.notEqual(fixed.headers['idempotent-replayed'], 'true', 'a 400 is not stored, so this is not a replay');
    assertCharges(provider, 1, 'the corrected request');
  });
});

test('different keys are different payments', async () => {
  await withServer(async ({ provider, pay }) => {
    const one = await pay({ key: 'order-1', body: PAYMENT });
    const two = await pay({ key: 'order-2', body: PAYMENT });
    assert.equal(one.status, 201, `order-1: got ${one.status} ${one.text}`);
    assert.equal(two.status, 201, `order-2: got ${two.status} ${two.text}`);
    assert.notEqual(one.json?.id, two.json?.id, 'two keys must make two charges');
    assertCharges(provider, 2, 'two keys');
  });
});
