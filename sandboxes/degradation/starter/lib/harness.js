// What the checks use to drive the page: a fresh clock, services, log and metrics, and get(path),
// which runs one request on the fake clock and returns the answer with how long it took.
import { fakeClock } from './clock.js';
import { createCatalog, createPopular, createRecs } from './services.js';
import { createLog, createMetrics, sequentialReferences } from './log.js';

export function pageWorld(createProductPage, options = {}) {
  const clock = fakeClock();
  const catalog = createCatalog(clock);
  const recs = createRecs(clock);
  const popular = createPopular();
  const log = createLog();
  const metrics = createMetrics();
  const page = createProductPage({ clock, catalog, recs, popular, log, metrics, newReference: sequentialReferences(), ...options });

  /** GET path: { status, headers (lowercase names), text, json, tookMs, at }. Throws if the page throws or never answers. */
  async function get(path) {
    const sentAt = clock.now();
    let answer;
    try {
      answer = await clock.run(page.handle({ method: 'GET', url: path, headers: { host: 'bramble.local' } }));
    } catch (err) {
      if (err?.code === 'ERR_CLOCK_STUCK') throw new Error(`GET ${path}: the page never answered. ${err.message}`);
      throw new Error(`GET ${path}: the page threw ${err?.name}: ${err?.message} instead of answering; every failure should become a response`);
    }
    const headers = Object.fromEntries(Object.entries(answer?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const text = String(answer?.body ?? '');
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: answer?.status, headers, text, json, tookMs: clock.now() - sentAt, at: clock.now() };
  }

  return { clock, catalog, recs, popular, log, metrics, page, get };
}
