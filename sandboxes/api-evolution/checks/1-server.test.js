// Checks for server.js: v1 keeps its contract, v2 carries the new shape, and v1 announces its
// retirement with Deprecation (RFC 9745), Sunset (RFC 8594) and Link (RFC 8288) headers. Time is
// a fake clock, so "after the sunset" is one call away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from '../server.js';
import { fakeClock } from '../lib/clock.js';
import { sampleShipments } from '../lib/shipments.js';
import { V1_EXAMPLE, V1_STATUSES } from '../lib/v1-contract.js';
import { shapeOf } from '../lib/shape.js';
import { close, get, listen, parseLink } from '../lib/client.js';
import { runOldClients } from '../lib/old-clients.js';

const GUIDE = 'https://developer.parcelwise.example/migrate/v2';
const POLICY = 'https://developer.parcelwise.example/policies/sunset';
// Other dates than the lesson's, so that a server with the lesson's values typed in shows up.
const PLAN = {
  deprecatedAt: Date.UTC(2025, 9, 15, 12, 0, 0), // @1760529600
  sunsetAt: Date.UTC(2026, 2, 31, 23, 59, 59), // Tue, 31 Mar 2026 23:59:59 GMT
  migrationGuide: GUIDE,
  sunsetPolicy: POLICY,
};

/** A fresh server with its own clock; always closed afterwards. */
async function withServer(run, { shipments = sampleShipments(), deprecation = PLAN, now = Date.UTC(2026, 0, 20) } = {}) {
  const clock = fakeClock(now);
  const server = createServer({ clock, shipments, deprecation });
  const port = await listen(server);
  try {
    await run({ clock, port, fetch: (path) => get(port, path) });
  } finally {
    await close(server);
  }
}

function assertOk(res, what) {
  assert.equal(res.status, 200, `${what}: expected 200, got ${res.status} ${res.text.slice(0, 200)}`);
  assert.ok(res.json && typeof res.json === 'object', `${what}: expected a JSON body, got ${res.text.slice(0, 200)}`);
}

/** Every path of the v1 contract must be in `body` with the same type; extra paths are fine. */
function assertKeepsV1(body, what) {
  const promised = shapeOf(V1_EXAMPLE);
  const got = shapeOf(body);
  const problems = [];
  for (const [path, type] of Object.entries(promised)) {
    if (!(path in got)) problems.push(`"${path}" is missing (v1 promised a ${type})`);
    else if (got[path] !== type) problems.push(`"${path}" is a ${got[path]}, v1 promised a ${type}`);
  }
  assert.deepEqual(problems, [], `${what} breaks the v1 contract: ${problems.join('; ')}. Body: ${JSON.stringify(body)}`);
}

test('v1 responses keep every documented field with the same type', async () => {
  await withServer(async ({ fetch }) => {
    const one = await fetch('/v1/shipments/shp_1001');
    assertOk(one, 'GET /v1/shipments/shp_1001');
    assertKeepsV1(one.json, 'GET /v1/shipments/shp_1001');
    const list = await fetch('/v1/shipments');
    assertOk(list, 'GET /v1/shipments');
    assert.ok(Array.isArray(list.json.data), `GET /v1/shipments must keep its { "data": [...] } envelope, got ${list.text.slice(0, 200)}`);
    assert.equal(list.json.data.length, 5, `GET /v1/shipments should list all 5 shipments, got ${list.json.data.length}`);
    for (const item of list.json.data) assertKeepsV1(item, `GET /v1/shipments item ${item?.id}`);
  });
});

