// Checks for POST /orders: everything about a request is checked before the first side effect,
// and every problem comes back at once as RFC 9457 problem details. The world (stock, card
// processor, carrier, mail server) is a fake that records every side effect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from '../server.js';
import { createWorld } from '../lib/world.js';
import { close, listen, post, postPartly } from '../lib/client.js';

const CONFIG = Object.freeze({ maxBodyBytes: 16_384, paymentApiKey: 'sk_test_checks', mailFrom: 'orders@kestrel.example' });
const VALID = Object.freeze({
  items: [
    { sku: 'TENT-2P', quantity: 1 },
    { sku: 'LAMP-40', quantity: 2 },
  ],
  email: 'ana@example.com',
  address: { country: 'GB', postcode: 'SW1A 1AA' },
});
const JSON_HEADERS = { 'content-type': 'application/json' };
/** VALID with some fields replaced (undefined removes a field). */
function orderWith(changes) {
  const order = structuredClone(VALID);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete order[key];
    else order[key] = value;
  }
  return order;
}

async function withServer(run) {
  const world = createWorld();
  const server = createServer({ world, config: CONFIG });
  const port = await listen(server);
  try {
    await run({ world, port, order: (body, headers = JSON_HEADERS) => post(port, { body, headers }) });
  } finally {
    await close(server);
  }
}

const brief = (res) => `${res.status} ${String(res.text).slice(0, 240)}`;

function assertProblem(res, status, what) {
  assert.equal(res.status, status, `${what}: expected ${status}, got ${brief(res)}`);
  assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/, `${what}: the answer should be application/problem+json (RFC 9457), got ${JSON.stringify(res.headers['content-type'])}`);
  const p = res.json ?? {};
  for (const field of ['type', 'title', 'detail']) {
    assert.equal(typeof p[field], 'string', `${what}: a problem needs a "${field}" string, got ${res.text.slice(0, 200)}`);
  }
  assert.equal(p.status, status, `${what}: the problem's "status" member should repeat the HTTP status ${status}, got ${JSON.stringify(p.status)}`);
}

/** A 400 whose errors extension lists exactly these pointers, and nothing happened in the world. */
function assertInvalid(res, world, expected, what) {
  assertProblem(res, 400, what);
  const errors = res.json.errors;
  assert.ok(Array.isArray(errors), `${what}: the problem needs an "errors" array listing every invalid field as { pointer, detail }, got ${res.text.slice(0, 200)}`);
  for (const e of errors) {
    assert.ok(typeof e?.pointer === 'string' && e.pointer.startsWith('#'), `${what}: each error needs a "pointer", a JSON Pointer such as "#/email", got ${JSON.stringify(e)}`);
    assert.ok(typeof e.detail === 'string' && e.detail.trim() !== '', `${what}: each error needs a "detail" saying what is wrong, got ${JSON.stringify(e)}`);
  }
  const got = errors.map((e) => e.pointer).sort();
  assert.deepEqual(got, [...expected].sort(), `${what}: expected errors at ${[...expected].sort().join(', ')}; got ${got.join(', ') || 'none'}`);
  assertNothingHappened(world, what);
}

function assertNothingHappened(world, what) {
  const kinds = world.effects.map((e) => e.kind);
  assert.ok(kinds.length === 0, `${what}: the request was invalid, but these side effects happened: ${kinds.join(', ')}. Validate everything before the first side effect`);
}

test('a valid order is accepted: 201, with one reservation, one charge, one label and one email', async () => {
  await withServer(async ({ world, order }) => {
    const res = await order(VALID);
    assert.equal(res.status, 201, `a valid order: expected 201, got ${brief(res)}`);
    assert.equal(res.json?.total, 18_900 + 2 * 2_900, `total: 1 x TENT-2P (18,900) + 2 x LAMP-40 (2,900) = 24,700 pence, got ${JSON.stringify(res.json?.total)}`);
    const kinds = world.effects.map((e) => e.kind);
    assert.deepEqual(kinds, ['reserve', 'charge', 'label', 'email'], `a valid order should reserve, charge, label and email once each, in that order; got ${kinds.join(', ')}`);
  });
});

