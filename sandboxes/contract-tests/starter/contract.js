// The courier app's contract with orders-api, written by the courier team (the consumer) and run
// by the orders-api team's pipeline against every release they propose. If the contract fails,
// the release does not ship; so it must fail for every change that breaks the courier app, and
// pass for every change that does not, or people learn to ignore it.
//
// Right now it is both too weak and too strict: for an order out for delivery it checks only the
// status code, so renaming eta_minutes (the lesson's incident) sails through; for a delivered
// order it compares the whole response with a saved copy, so adding a field, reordering keys or
// adding a header fails it. Your job is the TODOs below.
//
// api.get(path) resolves to { status, headers, text, json }: headers with lowercase names, json the
// parsed body. The provider holds these orders (its "provider states"):
//   8812  out for delivery        8813  delivered
//   8814  still at the restaurant 9999  no such order
//
// Read lib/courier-app.js first: the contract should hold orders-api to exactly what that code
// uses, no less and no more. Run node scripts/which-variants.js to see which proposed releases
// your contract catches. (lib/orders-api.js has the releases; try not to write a contract that
// knows them: a real one meets releases nobody has written yet.)
import assert from 'node:assert/strict';

/** Throws (an assertion error) when orders-api no longer gives the courier app what it needs. */
export async function verifyProvider(api) {
  // An order out for delivery: the screen couriers look at most.
  const out = await api.get('/orders/8812');
  assert.equal(out.status, 200, 'GET /orders/8812 should answer 200');
  // TODO 1: what the app reads from an order out for delivery, and nothing more: its status
  //   value, eta_minutes (a whole number), courier.name (a string). Check types and the values the
  //   app switches on; do not pin values that will differ from order to order (14 minutes, "Sam").
  //   Name the field in each message, so a failed build says what broke.

  // A delivered order, compared with a copy of today's response.
  // TODO 2: this fails on any change at all, harmless ones included. Replace it with what the app
  //   reads from a delivered order.
  const delivered = await api.get('/orders/8813');
  assert.equal(delivered.status, 200, 'GET /orders/8813 should answer 200');
  assert.deepEqual(delivered.headers, { 'content-type': 'application/json' }, 'GET /orders/8813: headers');
  assert.equal(
    delivered.text,
    '{"id":"8813","status":"delivered","courier":{"name":"Alex","phone":"+44 7700 900456"},"restaurant":"Dosa Hut","placed_at":"2026-03-07T17:20:00Z","total_cents":1890}',
    'GET /orders/8813: body',
  );

  // TODO 3: the app has one more journey, an order that does not exist. What does it rely on there?
}
