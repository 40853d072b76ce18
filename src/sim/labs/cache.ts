import { z } from 'zod';
import type { ScenarioInput } from '../scenarios/schema';
import { Simulation } from '../core/simulation';
import type { Seed } from '../engine/prng';
import { cheHitRatio, zipfProbabilities } from './theory';

/**
 * The cache lab: requests for keys with Zipf popularity hit an LRU cache of `capacity` entries (with
 * an optional TTL); misses are filled from an origin. Requests arrive as a Poisson stream at `rate`.
 */
export const cacheLabSchema = z.object({
  keys: z.number().int().positive(),
  zipf: z.number().min(0).max(3),
  capacity: z.number().int().positive(),
  /** 0 = no expiry. */
  ttlSeconds: z.number().min(0).default(0),
  requests: z.number().int().positive(),
  rate: z.number().positive().default(1000),
});
export type CacheLabParams = z.input<typeof cacheLabSchema>;

export function cacheLabScenario(input: CacheLabParams): ScenarioInput {
  const p = cacheLabSchema.parse(input);
  return {
    id: 'cache-lab',
    title: `LRU cache: ${p.capacity} of ${p.keys} keys, Zipf ${p.zipf}`,
    durationSeconds: p.requests / p.rate,
    topology: {
      service: { id: 'reader', replicas: 1, workers: 100_000, queueLimit: null, bootSeconds: 0, lb: 'round-robin' },
      routes: [{ id: 'read', steps: ['cache-read'] }],
      cache: { keys: p.keys, zipf: p.zipf, capacity: p.capacity, ttlSeconds: p.ttlSeconds, latencyMs: 0.1, originLatencyMs: 5, prewarm: false },
    },
    traffic: { sources: [{ id: 'readers', rate: p.rate, timeoutMs: null, routes: { read: 1 } }] },
    alerts: { burnRate: false },
    telemetry: { logSampleRate: 0, errorLogsPerSecond: 0 },
  };
}

export function cacheLabTheory(input: CacheLabParams): { cheHitRatio: number | null; note: string } {
  const p = cacheLabSchema.parse(input);
  if (p.ttlSeconds > 0) return { cheHitRatio: null, note: 'the Che approximation here assumes no TTL' };
  return { cheHitRatio: cheHitRatio(zipfProbabilities(p.keys, p.zipf), p.capacity).hitRatio, note: 'Che approximation for LRU, independent requests' };
}

/**
 * Runs the lab. The steady-state hit ratio is measured after a warm-up of ten capacity's worth of
 * requests (an empty cache misses at first, which the approximation does not describe).
 */
export function runCacheLab(input: CacheLabParams, seed: Seed = 1) {
  const p = cacheLabSchema.parse(input);
  const sim = new Simulation(cacheLabScenario(p), { seed, series: false });
  const cache = sim.dp.cache!;
  const warmupRequests = Math.min(Math.floor(p.requests / 2), 10 * p.capacity);
  const warmupSeconds = warmupRequests / p.rate;
  sim.runUntil(warmupSeconds);
  const h0 = cache.hits;
  const m0 = cache.misses;
  sim.runUntil(p.requests / p.rate);
  const hits = cache.hits - h0;
  const misses = cache.misses - m0;
  return {
    summary: sim.summary(),
    steadyStateHitRatio: hits + misses > 0 ? hits / (hits + misses) : 0,
    warmupSeconds,
    theory: cacheLabTheory(p),
    sim,
  };
}
