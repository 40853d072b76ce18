// A scripted fake server, reached through a fetch()-compatible function on the fake clock.
//
//   const server = createFakeServer(clock, { origin: 'http://pricing.test' });
//   server.script(
//     { status: 503, headers: { 'retry-after': '1' } },   // the first call gets this
//     { error: 'ECONNREFUSED' },                           // the second: a network error
//     { hang: true },                                      // the third never answers (until aborted)
//     { status: 200, body: { price: 42 }, latencyMs: 30 }, // the fourth: 200 after 30 ms
//   );
//   server.otherwise({ status: 200 });                     // every call after the script
//   const res = await server.fetch('http://pricing.test/prices/7', { method: 'GET', signal });
//
// What fetch() does here, as Node's real fetch does it:
//   - resolves to a Response (res.status, res.ok, res.headers.get('retry-after'), await res.json());
//   - a network error rejects with TypeError('fetch failed') whose `cause.code` says what happened:
//       ECONNREFUSED  nothing listening: the request was never sent, so it is safe to send again
//       ENOTFOUND     the name did not resolve: never sent either
//       ECONNRESET    the connection dropped after the request went out: it may have been acted on
//   - an aborted signal (your per-try timeout) rejects with signal.reason, at once, whatever the
//     server was doing; the call is recorded as aborted.
//
// server.calls lists every call: { n, at, method, url, headers, outcome, endedAt }, where `at` and
// `endedAt` are clock.now() values and outcome is e.g. 'status 503', 'ECONNREFUSED' or 'aborted'.
// server.log() prints them relative to a start time, for demos and failure messages.

const REASONS = { 200: 'OK', 201: 'Created', 204: 'No Content' };

export function createFakeServer(clock, { origin = 'http://api.test', latencyMs = 0 } = {}) {
  if (typeof clock?.setTimeout !== 'function') throw new TypeError('createFakeServer(clock) needs the injected clock');
  const script = [];
  let otherwise = { status: 200 };
  const calls = [];
  let handler = null;

  function networkError(code) {
    const cause = new Error(
      code === 'ECONNREFUSED' ? `connect ECONNREFUSED ${new URL(origin).host}` : code === 'ENOTFOUND' ? `getaddrinfo ENOTFOUND ${new URL(origin).hostname}` : 'socket hang up',
    );
    cause.code = code;
    return new TypeError('fetch failed', { cause });
  }

  function toResponse(step) {
    const headers = new Headers(step.headers ?? {});
    let body = null;
    if (step.body !== undefined) {
      body = typeof step.body === 'string' ? step.body : JSON.stringify(step.body);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
    const nullBody = step.status === 204 || step.status === 304;
    return new Response(nullBody ? null : body, { status: step.status, statusText: REASONS[step.status] ?? '', headers });
  }

  async function fetch(input, init = {}) {
    const url = String(input instanceof Request ? input.url : input);
    const method = String(init.method ?? 'GET').toUpperCase();
    const headers = Object.fromEntries(new Headers(init.headers ?? {}).entries());
    const call = { n: calls.length + 1, at: clock.now(), method, url, headers, outcome: 'pending', endedAt: undefined };
    calls.push(call);
    const signal = init.signal;
    if (signal?.aborted) {
      call.outcome = 'aborted';
      call.endedAt = clock.now();
      throw signal.reason;
    }
    let step = handler ? handler(call) : script.length > 0 ? script.shift() : otherwise;
    if (typeof step?.then === 'function') step = await step;

    return new Promise((resolve, reject) => {
      let timer;
      const onAbort = () => {
        clock.clearTimeout(timer);
        call.outcome = 'aborted';
        call.endedAt = clock.now();
        reject(signal.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const finish = () => {
        signal?.removeEventListener('abort', onAbort);
        call.endedAt = clock.now();
        if (step.error) {
          call.outcome = step.error;
          reject(networkError(step.error));
        } else {
          call.outcome = `status ${step.status}`;
          resolve(toResponse(step));
        }
      };
      if (step.hang) return; // only an abort ends it
      timer = clock.setTimeout(finish, step.latencyMs ?? latencyMs);
    });
  }

  return {
    origin,
    fetch,
    /** Answers for the next calls, in order. */
    script(...steps) {
      script.push(...steps.flat());
      return this;
    },
    /** The answer once the script has run out (default 200). */
    otherwise(step) {
      otherwise = step;
      return this;
    },
    /** Decide each answer in code instead: handle(call) returns (or resolves to) a step. */
    handle(fn) {
      handler = fn;
      return this;
    },
    get calls() {
      return calls;
    },
    /** "#1 GET /prices/7 at 0 ms: status 503 (0 ms)" lines, times relative to `from`. */
    log(from = 0) {
      return calls.map((c) => {
        const path = new URL(c.url).pathname;
        const took = c.endedAt === undefined ? 'still open' : `${c.endedAt - c.at} ms`;
        return `#${c.n} ${c.method} ${path} at ${c.at - from} ms: ${c.outcome} (${took})`;
      });
    },
  };
}

/** One fetch() for several fake servers, chosen by the URL's origin. */
export function routeByOrigin(...servers) {
  const byOrigin = new Map(servers.map((s) => [s.origin, s]));
  return (input, init) => {
    const origin = new URL(String(input instanceof Request ? input.url : input)).origin;
    const server = byOrigin.get(origin);
    if (!server) return Promise.reject(new TypeError(`fetch failed: no fake server for ${origin}`, { cause: Object.assign(new Error(`getaddrinfo ENOTFOUND ${origin}`), { code: 'ENOTFOUND' }) }));
    return server.fetch(input, init);
  };
}

/**
 * A server with limited capacity: `slots` requests at a time, each taking `serviceMs`. A request that
 * finds every slot busy is refused with 503 at once (no Retry-After), like a server shedding load.
 */
export function createCapacityServer(clock, { origin = 'http://orders.test', slots = 5, serviceMs = 50, latencyMs = 1 } = {}) {
  let busy = 0;
  let served = 0;
  let refused = 0;
  const server = createFakeServer(clock, { origin, latencyMs });
  server.handle(() => {
    if (busy >= slots) {
      refused += 1;
      return { status: 503, latencyMs };
    }
    busy += 1;
    clock.setTimeout(() => {
      busy -= 1;
      served += 1;
    }, serviceMs);
    return { status: 200, latencyMs: serviceMs };
  });
  return Object.defineProperties(server, {
    /** Requests that got a slot and were served. */
    served: { get: () => served },
    /** Requests refused with 503 because every slot was busy. */
    refused: { get: () => refused },
  });
}
