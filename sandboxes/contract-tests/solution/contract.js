// The courier app's contract with orders-api, written by the courier team (the consumer) and run
// by the orders-api team's pipeline against every release they propose. It holds orders-api to
// exactly what lib/courier-app.js uses: the status codes it branches on, the status values it
// switches on, the type of eta_minutes and the presence of courier.name. Nothing else: no other
// fields, no key order, no exact values, no headers (the app reads none).
//
// api.get(path) resolves to { status, headers, text, json }. Provider states:
//   8812  out for delivery        8813  delivered
//   8814  still at the restaurant 9999  no such order
import assert from 'node:assert/strict';

/** Throws (an assertion error) when orders-api no longer gives the courier app what it needs. */
export async function verifyProvider(api) {
  // An order out for delivery: status, eta_minutes and courier.name.
  const out = await api.get('/orders/8812');
  assert.equal(out.status, 200, 'GET /orders/8812 should answer 200');
  assertJson(out, 'GET /orders/8812');
  assert.equal(out.json.status, 'out_for_delivery', `GET /orders/8812: status should be "out_for_delivery" (the app switches on it), got ${JSON.stringify(out.json.status)}`);
  const eta = out.json.eta_minutes;
  assert.ok(Number.isInteger(eta) && eta >= 0, `GET /orders/8812: eta_minutes should be a whole number of minutes (the app adds 5 to it), got ${JSON.stringify(eta)}`);
  assertCourierName(out.json, 'GET /orders/8812');

  // A delivered order: status and courier.name.
  const delivered = await api.get('/orders/8813');
  assert.equal(delivered.status, 200, 'GET /orders/8813 should answer 200');
  assertJson(delivered, 'GET /orders/8813');
  assert.equal(delivered.json.status, 'delivered', `GET /orders/8813: status should be "delivered" (the app switches on it), got ${JSON.stringify(delivered.json.status)}`);
  assertCourierName(delivered.json, 'GET /orders/8813');

  // An order that does not exist: the app relies on the 404 alone, not on its body.
  const missing = await api.get('/orders/9999');
  assert.equal(missing.status, 404, `GET /orders/9999 (no such order) should answer 404, got ${missing.status}`);
}

function assertJson(res, what) {
  const body = res.json;
  assert.ok(body !== null && typeof body === 'object' && !Array.isArray(body), `${what}: the body should be a JSON object, got ${res.text.slice(0, 80)}`);
}

function assertCourierName(order, what) {
  const name = order.courier?.name;
  assert.ok(typeof name === 'string' && name.length > 0, `${what}: courier.name should be a non-empty string (the app shows it), got ${JSON.stringify(name)} in courier ${JSON.stringify(order.courier)}`);
}
