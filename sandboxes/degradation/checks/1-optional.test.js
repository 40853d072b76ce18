// Checks for page.js: recommendations are optional. A timeout on the call, a labelled fallback
// (the last good list, or the popular one), and the page stays up. The services are fakes on a
// fake clock (lib/services.js), so a 9-second call or a hang costs nothing to test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProductPage } from '../page.js';
import { pageWorld } from '../lib/harness.js';

const iso = (ms) => new Date(ms).toISOString();
const show = (r) => `${r.status} after ${r.tookMs} ms: ${r.text.slice(0, 300)}`;

const TITLES = { 1042: 'The Salt Road', 1107: 'Harbour Lights' };

function assertPage(r, what, id = '1042') {
  assert.equal(r.status, 200, `${what}: expected a 200 page, got ${show(r)}`);
  assert.match(r.headers['content-type'] ?? '', /^application\/json/, `${what}: the page should be application/json`);
  assert.ok(r.json?.product?.id === id && r.json.product.title === TITLES[id], `${what}: the body should carry book ${id} as product, got ${r.text.slice(0, 200)}`);
  assert.ok(Array.isArray(r.json.degraded), `${what}: the body needs a degraded array (empty when nothing is degraded), got ${JSON.stringify(r.json.degraded)}`);
}

function assertDegraded(r, what, id = '1042') {
  assertPage(r, what, id);
  assert.deepEqual(r.json.degraded, ['recommendations'], `${what}: the body should say degraded: ["recommendations"], got ${JSON.stringify(r.json.degraded)}`);
  assert.match(r.headers.degraded ?? '', /\brecommendations\b/, `${what}: the response should carry a header Degraded: recommendations, got ${JSON.stringify(r.headers)}`);
  const recs = r.json.recommendations;
  assert.ok(recs && recs.source !== 'live', `${what}: a fallback must not call itself live; recommendations.source is ${JSON.stringify(recs?.source)}`);
  assert.ok(Array.isArray(recs.items) && recs.items.length > 0, `${what}: the fallback should still fill the row, got items ${JSON.stringify(recs?.items)}`);
}

test('a healthy page shows live recommendations and is not marked degraded', async () => {
  const w = pageWorld(createProductPage);
  const start = w.clock.now();
  const r = await w.get('/products/1042');
  assertPage(r, 'both services healthy');
  assert.deepEqual(r.json.degraded, [], `both services healthy: degraded should be [], got ${JSON.stringify(r.json.degraded)}`);
  assert.equal(r.headers.degraded, undefined, `both services healthy: no Degraded header, got "${r.headers.degraded}"`);
  const recs = r.json.recommendations;
  assert.equal(recs?.source, 'live', `both services healthy: recommendations.source should be "live", got ${JSON.stringify(recs?.source)}`);
  assert.equal(recs.title, 'Readers also bought', `the live row's title: got ${JSON.stringify(recs.title)}`);
  assert.deepEqual(recs.items?.map((i) => i.id), ['1203', '1188', '1321'], `the live row should list what recommendations returned for 1042`);
  const asOf = Date.parse(recs.asOf);
  assert.ok(asOf >= start && asOf <= start + 60, `live recommendations: asOf should be the time they were fetched (${iso(start)} to ${iso(start + 60)}), got ${JSON.stringify(recs.asOf)}`);
});

test('the catalog and recommendations are called in parallel, so a healthy page costs the slower of the two', async () => {
  for (const [catalogMs, recsMs] of [
    [100, 150],
    [150, 100],
  ]) {
    const w = pageWorld(createProductPage);
    w.catalog.behave({ mode: 'ok', latencyMs: catalogMs });
    w.recs.behave({ mode: 'ok', latencyMs: recsMs });
    const r = await w.get('/products/1042');
    assertPage(r, `catalog ${catalogMs} ms, recommendations ${recsMs} ms`);
    assert.equal(r.tookMs, 150, `catalog ${catalogMs} ms and recommendations ${recsMs} ms: the page took ${r.tookMs} ms; start both calls before awaiting either, and it takes the slower one, 150 ms, not the sum`);
  }
});

test('when recommendations are down, the page still answers 200 at once, marked degraded in the body and a Degraded header', async () => {
  const w = pageWorld(createProductPage);
  w.recs.behave({ mode: 'down' });
  const r = await w.get('/products/1042');
  assertDegraded(r, 'recommendations refusing connections');
  assert.equal(r.tookMs, 40, `recommendations failed after 2 ms and the catalog answered at 40 ms, so the page is ready at 40 ms; it took ${r.tookMs} ms`);
});

