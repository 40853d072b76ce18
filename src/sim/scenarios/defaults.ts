import type { ScenarioInput } from './schema';

type TopologyInput = ScenarioInput['topology'];
type TrafficInput = ScenarioInput['traffic'];

/**
 * The default production system: a web front (one source of users) calling an `api` service of four
 * instances behind a least-connections load balancer. Browsing reads through an LRU cache to a
 * database replica; checkout writes to the primary, calls the payment provider (behind a circuit
 * breaker) and publishes an order message for background workers.
 */
export function defaultTopology(): TopologyInput {
  return {
    service: {
      id: 'api',
      replicas: 4,
      workers: 8,
      queueLimit: 128,
      serviceTime: { dist: 'lognormal', meanMs: 12, sigma: 0.5 },
      lb: 'least-connections',
      bootSeconds: 20,
      drainSeconds: 30,
      version: 'v1',
    },
    routes: [
      { id: 'browse', steps: ['cpu', 'cache-read'] },
      { id: 'checkout', steps: ['cpu', 'db-write', 'call:payments', 'publish'] },
    ],
    cache: { keys: 50_000, zipf: 0.9, capacity: 5_000, ttlSeconds: 300, latencyMs: 1 },
    database: {
      primary: { maxConnections: 20, read: { meanMs: 20 }, write: { meanMs: 12 } },
      replica: { maxConnections: 20, read: { meanMs: 20 }, write: { meanMs: 12 } },
      acquireTimeoutMs: 1000,
    },
    messageQueue: { workers: 4, process: { meanMs: 50 } },
    dependencies: [{ id: 'payments', latency: { meanMs: 150, sigma: 0.6 }, errorRate: 0.002, timeoutMs: 1000 }],
    flags: [{ id: 'new-recommendations', percentage: 0, effect: { extraLatencyMs: 40 } }],
  };
}

export function defaultTraffic(rate = 200): TrafficInput {
  return {
    sources: [
      {
        id: 'web',
        rate,
        users: 20_000,
        timeoutMs: 2000,
        retry: {
          backoff: { kind: 'exponential', maxAttempts: 3, baseMs: 100, capMs: 2000, jitter: 'full' },
          budget: { kind: 'ratio', ratio: 0.1, minPerSecond: 1, cap: 100 },
        },
        routes: { browse: 9, checkout: 1 },
      },
    ],
  };
}

/** A quiet day on the default system: no faults. */
export function baselineScenario(): ScenarioInput {
  return {
    id: 'baseline',
    title: 'A quiet day',
    briefing: 'Nothing is broken. Look around: this is what normal looks like.',
    durationSeconds: 1800,
    topology: defaultTopology(),
    traffic: defaultTraffic(),
  };
}
