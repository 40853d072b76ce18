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
      contributingFactors: [
        'The maintenance script could flush the whole production cache in one command, at peak, with no confirmation.',
        'Cache misses for the same key were not coalesced (no single-flight), so the replica got every miss at once.',
        'Clients retried timeouts without a budget, adding load while the cache was cold.',
      ],
    },
    // Take the page, warm the hottest keys and shed what the replica cannot serve yet.
    par: [
      { at: 680, action: { type: 'acknowledge' } },
      { at: 690, action: { type: 'warm-cache', keys: 2000, seconds: 60 } },
      { at: 690, action: { type: 'load-shedding', enabled: true } },
    ],
    success: [
      { type: 'mitigated-within', seconds: 250 },
      { type: 'error-budget', maxBurnedPercent: 5 },
    ],
    drill: {
      level: 'junior',
      week: 4,
      lesson: 'caching-strategies',
      concepts: ['cache stampede', 'warming', 'load shedding'],
      doNothing: 'The cache refills by itself, but slowly: users are hurt for about five minutes and over 6% of the error budget burns.',
      hints: {
        question: 'Why is the database suddenly so busy when traffic did not change?',
        where: 'Compare the cache hit ratio with the database pool: waiting connections and read latency.',
        action: 'Warm the cache with the hottest keys and shed load the database cannot serve until it recovers.',
      },
    },
  };
}
