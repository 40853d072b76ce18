import { z } from 'zod';
import { strategySchema } from '../model/deploy';

/**
 * Faults a scenario can inject. Each has a start (`at`, seconds), an optional `duration` (absent =
 * until the end of the run, or until an action fixes it) and its own parameters.
 */
const timing = {
  /** Optional name, referenced by a scenario's hidden root cause. */
  id: z.string().min(1).optional(),
  at: z.number().min(0),
  duration: z.number().positive().optional(),
};
const positive = z.number().positive();
const probability = z.number().min(0).max(1);

export const faultSchema = z.discriminatedUnion('type', [
  /** Someone ships a version that errors or is slow; it goes out with the given strategy. */
  z.object({
    type: z.literal('bad-deploy'),
    ...timing,
    version: z.string().min(1).default('v2'),
    strategy: strategySchema.default('rolling'),
    errorRate: probability.default(0.2),
    latencyFactor: positive.default(1),
  }),
  z.object({ type: z.literal('instance-crash'), ...timing, count: z.number().int().positive().default(1) }),
  /** Bad config: every instance crashes `uptimeSeconds` after boot until the fault ends. */
  z.object({ type: z.literal('crash-loop'), ...timing, uptimeSeconds: positive.default(15) }),
  z.object({ type: z.literal('memory-leak'), ...timing, mbPerMinute: positive.default(60) }),
  z.object({
    type: z.literal('slow-queries'),
    ...timing,
    node: z.enum(['primary', 'replica', 'all']).default('all'),
    factor: positive.default(10),
  }),
  /** Code leaks pooled connections: `perSecond` connections are taken and never returned. */
  z.object({ type: z.literal('pool-exhaustion'), ...timing, perSecond: positive.default(0.5) }),
  z.object({ type: z.literal('db-primary-loss'), ...timing }),
  z.object({
    type: z.literal('network-partition'),
    ...timing,
    /** app-db: requests to the database hang; db-replicas: replication stops and the replica lags. */
    between: z.enum(['app-db', 'db-replicas']).default('app-db'),
  }),
  z.object({ type: z.literal('cache-flush'), ...timing }),
  z.object({ type: z.literal('traffic-spike'), ...timing, factor: positive.default(3), source: z.string().optional() }),
  z.object({
    type: z.literal('dependency-outage'),
    ...timing,
    dependency: z.string().min(1).default('payments'),
    /** errors: fast 503s; hang: no answer until the caller's timeout. */
    mode: z.enum(['errors', 'hang']).default('errors'),
  }),
  z.object({
    type: z.literal('dependency-latency'),
    ...timing,
    dependency: z.string().min(1).default('payments'),
    factor: positive.default(8),
  }),
  /**
   * A client release retries aggressively (immediately, no jitter, no budget) and a short stall of the
   * service (`triggerSeconds`) sets it off. The stall ends; the retry policy stays until changed.
   */
  z.object({
    type: z.literal('retry-storm'),
    ...timing,
    source: z.string().optional(),
    attempts: z.number().int().min(2).max(10).default(5),
    triggerSeconds: positive.default(20),
    triggerFactor: positive.default(20),
  }),
  z.object({ type: z.literal('disk-full'), ...timing }),
  /** The public TLS certificate expires: every new connection fails until it is renewed. */
  z.object({ type: z.literal('certificate-expiry'), ...timing }),
  z.object({
    type: z.literal('noisy-neighbour'),
    ...timing,
    instances: z.number().int().positive().default(1),
    factor: positive.default(3),
  }),
]);
export type Fault = z.infer<typeof faultSchema>;
export type FaultType = Fault['type'];
export const FAULT_TYPES = faultSchema.options.map((o) => o.shape.type.value) as FaultType[];
