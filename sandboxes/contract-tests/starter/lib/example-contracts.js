// Three contracts for comparison in the demos, each a way teams really write them.
import assert from 'node:assert/strict';

const PATHS = ['/orders/8812', '/orders/8813', '/orders/8814', '/orders/9999', '/orders/abc'];

/** Calls every endpoint and state, asserts nothing: full coverage, no protection. */
export async function noAssertions(api) {
  for (const path of PATHS) await api.get(path);
}

/** Checks only the status codes. */
export async function statusOnly(api) {
  assert.equal((await api.get('/orders/8812')).status, 200);
  assert.equal((await api.get('/orders/8813')).status, 200);
  assert.equal((await api.get('/orders/9999')).status, 404);
}

/** Compares every response, headers and body text, with a copy saved from orders-api v411. */
export async function snapshot(api) {
  for (const [path, saved] of Object.entries(SNAPSHOTS)) {
    const res = await api.get(path);
    assert.equal(res.status, saved.status, `${path}: status`);
    assert.deepEqual(res.headers, saved.headers, `${path}: headers`);
    assert.equal(res.text, saved.text, `${path}: body`);
  }
}

const SNAPSHOTS = {
  '/orders/8812': {
    status: 200,
    headers: { 'content-type': 'application/json' },
    text: '{"id":"8812","status":"out_for_delivery","eta_minutes":14,"courier":{"name":"Sam","phone":"+44 7700 900123"},"restaurant":"Pho Bar","placed_at":"2026-03-07T18:02:00Z","total_cents":2450}',
  },
  '/orders/8813': {
    status: 200,
    headers: { 'content-type': 'application/json' },
    text: '{"id":"8813","status":"delivered","courier":{"name":"Alex","phone":"+44 7700 900456"},"restaurant":"Dosa Hut","placed_at":"2026-03-07T17:20:00Z","total_cents":1890}',
  },
  '/orders/8814': {
    status: 200,
    headers: { 'content-type': 'application/json' },
    text: '{"id":"8814","status":"preparing","courier":null,"restaurant":"Pizza Forno","placed_at":"2026-03-07T18:10:00Z","total_cents":3100}',
  },
  '/orders/9999': {
    status: 404,
    headers: { 'content-type': 'application/problem+json' },
    text: '{"type":"https://dashwood.example/problems/order-not-found","title":"Order not found","status":404,"detail":"No order 9999."}',
  },
};