test('v1 values keep their meaning: weight in kilograms, created_at an ISO date, customer_name and city', async () => {
  const shipments = sampleShipments();
  shipments[0].weightGrams = 2500;
  shipments[0].recipient = { name: 'Farah Haddad', city: 'Derby' };
  await withServer(
    async ({ fetch }) => {
      const res = await fetch('/v1/shipments/shp_1001');
      assertOk(res, 'GET /v1/shipments/shp_1001');
      const s = res.json;
      assert.equal(s.weight, 2.5, `a 2,500 g parcel must still say weight: 2.5 (kilograms) on v1, got ${JSON.stringify(s.weight)}. A new unit needs a new name (weight_grams), on v2`);
      assert.equal(s.customer_name, 'Farah Haddad', `customer_name should be the recipient's name, got ${JSON.stringify(s.customer_name)}`);
      assert.equal(s.city, 'Derby', `city should be the recipient's city, got ${JSON.stringify(s.city)}`);
      assert.equal(s.created_at, '2026-02-23T09:15:00.000Z', `created_at should stay the ISO 8601 string, got ${JSON.stringify(s.created_at)}`);
      assert.equal(s.id, 'shp_1001');
      const heavy = await fetch('/v1/shipments/shp_1004');
      assert.equal(heavy.json?.weight, 15, `shp_1004 weighs 15,000 g: v1 says weight 15, got ${JSON.stringify(heavy.json?.weight)}`);
    },
    { shipments },
  );
});

test('v1 only ever shows the five statuses it documented (held_at_depot reads as in_transit)', async () => {
  await withServer(async ({ fetch }) => {
    const held = await fetch('/v1/shipments/shp_1002');
    assertOk(held, 'GET /v1/shipments/shp_1002');
    assert.equal(held.json.status, 'in_transit', `shp_1002 is held_at_depot, a status v1 never documented: v1 should show in_transit, got ${JSON.stringify(held.json.status)}`);
    const list = await fetch('/v1/shipments');
    assertOk(list, 'GET /v1/shipments');
    const unknown = (list.json.data ?? []).filter((s) => !V1_STATUSES.includes(s.status)).map((s) => `${s.id}: ${s.status}`);
    assert.deepEqual(unknown, [], `v1 clients treat the status list as closed; these are not among ${V1_STATUSES.join(', ')}: ${unknown.join(', ')}`);
    const delivered = await fetch('/v1/shipments/shp_1003');
    assert.equal(delivered.json?.status, 'delivered', `a documented status goes out unchanged: shp_1003 should be delivered, got ${JSON.stringify(delivered.json?.status)}`);
  });
});

test('all four old v1 clients still work against the new server', async () => {
  await withServer(async ({ port }) => {
    const results = await runOldClients(port);
    const failed = results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.why}`);
    assert.deepEqual(failed, [], `old v1 clients failed:\n  ${failed.join('\n  ')}`);
  });
});

test('v2 serves the new shape: weight_grams, a recipient object and the real status', async () => {
  await withServer(async ({ fetch }) => {
    const res = await fetch('/v2/shipments/shp_1002');
    assertOk(res, 'GET /v2/shipments/shp_1002');
    const s = res.json;
    assert.equal(s.id, 'shp_1002');
    assert.equal(s.status, 'held_at_depot', `v2's status list is open: it should carry held_at_depot, got ${JSON.stringify(s.status)}`);
    assert.equal(s.weight_grams, 3400, `v2 should say weight_grams: 3400, got ${JSON.stringify(s.weight_grams)}`);
    assert.deepEqual(s.recipient, { name: 'Bruno Lima', city: 'Bristol' }, `v2 should have recipient { name, city }, got ${JSON.stringify(s.recipient)}`);
    assert.equal(s.created_at, '2026-02-24T14:02:00.000Z', `created_at stays an ISO 8601 string on v2, got ${JSON.stringify(s.created_at)}`);
    const list = await fetch('/v2/shipments');
    assertOk(list, 'GET /v2/shipments');
    assert.equal(list.json.data?.length, 5, `GET /v2/shipments should list all 5 shipments as { data: [...] }, got ${list.text.slice(0, 200)}`);
    const missing = await fetch('/v2/shipments/shp_9999');
    assert.equal(missing.status, 404, `an unknown shipment on v2 is a 404, got ${missing.status}`);
  });
});

