// GET /products/:id, Bramble Books' product page: the book from the catalog (required) and a
// "Readers also bought" row from recommendations (optional). Each call has a timeout; when
// recommendations fail the page stays up with a labelled fallback, and when the catalog fails the
// page fails clearly: problem+json with a reference id that is also in the log.
import { pathToFileURL } from 'node:url';
import { randomUUID } from 'node:crypto';
import { systemClock, timeoutSignal } from './lib/clock.js';
import { createCatalog, createPopular, createRecs } from './lib/services.js';
import { createLog, createMetrics } from './lib/log.js';

const PROBLEMS = 'https://bramble.example/problems';
const ALSO_BOUGHT = 'Readers also bought';

/**
 * deps:
 *   clock             time (lib/clock.js); timeoutSignal(clock, ms) gives a signal that aborts after ms
 *   catalog, recs     the services (lib/services.js); popular: the in-memory popular list
 *   log, metrics      where the page reports what happened (lib/log.js)
 *   newReference      makes the reference id for one request
 *   catalogTimeoutMs, recsTimeoutMs   how long each call may take (Infinity: no timeout)
 *
 * handle(req) takes { method, url, headers } and resolves to { status, headers, body }, with
 * lowercase header names and the body as text.
 */
export function createProductPage({
  clock = systemClock(),
  catalog,
  recs,
  popular,
  log = createLog(),
  metrics = createMetrics(),
  newReference = () => randomUUID().slice(0, 8),
  catalogTimeoutMs = 400,
  recsTimeoutMs = 200,
} = {}) {
  const lastGood = new Map(); // book id -> { items, at }: the last list recommendations gave us

  async function handle(req) {
    const url = new URL(req.url, 'http://bramble.local');
    const match = /^\/products\/([^/]*)$/.exec(url.pathname);
    if (!match) return fail(404, 'not-found', 'Page not found', `There is no page at ${url.pathname}.`, url.pathname, { level: 'info' });
    const id = match[1];
    if (!/^[1-9][0-9]{0,8}$/.test(id)) {
      return fail(400, 'invalid-product-id', 'That is not a book id', `"${id}" is not a book id: ids are whole numbers, as in /products/1042. Check the link you followed.`, url.pathname, { level: 'info' });
    }

    const recommendations = optionalRecommendations(id); // started now, in parallel; never rejects
    let book;
    try {
      book = await withTimeout((signal) => catalog.get(id, { signal }), catalogTimeoutMs);
    } catch (err) {
      const reason = err?.name === 'TimeoutError' ? 'timeout' : 'error';
      return fail(
        503,
        'catalog-unavailable',
        'Book details are unavailable',
        'We could not load this book just now. Nothing is wrong with your request: please try again in a minute.',
        url.pathname,
        { level: 'error', dependency: 'catalog', reason, error: String(err?.message ?? err) },
        { 'retry-after': '30' },
      );
    }
    if (book === null) {
      return fail(404, 'book-not-found', 'Book not found', `We have no book with id ${id}. Check the link, or search the catalogue for the title.`, url.pathname, { level: 'info' });
    }

    const recs = await recommendations;
    const degraded = recs.source === 'live' ? [] : ['recommendations'];
    const headers = { 'content-type': 'application/json' };
    if (degraded.length > 0) headers.degraded = degraded.join(', ');
    return { status: 200, headers, body: JSON.stringify({ product: book, recommendations: recs, degraded }) };
  }

  /** Recommendations with a timeout; on any failure, the last good list for this book, or the popular list. */
  async function optionalRecommendations(id) {
    try {
      const items = await withTimeout((signal) => recs.forProduct(id, { signal }), recsTimeoutMs);
      const at = clock.now();
      lastGood.set(id, { items, at });
      return { title: ALSO_BOUGHT, source: 'live', asOf: new Date(at).toISOString(), items };
    } catch (err) {
      const reason = err?.name === 'TimeoutError' ? 'timeout' : 'error';
      const cached = lastGood.get(id);
      const fallback = cached ? 'cached' : 'popular';
      metrics.increment('fallback_used', { dependency: 'recommendations', reason });
      log({ level: 'warn', msg: 'recommendations failed, served a fallback', dependency: 'recommendations', reason, fallback, productId: id, error: String(err?.message ?? err) });
      if (cached) return { title: ALSO_BOUGHT, source: 'cached', asOf: new Date(cached.at).toISOString(), items: cached.items };
      return { title: popular.title, source: 'popular', items: popular.items };
    }
  }

  /** Runs call(signal) with a signal that aborts after ms on the injected clock. */
  async function withTimeout(call, ms) {
    const { signal, clear } = timeoutSignal(clock, ms);
    try {
      return await call(signal);
    } finally {
      clear();
    }
  }

  /** An RFC 9457 problem response whose reference is also in the log, with the details kept out of the body. */
  function fail(status, slug, title, detail, instance, logged, headers = {}) {
    const reference = newReference();
    const { level, ...details } = logged;
    log({ level, msg: `${status} ${title}`, reference, status, path: instance, ...details });
    return {
      status,
      headers: { 'content-type': 'application/problem+json', ...headers },
      body: JSON.stringify({ type: `${PROBLEMS}/${slug}`, title, status, detail, instance, reference }),
    };
  }

  return { handle };
}

// `node page.js` serves the page on PORT (default 3000) in real time, with the fake services:
//   curl -i http://localhost:3000/products/1042
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const http = await import('node:http');
  const clock = systemClock();
  const page = createProductPage({ clock, catalog: createCatalog(clock), recs: createRecs(clock), popular: createPopular(), log: createLog({ print: true }) });
  const port = Number(process.env.PORT ?? 3000);
  http
    .createServer(async (req, res) => {
      const answer = await page.handle({ method: req.method, url: req.url, headers: req.headers });
      res.writeHead(answer.status, answer.headers).end(answer.body);
    })
    .listen(port, () => console.log(`product page on http://localhost:${port}/products/1042`));
}
