// Fake services for Bramble Books' product page, on the injected clock.
//
//   catalog.get(id, { signal })        -> the book, or null when there is no such book
//   recs.forProduct(id, { signal })    -> [{ id, title }]: "Readers also bought" for that book
//   popular.items                      -> a list computed hourly and kept in memory: no call, cannot fail
//
// Both services can be told how to behave, for every call from now on:
//   service.behave({ mode: 'ok', latencyMs: 40 })   answers after latencyMs
//   service.behave({ mode: 'down' })                refuses at once: rejects with an UpstreamError
//   service.behave({ mode: 'slow', latencyMs: 9000 }) answers, correctly, but only after latencyMs
//   service.behave({ mode: 'hang' })                never answers
//   service.behave((call) => ({ ... }))             decide per call (demos use this for a whole day)
// Like a real client, a call rejects at once with signal.reason when its signal aborts (a
// TimeoutError from timeoutSignal), and the service records it as 'aborted'.
//
// service.calls lists every call: { n, id, at, endedAt, outcome }, outcome being 'ok', 'not found',
// 'down' or 'aborted' ('pending' while it runs).

/** What a refused connection to another service looks like from its client library. */
export class UpstreamError extends Error {
  constructor(service, message, code) {
    super(message);
    this.name = 'UpstreamError';
    this.service = service;
    this.code = code;
  }
}

export const BOOKS = {
  1042: { id: '1042', title: 'The Salt Road', author: 'Mira Okafor', priceCents: 1299, currency: 'GBP', category: 'Travel' },
  1107: { id: '1107', title: 'Harbour Lights', author: 'Tomas Reyes', priceCents: 999, currency: 'GBP', category: 'Fiction' },
  1188: { id: '1188', title: 'A Field Guide to Clouds', author: 'Ines Varga', priceCents: 1650, currency: 'GBP', category: 'Science' },
  1203: { id: '1203', title: 'Night Trains of Europe', author: 'Paul Ambrose', priceCents: 1400, currency: 'GBP', category: 'Travel' },
  1300: { id: '1300', title: 'The Quiet Orchard', author: 'Hana Sato', priceCents: 1099, currency: 'GBP', category: 'Fiction' },
  1321: { id: '1321', title: 'Maps That Lied', author: 'Dev Patel', priceCents: 1850, currency: 'GBP', category: 'History' },
};

export const ALSO_BOUGHT = {
  1042: ['1203', '1188', '1321'],
  1107: ['1300', '1042'],
  1188: ['1042', '1321'],
  1203: ['1042', '1107'],
  1300: ['1107'],
  1321: ['1188', '1203'],
};

export const POPULAR = ['1300', '1042', '1321', '1107'];

const item = (id) => ({ id, title: BOOKS[id]?.title ?? `Book ${id}` });

function createService(clock, name, { latencyMs, answer, host }) {
  if (typeof clock?.setTimeout !== 'function') throw new TypeError(`create ${name}: pass the injected clock`);
  let behaviour = { mode: 'ok', latencyMs };
  const calls = [];

  function call(id, { signal } = {}) {
    const record = { n: calls.length + 1, id: String(id), at: clock.now(), endedAt: undefined, outcome: 'pending' };
    calls.push(record);
    const how = typeof behaviour === 'function' ? behaviour(record) : behaviour;
    const mode = how?.mode ?? 'ok';
    return new Promise((resolve, reject) => {
      let timer;
      const end = (outcome) => {
        record.outcome = outcome;
        record.endedAt = clock.now();
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        clock.clearTimeout(timer);
        end('aborted');
        reject(signal.reason);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      if (mode === 'hang') return;
      if (mode === 'down') {
        timer = clock.setTimeout(() => {
          end('down');
          reject(new UpstreamError(name, `${name}: connect ECONNREFUSED ${host}`, 'ECONNREFUSED'));
        }, how.latencyMs ?? 2);
        return;
      }
      timer = clock.setTimeout(() => {
        const value = answer(record.id);
        end(value === null ? 'not found' : 'ok');
        resolve(value);
      }, how.latencyMs ?? latencyMs);
    });
  }

  return {
    name,
    call,
    behave(how) {
      behaviour = how;
      return this;
    },
    get calls() {
      return calls;
    },
  };
}

/** The catalog: the book itself (title, author, price). The page cannot exist without it. */
export function createCatalog(clock, { latencyMs = 40 } = {}) {
  const service = createService(clock, 'catalog', {
    latencyMs,
    host: '10.0.3.7:8080',
    answer: (id) => (Object.hasOwn(BOOKS, id) ? { ...BOOKS[id] } : null),
  });
  return Object.assign(service, { get: service.call });
}

/** Recommendations: "Readers also bought" for a book. The page is still useful without it. */
export function createRecs(clock, { latencyMs = 60 } = {}) {
  const service = createService(clock, 'recommendations', {
    latencyMs,
    host: '10.0.5.21:9090',
    answer: (id) => (ALSO_BOUGHT[id] ?? []).map(item),
  });
  return Object.assign(service, { forProduct: service.call });
}

/** The popular list: precomputed every hour and kept in memory, so using it costs nothing and cannot fail. */
export function createPopular(ids = POPULAR) {
  return { title: 'Popular this week', items: ids.map(item) };
}