test('v1 responses carry Deprecation (@seconds) and Sunset (an HTTP-date) for the configured dates', async () => {
  await withServer(async ({ fetch }) => {
    for (const path of ['/v1/shipments/shp_1001', '/v1/shipments']) {
      const res = await fetch(path);
      assertOk(res, `GET ${path}`);
      assert.equal(
        res.headers.deprecation,
        '@1760529600',
        `GET ${path}: Deprecation is a Structured Fields date, "@" and whole seconds since the epoch: 2025-10-15T12:00:00Z is @1760529600, got ${JSON.stringify(res.headers.deprecation)}`,
      );
      assert.equal(
        res.headers.sunset,
        'Tue, 31 Mar 2026 23:59:59 GMT',
        `GET ${path}: Sunset is an HTTP-date (IMF-fixdate): 2026-03-31T23:59:59Z is "Tue, 31 Mar 2026 23:59:59 GMT", got ${JSON.stringify(res.headers.sunset)}`,
      );
    }
  });
});

test('v1 responses link the migration guide (rel="deprecation") and the sunset policy (rel="sunset"); v2 carries none of it', async () => {
  await withServer(async ({ fetch }) => {
    for (const path of ['/v1/shipments/shp_1001', '/v1/shipments']) {
      const res = await fetch(path);
      assertOk(res, `GET ${path}`);
      const links = parseLink(res.headers.link);
      const deprecation = links.find((l) => l.rel.includes('deprecation'));
      const sunset = links.find((l) => l.rel.includes('sunset'));
      assert.equal(deprecation?.href, GUIDE, `GET ${path}: expected Link: <${GUIDE}>; rel="deprecation", got Link: ${JSON.stringify(res.headers.link)}`);
      assert.equal(sunset?.href, POLICY, `GET ${path}: expected Link: <${POLICY}>; rel="sunset", got Link: ${JSON.stringify(res.headers.link)}`);
    }
    const v2 = await fetch('/v2/shipments/shp_1001');
    assertOk(v2, 'GET /v2/shipments/shp_1001');
    for (const header of ['deprecation', 'sunset']) {
      assert.equal(v2.headers[header], undefined, `v2 is not deprecated: it should not send ${header}: ${v2.headers[header]}`);
    }
    const v2Rels = parseLink(v2.headers.link).flatMap((l) => l.rel);
    assert.ok(!v2Rels.includes('deprecation') && !v2Rels.includes('sunset'), `v2 should not link rel="deprecation" or rel="sunset", got Link: ${v2.headers.link}`);
  });
});

test('v1 keeps working until its sunset and answers 410 Gone with a link to the guide after it', async () => {
  await withServer(async ({ clock, fetch }) => {
    clock.set(PLAN.sunsetAt - 1000);
    const before = await fetch('/v1/shipments/shp_1001');
    assert.equal(before.status, 200, `one second before the sunset v1 must still work, got ${before.status} ${before.text.slice(0, 200)}`);
    clock.set(PLAN.sunsetAt + 1000);
    for (const path of ['/v1/shipments/shp_1001', '/v1/shipments']) {
      const after = await fetch(path);
      assert.equal(after.status, 410, `GET ${path} one second after the sunset: expected 410 Gone, got ${after.status} ${after.text.slice(0, 200)}`);
      assert.match(after.headers['content-type'] ?? '', /^application\/problem\+json/, `the 410 should be application/problem+json (the problem() helper), got ${after.headers['content-type']}`);
      const guide = parseLink(after.headers.link).find((l) => l.href === GUIDE);
      assert.ok(guide, `the 410 should point to the migration guide with a Link header (<${GUIDE}>), got Link: ${JSON.stringify(after.headers.link)}`);
    }
    const v2 = await fetch('/v2/shipments/shp_1001');
    assert.equal(v2.status, 200, `v2 is not affected by v1's sunset, got ${v2.status}`);
  });
});

test('a sunset earlier than the deprecation is refused', () => {
  const backwards = { ...PLAN, deprecatedAt: PLAN.sunsetAt, sunsetAt: PLAN.deprecatedAt };
  assert.throws(
    () => createServer({ clock: fakeClock(), deprecation: backwards }),
    RangeError,
    'createServer should throw a RangeError when sunsetAt is before deprecatedAt (RFC 9745: the sunset must not be earlier than the deprecation)',
  );
  const same = { ...PLAN, sunsetAt: PLAN.deprecatedAt };
  assert.doesNotThrow(() => createServer({ clock: fakeClock(), deprecation: same }), 'a sunset at the very moment of deprecation is allowed');
});