test('missing fields are each named in a 400 problem', async () => {
  await withServer(async ({ world, order }) => {
    assertInvalid(await order({}), world, ['#/items', '#/email', '#/address'], 'an empty object {}');
    const partial = { items: [{}], address: {} };
    assertInvalid(await order(partial), world, ['#/items/0/sku', '#/items/0/quantity', '#/email', '#/address/country', '#/address/postcode'], JSON.stringify(partial));
  });
});

test('wrong types are reported, not converted', async () => {
  await withServer(async ({ world, order }) => {
    const typed = orderWith({ items: [{ sku: 'TENT-2P', quantity: '2' }], email: 42, address: { country: 'DE', postcode: 10115 }, giftNote: true });
    assertInvalid(await order(typed), world, ['#/items/0/quantity', '#/email', '#/address/postcode', '#/giftNote'], 'quantity "2" (a string), email 42, postcode 10115 (a number), giftNote true');
    assertInvalid(await order(orderWith({ items: 'TENT-2P' })), world, ['#/items'], 'items "TENT-2P" (a string, not an array)');
    assertInvalid(await order(orderWith({ address: 'SW1A 1AA, GB' })), world, ['#/address'], 'address as a string');
    assertInvalid(await order(orderWith({ items: [{ sku: 'TENT-2P', quantity: 1 }, 'LAMP-40'] })), world, ['#/items/1'], 'an item that is a string');
  });
});

test('out-of-range values are reported', async () => {
  const cases = [
    [{ items: [{ sku: 'TENT-2P', quantity: 0 }] }, ['#/items/0/quantity'], 'quantity 0'],
    [{ items: [{ sku: 'TENT-2P', quantity: 100 }] }, ['#/items/0/quantity'], 'quantity 100'],
    [{ items: [{ sku: 'TENT-2P', quantity: 1.5 }] }, ['#/items/0/quantity'], 'quantity 1.5'],
    [{ items: [{ sku: 'KAYAK-9', quantity: 1 }] }, ['#/items/0/sku'], 'SKU KAYAK-9 (not in the catalogue)'],
    [{ items: [{ sku: 'tent-2p', quantity: 1 }] }, ['#/items/0/sku'], 'SKU tent-2p (lower case)'],
    [{ items: [] }, ['#/items'], 'no items'],
    [{ items: Array.from({ length: 21 }, () => ({ sku: 'MAT-XL', quantity: 1 })) }, ['#/items'], '21 items'],
    [{ email: 'ana@' }, ['#/email'], 'email "ana@"'],
    [{ email: `${'a'.repeat(250)}@example.com` }, ['#/email'], 'a 262-character email'],
    [{ address: { country: 'DE', postcode: 'SW1A 1AA' } }, ['#/address/postcode'], 'a British postcode for DE'],
    [{ address: { country: 'FR', postcode: '75001' } }, ['#/address/country'], 'country FR'],
    [{ giftNote: 'x'.repeat(201) }, ['#/giftNote'], 'a 201-character giftNote'],
  ];
  await withServer(async ({ world, order }) => {
    for (const [changes, expected, what] of cases) assertInvalid(await order(orderWith(changes)), world, expected, what);
    const edge = await order(orderWith({ items: [{ sku: 'BOTTLE-1L', quantity: 99 }], giftNote: 'x'.repeat(200), address: { country: 'US', postcode: '94103-1234' } }));
    assert.equal(edge.status, 201, `quantity 99, a 200-character giftNote and a ZIP+4 postcode are all allowed: expected 201, got ${brief(edge)}`);
  });
});

test('every invalid field is listed in one response', async () => {
  await withServer(async ({ world, order }) => {
    const body = {
      items: [
        { sku: 'TENT-2P', quantity: 1 },
        { sku: 'KAYAK-9', quantity: 0 },
      ],
      email: 'ana.example.com',
      address: { country: 'GB', postcode: '12345' },
      giftNote: 7,
    };
    assertInvalid(await order(body), world, ['#/items/1/sku', '#/items/1/quantity', '#/email', '#/address/postcode', '#/giftNote'], 'an order with five mistakes');
  });
});

