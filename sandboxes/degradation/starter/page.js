// GET /products/:id, Bramble Books' product page: the book from the catalog and a "Readers also
// bought" row from recommendations.
//
// Right now it is the page from the lesson's incident: it waits for both services as long as
// they take, with no timeout, treats the optional row as if the page could not exist without it,
// and answers every failure with a 500 that says nothing a person can act on. Your job is the
// TODOs below. The demos (node scripts/availability-day.js, node scripts/latency-p99.js) show
// what that costs; run them before and after.
//
// Everything is injected, so the checks can run it in simulated time. Never call Date.now() or
// setTimeout() here: use clock.now() and timeoutSignal(clock, ms).
//
// Support files (read-only): lib/clock.js (time, and timeoutSignal), lib/services.js (the fake
// catalog, recommendations and popular list: read its header for how they behave and fail),
// lib/log.js (log and metrics), lib/traffic.js (the load the demos play).
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
  async function handle(req) {
    const url = new URL(req.url, 'http://bramble.local');
    const match = /^\/products\/([^/]*)$/.exec(url.pathname);
    if (!match) return problem(404, 'not-found', 'Page not found', `There is no page at ${url.pathname}.`, url.pathname);
    const id = match[1];

    // TODO 1: a malformed id ("abc", "12.5", "-3", "1042abc") is the caller's mistake: 400, before
    //   any service is called. Book ids are whole numbers, 1 to 9 digits, not starting with 0.

    try {
      // TODO 2: call both services at once (they are independent), each with its own timeout:
      //   pass { signal } from timeoutSignal(clock, ms) to catalog.get and recs.forProduct, and
      //   clear() the timer when the call is over.
      const [book, items] = await Promise.all([catalog.get(id), recs.forProduct(id)]);

      // TODO 3: recommendations are optional. When they fail (an error or the timeout), the page
      //   still answers 200 with a fallback, and says so:
      //   - the last list recommendations gave for this book, if there is one: source 'cached',
      //     asOf = when that list was fetched (not now), under the same title;
      //   - otherwise the popular list: source 'popular', under popular.title (it is not what
      //     readers of this book bought, so it must not claim to be);
      //   - degraded: ['recommendations'] in the body and a header Degraded: recommendations;
      //   - count it: metrics.increment('fallback_used', { dependency: 'recommendations', reason })
      //     with reason 'timeout' (err.name === 'TimeoutError') or 'error', and log it.
      //   The live list is source 'live' with asOf = now, and degraded: [].

      // TODO 4: a book that does not exist (catalog.get resolves to null) is 404, not a crash.

      const recommendations = { title: ALSO_BOUGHT, source: 'live', asOf: new Date(clock.now()).toISOString(), items };
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ product: book, recommendations, degraded: [] }) };
    } catch (err) {
      // TODO 5: the catalog is required: when it fails or times out, answer 503 with Retry-After
      //   and a problem body that says what happened and what to do, with a reference id
      //   (newReference()). Log the same reference with the cause (which service, the error
      //   message); keep the cause out of the body. problem() below builds the body; the other
      //   errors (400, 404) deserve a reference too.
      return { status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'Internal Server Error', message: String(err?.message ?? err) }) };
    }
  }

  /** An RFC 9457 problem details response. Add a reference (and log it) before you use it for errors. */
  function problem(status, slug, title, detail, instance, extra = {}, headers = {}) {
    return {
      status,
      headers: { 'content-type': 'application/problem+json', ...headers },
      body: JSON.stringify({ type: `${PROBLEMS}/${slug}`, title, status, detail, instance, ...extra }),
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
