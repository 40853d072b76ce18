// Checks for page.js: errors a person can act on. 400 for a malformed id, 404 for a book that does
// not exist, 503 with Retry-After when the required catalog fails, each as problem+json (RFC 9457)
// with a reference id that is also in the log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProductPage } from '../page.js';
import { pageWorld } from '../lib/harness.js';

const show = (r) => `${r.status} after ${r.tookMs} ms: ${r.text.slice(0, 300)}`;

function assertProblem(r, status, what) {
  const want = Array.isArray(status) ? status : [status];
  assert.ok(want.includes(r.status), `${what}: expected ${want.join(' or ')}, got ${show(r)}`);
  assert.match(r.headers['content-type'] ?? '', /^application\/problem\+json/, `${what}: an error body should be application/problem+json (RFC 9457), got content-type "${r.headers['content-type'] ?? ''}"`);
  for (const field of ['type', 'title', 'detail']) {
    assert.ok(typeof r.json?.[field] === 'string' && r.json[field].length > 0, `${what}: the problem needs a "${field}" string, got ${r.text.slice(0, 300)}`);
  }
  assert.equal(r.json.status, r.status, `${what}: the problem's "status" should match the response status ${r.status}`);
  assert.notEqual(r.json.detail, r.json.title, `${what}: "detail" should say more than the title: what happened here and what to do`);
}

test('a malformed product id is 400 problem+json, and no service is called', async () => {
  for (const id of ['abc', '12.5', '-3', '1042abc', '%20', '']) {
    const w = pageWorld(createProductPage);
    const r = await w.get(`/products/${id}`);
    assertProblem(r, 400, `GET /products/${id}`);
    const calls = w.catalog.calls.length + w.recs.calls.length;
    assert.equal(calls, 0, `GET /products/${id}: ${calls} service calls were made; a malformed id can be refused before any work is done`);
  }
  const ok = pageWorld(createProductPage);
  const r = await ok.get('/products/1042');
  assert.equal(r.status, 200, `GET /products/1042 is a valid id and should still be served, got ${show(r)}`);
});

test('a book that does not exist is 404 problem+json, even while recommendations are down', async () => {
  const w = pageWorld(createProductPage);
  const r = await w.get('/products/9999');
  assertProblem(r, 404, 'GET /products/9999 (no such book)');
  const down = pageWorld(createProductPage);
  down.recs.behave({ mode: 'down' });
  const d = await down.get('/products/9999');
  assertProblem(d, 404, 'GET /products/9999 with recommendations down (the book still does not exist: not a 503, not a degraded 200)');
});

test('when the catalog is down, the page fails at once with 503 problem+json and Retry-After', async () => {
  const w = pageWorld(createProductPage);
  w.catalog.behave({ mode: 'down' });
  w.recs.behave({ mode: 'hang' });
  const r = await w.get('/products/1042');
  assertProblem(r, 503, 'catalog refusing connections (required: there is no page without the book)');
  const retryAfter = r.headers['retry-after'];
  assert.match(retryAfter ?? '', /^[1-9]\d*$/, `a 503 should tell the client when to come back: Retry-After in whole seconds, got ${JSON.stringify(retryAfter)}`);
  assert.equal(r.tookMs, 2, `the catalog refused after 2 ms: the page should fail then, not after ${r.tookMs} ms (do not wait for the optional call when the page cannot be built)`);
});

test('when the catalog hangs, the page fails at the catalog timeout with 503 (or 504), not later', async () => {
  const w = pageWorld(createProductPage);
  w.catalog.behave({ mode: 'hang' });
  const r = await w.get('/products/1042');
  assertProblem(r, [503, 504], 'catalog never answering');
  assert.equal(r.tookMs, 400, `the catalog never answers: the page should give up at catalogTimeoutMs = 400 ms, and it answered after ${r.tookMs} ms`);
  assert.equal(w.catalog.calls[0]?.outcome, 'aborted', `the catalog call should be aborted by its timeout signal (pass { signal } to catalog.get), but it is ${w.catalog.calls[0]?.outcome ?? 'missing'}`);
  const quick = pageWorld(createProductPage, { catalogTimeoutMs: 250 });
  quick.catalog.behave({ mode: 'hang' });
  const q = await quick.get('/products/1042');
  assert.equal(q.tookMs, 250, `with catalogTimeoutMs: 250 the page answered after ${q.tookMs} ms; use the option, not a fixed number`);
});

test("an error's reference id is also in the log with the cause, and the body leaks no internals", async () => {
  const w = pageWorld(createProductPage);
  w.catalog.behave({ mode: 'down' });
  const r = await w.get('/products/1042');
  assert.equal(r.status, 503, `catalog down: expected 503, got ${show(r)}`);
  const reference = r.json?.reference;
  assert.ok(typeof reference === 'string' && reference.length > 0, `the problem body needs a "reference" (from newReference()) that support can look up, got ${r.text.slice(0, 300)}`);
  const entry = w.log.entries.find((e) => e.reference === reference);
  assert.ok(entry, `no log entry carries reference ${reference}; log one (log({ level: 'error', reference, ... })) so that "ref ${reference}" on a support ticket leads to the request. Log: ${JSON.stringify(w.log.entries).slice(0, 300)}`);
  assert.match(JSON.stringify(entry), /ECONNREFUSED/, `the log entry for ${reference} should hold the cause (the catalog's error message, with ECONNREFUSED), got ${JSON.stringify(entry)}`);
  for (const secret of ['ECONNREFUSED', '10.0.3.7', 'UpstreamError', '    at ']) {
    assert.ok(!r.text.includes(secret), `the body contains "${secret.trim()}": error messages, addresses and stack traces help attackers more than users; keep them in the log behind the reference. Body: ${r.text}`);
  }

  const missing = await w.get('/products/9999');
  const bad = await w.get('/products/abc');
  for (const [what, res] of [
    ['404 for a missing book', missing],
    ['400 for a malformed id', bad],
  ]) {
    const ref = res.json?.reference;
    assert.ok(typeof ref === 'string' && ref.length > 0, `${what}: the problem body needs a reference too, got ${res.text.slice(0, 300)}`);
    assert.ok(w.log.entries.some((e) => e.reference === ref), `${what}: reference ${ref} should be in the log as well`);
  }
  const refs = [reference, missing.json.reference, bad.json.reference];
  assert.equal(new Set(refs).size, 3, `three requests should have three references, got ${refs.join(', ')}`);
});