test('unknown fields are rejected and named', async () => {
  await withServer(async ({ world, order }) => {
    const body = orderWith({ gift_note: 'Happy birthday!', items: [{ sku: 'TENT-2P', quantity: 1, colour: 'green' }], address: { country: 'GB', postcode: 'SW1A 1AA', county: 'Kent' } });
    assertInvalid(await order(body), world, ['#/gift_note', '#/items/0/colour', '#/address/county'], 'gift_note (giftNote misspelt), items[0].colour and address.county');
  });
});

test('invalid input never reaches a side effect', async () => {
  const bodies = [
    {},
    orderWith({ address: { country: 'GB', postcode: 'NOPE' } }),
    orderWith({ items: [{ sku: 'KAYAK-9', quantity: 1 }] }),
    orderWith({ email: 'not-an-email' }),
    orderWith({ items: [{ sku: 'TENT-2P', quantity: -1 }] }),
    orderWith({ address: undefined }),
    orderWith({ items: undefined }),
    orderWith({ email: undefined }),
    orderWith({ giftNote: { text: 'hi' } }),
    orderWith({ extra: true }),
    null,
    [VALID],
    'order please',
  ];
  await withServer(async ({ world, order }) => {
    const statuses = [];
    for (const body of bodies) statuses.push((await order(body === null || typeof body === 'string' ? JSON.stringify(body) : body)).status);
    const notRejected = statuses.map((s, i) => [s, i]).filter(([s]) => s !== 400);
    assert.ok(notRejected.length === 0, `${bodies.length} invalid bodies should all get 400; these did not (status, body #): ${notRejected.map(([s, i]) => `${s} for #${i + 1} ${JSON.stringify(bodies[i]).slice(0, 60)}`).join('; ')}`);
    const effects = world.effects.map((e) => e.kind);
    assert.ok(effects.length === 0, `${bodies.length} invalid orders caused ${effects.length} side effects (${[...new Set(effects)].join(', ')}): each one is a reservation to release, a charge to refund or an email that cannot be unsent`);
  });
});

test('the problem body follows RFC 9457 and gives nothing away', async () => {
  await withServer(async ({ world, order }) => {
    const res = await order(orderWith({ email: 'ana@' }));
    assertInvalid(res, world, ['#/email'], 'an order with a bad email');
    const p = res.json;
    assert.notEqual(p.type, 'about:blank', `type should name this problem type with a URI of your own (it defines the "errors" extension); "about:blank" means "nothing more than the status code"`);
    assert.ok(!/\n\s+at |node:internal|\.js:\d+/.test(res.text), `the problem contains a stack trace or file names: ${res.text.slice(0, 200)}`);
    const again = await order(orderWith({ address: { country: 'GB', postcode: 'NOPE' } }));
    assertInvalid(again, world, ['#/address/postcode'], 'an order with a bad postcode');
    assert.equal(again.json.type, p.type, `the same kind of problem should have the same type URI every time: ${p.type} vs ${again.json.type}`);
    assert.equal(again.json.title, p.title, `title is the summary of the problem type and stays the same for every occurrence: "${p.title}" vs "${again.json.title}"; put what differs in detail`);
  });
});

test('a body that is not JSON, or not an object, gets 400, not 500', async () => {
  const bodies = [
    ['{"items": [', 'a body cut off in the middle'],
    ['', 'an empty body'],
    ['null', 'null'],
    ['[]', 'an array'],
    ['"order"', 'a string'],
  ];
  await withServer(async ({ world, order }) => {
    for (const [text, what] of bodies) {
      const res = await order(text);
      assertProblem(res, 400, what);
      const pointers = (res.json.errors ?? []).map((e) => e?.pointer);
      assert.deepEqual(pointers, ['#'], `${what}: expected one error with pointer "#" (the body as a whole), got ${JSON.stringify(res.json.errors)}`);
    }
    assertNothingHappened(world, 'bodies that are not JSON objects');
  });
});

test('a Content-Type other than application/json gets 415', async () => {
  await withServer(async ({ world, order }) => {
    const refused = [
      ['no Content-Type', {}],
      ['text/plain', { 'content-type': 'text/plain' }],
      ['a form', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['application/jsonp', { 'content-type': 'application/jsonp' }],
    ];
    for (const [what, headers] of refused) {
      const res = await order(VALID, headers);
      assertProblem(res, 415, `a JSON body sent with ${what}`);
      assert.match(res.headers.accept ?? '', /application\/json/, `a JSON body sent with ${what}: a 415 should say what it accepts with an Accept: application/json header (RFC 9110), got ${JSON.stringify(res.headers.accept)}`);
    }
    assertNothingHappened(world, 'orders sent with the wrong Content-Type');
    const ok = await order(VALID, { 'content-type': 'Application/JSON; charset=utf-8' });
    assert.equal(ok.status, 201, `Content-Type: Application/JSON; charset=utf-8 is JSON (media types are case-insensitive and may carry parameters): expected 201, got ${brief(ok)}`);
  });
});

test('a body over the limit gets 413 without being read to the end', async () => {
  await withServer(async ({ world, port, order }) => {
    const declared = await postPartly(port, { headers: { 'content-type': 'application/json', 'content-length': '1000000' }, chunks: ['{"items":[' + ' '.repeat(1_000)] });
    assert.notEqual(declared.status, null, 'a request announcing Content-Length: 1000000 (the limit is 16,384) got no answer while its body was still arriving: refuse it from the header, before reading');
    assertProblem(declared, 413, 'Content-Length: 1000000');
    const streamed = await postPartly(port, { headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, chunks: Array.from({ length: 20 }, () => ' '.repeat(1_024)) });
    assert.notEqual(streamed.status, null, 'a chunked body (no Content-Length) that passed 16,384 bytes got no answer: count the bytes as they arrive and stop at the limit');
    assertProblem(streamed, 413, 'a chunked body of 20 KiB and counting');
    assertNothingHappened(world, 'bodies over the limit');
    const text = JSON.stringify(VALID);
    const atLimit = await order(text + ' '.repeat(16_384 - Buffer.byteLength(text)));
    assert.equal(atLimit.status, 201, `a valid order of exactly 16,384 bytes is within the limit: expected 201, got ${brief(atLimit)}`);
  });
});

test('the side effects get the parsed, normalised order', async () => {
  await withServer(async ({ world, order }) => {
    const res = await order({ items: [{ quantity: 3, sku: 'STOVE-GAS' }], email: 'Ana.Lopez@Example.COM', address: { postcode: 'sw1a 1aa', country: 'GB' }, giftNote: 'Enjoy!' });
    assert.equal(res.status, 201, `a valid order with a mixed-case email and a lower-case postcode: expected 201, got ${brief(res)}`);
    const [reserve] = world.effects.filter((e) => e.kind === 'reserve');
    const [charge] = world.effects.filter((e) => e.kind === 'charge');
    const [label] = world.effects.filter((e) => e.kind === 'label');
    const [email] = world.effects.filter((e) => e.kind === 'email');
    assert.deepEqual(reserve?.items, [{ sku: 'STOVE-GAS', quantity: 3 }], `the stock system should get the items as { sku, quantity }, got ${JSON.stringify(reserve?.items)}`);
    assert.equal(charge?.amount, 13_500, `the charge should be 3 x 4,500 = 13,500 pence, got ${JSON.stringify(charge?.amount)}`);
    assert.equal(charge?.email, 'ana.lopez@example.com', `the card processor should get the email in lower case, got ${JSON.stringify(charge?.email)}`);
    assert.equal(email?.to, 'ana.lopez@example.com', `the confirmation should go to the email in lower case, got ${JSON.stringify(email?.to)}`);
    assert.deepEqual(label?.address, { country: 'GB', postcode: 'SW1A 1AA' }, `the carrier should get the postcode in upper case, got ${JSON.stringify(label?.address)}`);
  });
});
