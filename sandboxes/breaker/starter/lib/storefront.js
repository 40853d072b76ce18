// Shelfwise's storefront, one instance, on the virtual scheduler: a pool of workers (threads in
// the real service) and a first-in, first-out queue in front of them. A product page holds a worker
// for its own 40 ms of work plus the recommendations call; every other page (search, cart,
// checkout) holds one for 60 ms and never calls recommendations. A worker is held until the page
// is done, whatever the user does meanwhile.
//
//   const store = createStorefront({ scheduler, workers: 75, recommendations: client.get });
//   const results = await runTraffic({ scheduler, store, productPerSec: 50, otherPerSec: 150, untilMs: 60_000 });
//
// results.pages:   [{ kind: 'product' | 'other', arrivedAt, answeredAt, latencyMs, panel: 'live' | 'fallback' }]
// results.samples: one per sampleEveryMs: { t, busy, queued, waitingOnRecs }
// A user gives up after USER_TIMEOUT_MS: a page answered later than that counts as failed.

export const USER_TIMEOUT_MS = 1000;

export function createStorefront({ scheduler, workers = 75, recommendations, pageWorkMs = 40, otherWorkMs = 60 } = {}) {
  if (typeof recommendations !== 'function') throw new TypeError('createStorefront needs { recommendations: (productId) => Promise<{ items, source }> }');
  let busy = 0;
  let waitingOnRecs = 0;
  const queue = [];

  async function productPage(page) {
    await scheduler.sleep(pageWorkMs);
    waitingOnRecs += 1;
    try {
      const panel = await recommendations(page.productId);
      page.panel = panel?.source === 'live' ? 'live' : 'fallback';
    } catch {
      page.panel = 'fallback'; // the page renders without the panel
    } finally {
      waitingOnRecs -= 1;
    }
  }

  async function work(page) {
    busy += 1;
    page.startedAt = scheduler.now();
    try {
      if (page.kind === 'product') await productPage(page);
      else await scheduler.sleep(otherWorkMs);
    } finally {
      page.answeredAt = scheduler.now();
      page.latencyMs = page.answeredAt - page.arrivedAt;
      busy -= 1;
      if (queue.length > 0) work(queue.shift());
    }
  }

  return {
    /** A page request arrives now. */
    arrive(page) {
      page.arrivedAt = scheduler.now();
      if (busy < workers) work(page);
      else queue.push(page);
    },
    get busy() {
      return busy;
    },
    get queued() {
      return queue.length;
    },
    get waitingOnRecs() {
      return waitingOnRecs;
    },
    workers,
  };
}

/** Steady arrivals of both kinds until `untilMs`, then waits (up to drainMs) for the pages in progress. */
export async function runTraffic({ scheduler, store, productPerSec = 50, otherPerSec = 150, untilMs, sampleEveryMs = 1000, drainMs = 120_000, onSample }) {
  const pages = [];
  const samples = [];
  const schedule = (kind, perSec) => {
    if (perSec <= 0) return;
    for (let i = 0; (i * 1000) / perSec < untilMs - scheduler.now(); i += 1) {
      scheduler.setTimeout(() => {
        const page = { kind, productId: (pages.length % 500) + 1 };
        pages.push(page);
        store.arrive(page);
      }, (i * 1000) / perSec);
    }
  };
  const start = scheduler.now();
  schedule('product', productPerSec);
  schedule('other', otherPerSec);
  for (let t = start + sampleEveryMs; t <= untilMs; t += sampleEveryMs) {
    scheduler.setTimeout(() => {
      const sample = { t: scheduler.now(), busy: store.busy, queued: store.queued, waitingOnRecs: store.waitingOnRecs };
      samples.push(sample);
      onSample?.(sample);
    }, t - start);
  }
  await scheduler.runUntil(untilMs);
  await scheduler.runUntil(untilMs + drainMs);
  return { pages, samples };
}

/** Share of pages of `kind` that arrived in [from, to) and were answered within the user's timeout. */
export function successRate(pages, kind, from, to) {
  const mine = pages.filter((p) => p.kind === kind && p.arrivedAt >= from && p.arrivedAt < to);
  if (mine.length === 0) return NaN;
  return mine.filter((p) => p.answeredAt !== undefined && p.latencyMs <= USER_TIMEOUT_MS).length / mine.length;
}
