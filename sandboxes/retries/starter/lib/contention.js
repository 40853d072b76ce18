// Many clients contending for one server with limited capacity, in simulated time: every client
// sends one request at t = 0 and retries with your client until it is served. The server serves
// `slots` requests at a time, `serviceMs` each, and refuses the rest with 503 (no Retry-After).
// Retries are what decide how fast the crowd drains, and how much work the server does for it.
import { fakeClock } from './clock.js';
import { createCapacityServer } from './fake-server.js';
import { seededRandom } from './random.js';

/**
 * Runs the crowd with createRetryingClient (from client.js) and `jitter` ('none' or 'full').
 * Returns { clients, calls, served, refused, failed, drainMs, callsPerClient }, where drainMs is when
 * the last client finished and failed counts clients that gave up.
 */
export async function runContention(createRetryingClient, { jitter, clients = 100, slots = 3, serviceMs = 30, baseMs = 10, capMs = 2000, maxAttempts = 100, seed = 1 } = {}) {
  const clock = fakeClock();
  const start = clock.now();
  const server = createCapacityServer(clock, { slots, serviceMs });
  const seeds = seededRandom(seed);
  const finished = [];
  let failed = 0;
  const runs = [];
  for (let i = 0; i < clients; i += 1) {
    const client = createRetryingClient({
      fetch: server.fetch,
      clock,
      random: seededRandom(Math.floor(seeds() * 2 ** 31)),
      jitter,
      baseMs,
      capMs,
      maxAttempts,
      perTryMs: 10 * serviceMs,
      deadlineMs: 600_000,
      throttling: null, // each client here makes one request: only the backoff is being compared
    });
    runs.push(
      client.request(`${server.origin}/orders/${i + 1}`, { method: 'PUT', body: '{"status":"paid"}' }).then(
        (res) => {
          if (!res.ok) failed += 1;
          finished.push(clock.now() - start);
        },
        () => {
          failed += 1;
          finished.push(clock.now() - start);
        },
      ),
    );
  }
  await clock.run(Promise.all(runs), { maxMs: 3_600_000 });
  const calls = server.calls.length;
  return {
    clients,
    calls,
    served: server.served,
    refused: server.refused,
    failed,
    drainMs: finished.reduce((m, t) => Math.max(m, t), 0),
    callsPerClient: calls / clients,
  };
}
