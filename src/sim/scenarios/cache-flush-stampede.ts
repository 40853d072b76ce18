import type { ScenarioInput } from './schema';
import { defaultTopology, defaultTraffic } from './defaults';

/**
 * Someone flushes the cache during peak traffic. Every read misses at once, the database connection
 * pool saturates, API workers block waiting for connections, clients time out and retry, and the
 * retries keep the cache from warming up quickly.
 */
export function cacheFlushStampedeScenario(): ScenarioInput {
  const topology = defaultTopology();
  // Steady state: ~80% hits, so the replica (8 connections x 100 ms = 80 reads/s) runs at ~75%.
  topology.cache = { keys: 100_000, zipf: 1.0, capacity: 20_000, ttlSeconds: 3600, latencyMs: 1 };
  topology.database = {
    primary: { maxConnections: 16, read: { meanMs: 100 }, write: { meanMs: 12 } },
    replica: { maxConnections: 8, read: { meanMs: 100 }, write: { meanMs: 12 } },
    acquireTimeoutMs: 1000,
  };
  topology.service = { ...topology.service, replicas: 6 };
  const traffic = defaultTraffic(350);
  return {
    id: 'cache-flush-stampede',
    title: 'The cache flush',
    briefing: 'Peak hour. A maintenance script is running against the cache cluster. Keep the shop up.',
    durationSeconds: 1800,
    seed: 11,
    topology,
    traffic,
    faults: [{ id: 'flush', type: 'cache-flush', at: 600 }],
    rootCause: {
      summary:
        'A maintenance script flushed the whole cache at peak. All reads went to the database replica at once (a stampede); its connection pool saturated and requests queued behind it. Rate limiting, warming the cache or shedding load shortens the outage; single-flight loading and staggered TTLs prevent it.',
      faults: ['flush'],
    },
    success: [
      { type: 'mitigated-within', seconds: 600 },
      { type: 'error-budget', maxBurnedPercent: 20 },
    ],
  };
}