test('when recommendations hang, the page answers at the recommendations timeout and abandons the call', async () => {
  const w = pageWorld(createProductPage);
  w.recs.behave({ mode: 'hang' });
  const r = await w.get('/products/1042');
  assertDegraded(r, 'recommendations never answering');
  assert.equal(r.tookMs, 200, `recommendations never answer: the page should give up on them at recsTimeoutMs = 200 ms, and it answered after ${r.tookMs} ms`);
  const call = w.recs.calls[0];
  assert.equal(call?.outcome, 'aborted', `the recommendations call should be aborted by its timeout signal (pass { signal } to recs.forProduct), but it is ${call?.outcome ?? 'missing'}`);

  const quick = pageWorld(createProductPage, { recsTimeoutMs: 120 });
  quick.recs.behave({ mode: 'hang' });
  const q = await quick.get('/products/1042');
  assert.equal(q.tookMs, 120, `with recsTimeoutMs: 120 the page answered after ${q.tookMs} ms; use the option, not a fixed number`);
});

test('the fallback is the last good list for that book, labelled cached with the time it was fetched, until recommendations recover', async () => {
  const w = pageWorld(createProductPage);
  const live = await w.get('/products/1042');
  assertPage(live, 'first request, healthy');
  const liveRecs = live.json.recommendations;
  await w.clock.advance(10 * 60_000);
  w.recs.behave({ mode: 'down' });
  const r = await w.get('/products/1042');
  assertDegraded(r, 'ten minutes later, recommendations down');
  const recs = r.json.recommendations;
  assert.equal(recs.source, 'cached', `a list for 1042 was fetched ten minutes ago: the fallback should be that list, source "cached", got ${JSON.stringify(recs.source)}`);
  assert.deepEqual(recs.items.map((i) => i.id), liveRecs.items.map((i) => i.id), 'the cached fallback should be the last list recommendations gave for this book');
  assert.equal(recs.title, 'Readers also bought', `the cached list is still what readers of this book bought, so it keeps its title; got ${JSON.stringify(recs.title)}`);
  assert.equal(recs.asOf, liveRecs.asOf, `the cached list is ${liveRecs.asOf} data: asOf must stay the time it was fetched, not ${JSON.stringify(recs.asOf)} (it is ${iso(w.clock.now())} now); never pass old data off as fresh`);

  const other = await w.get('/products/1107');
  assertDegraded(other, 'recommendations down, book 1107 never fetched before', '1107');
  assert.equal(other.json.recommendations.source, 'popular', `nothing was ever fetched for 1107, so the cache has nothing for it: the fallback is the popular list, got source ${JSON.stringify(other.json.recommendations.source)}. Keep the last good list per book`);

  w.recs.behave({ mode: 'ok', latencyMs: 60 });
  const back = await w.get('/products/1042');
  assertPage(back, 'recommendations healthy again');
  assert.equal(back.json.recommendations.source, 'live', `recommendations are back: the page should use them again, got source ${JSON.stringify(back.json.recommendations.source)}`);
  assert.deepEqual(back.json.degraded, [], `recommendations are back: degraded should be [] again, got ${JSON.stringify(back.json.degraded)}`);
  assert.equal(back.headers.degraded, undefined, 'recommendations are back: no Degraded header');
});

test('with nothing cached, the fallback is the popular list under its own title, never as "Readers also bought"', async () => {
  const w = pageWorld(createProductPage);
  w.recs.behave({ mode: 'down' });
  const r = await w.get('/products/1042');
  assertDegraded(r, 'recommendations down on the first request');
  const recs = r.json.recommendations;
  assert.equal(recs.source, 'popular', `nothing is cached yet: the fallback should be the popular list, source "popular", got ${JSON.stringify(recs.source)}`);
  assert.deepEqual(recs.items.map((i) => i.id), w.popular.items.map((i) => i.id), 'the popular fallback should list popular.items');
  assert.equal(recs.title, w.popular.title, `the popular list is not what readers of this book bought: show it under popular.title ("${w.popular.title}"), got ${JSON.stringify(recs.title)}`);
});

test('every fallback is counted in fallback_used, by reason: timeout or error', async () => {
  const w = pageWorld(createProductPage);
  await w.get('/products/1042');
  assert.equal(w.metrics.count('fallback_used'), 0, `a healthy page used no fallback, but fallback_used was incremented ${w.metrics.count('fallback_used')} times`);
  w.recs.behave({ mode: 'down' });
  await w.get('/products/1042');
  w.recs.behave({ mode: 'hang' });
  await w.get('/products/1042');
  await w.get('/products/1107');
  const got = JSON.stringify(w.metrics.all);
  assert.equal(w.metrics.count('fallback_used', { dependency: 'recommendations', reason: 'error' }), 1, `one fallback after an error: fallback_used { dependency: "recommendations", reason: "error" } should be 1; increments: ${got}`);
  assert.equal(w.metrics.count('fallback_used', { dependency: 'recommendations', reason: 'timeout' }), 2, `two fallbacks after a timeout: fallback_used { dependency: "recommendations", reason: "timeout" } should be 2; increments: ${got}`);
});
