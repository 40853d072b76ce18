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
    /** The new version's processes exit this long after they start (a crash loop); null = they do not. */
    crashAfterSeconds: positive.nullable().default(null),
    /** The new version leaks this much memory per minute of uptime (OOM kills at the memory limit). */
    leakMbPerMinute: z.number().min(0).default(0),
    /** Each new-version process takes this many primary connections per second and never returns them. */
    leakConnectionsPerSecond: z.number().min(0).default(0),
    /** Canary only: failed analyses the pipeline tolerates before it rolls back by itself. */
    failureThreshold: z.number().int().positive().default(2),
  }),
  /**
   * Someone changes a feature flag's rollout (a teammate, an experiment schedule): the flag's effect
   * reaches that share of users. Not undone when the fault ends; a flag action undoes it.
   */
  z.object({ type: z.literal('flag-change'), ...timing, flag: z.string().min(1), percentage: z.number().min(0).max(100).default(100) }),
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
  /**
   * A schema migration on a hot table: first it rewrites in batches that contend with writes
   * (`slowSeconds`, writes on the primary `slowFactor` times slower), then it takes an exclusive lock:
   * writes wait until the statement timeout and fail. Until the fault ends or `cancel-migration`.
   */
  z.object({
    type: z.literal('migration-table-lock'),
    ...timing,
    table: z.string().min(1).default('orders'),
    slowSeconds: z.number().min(0).default(60),
    slowFactor: positive.default(8),
    statementTimeoutMs: positive.default(3000),
  }),
  /**
   * The memory-leak model (growth, GC slowdown, OOM kill, restart with backoff) with a faster default
   * leak and, optionally, a tighter container limit while the fault lasts.
   */
  z.object({
    type: z.literal('memory-leak-oom'),
    ...timing,
    mbPerMinute: positive.default(240),
    limitMb: positive.optional(),
  }),
  /**
   * Messages that always fail: a worker takes one, fails after `processSeconds`, and it is delivered
   * again at once, so each holds a worker for good. A dead-letter queue (`enable-dlq`) moves each to
   * the DLQ after its `maxReceives`th failure.
   */
  z.object({
    type: z.literal('poison-message'),
    ...timing,
    count: z.number().int().positive().default(2),
    processSeconds: positive.default(30),
  }),
  /**
   * Replication between primary and replica stops; the app keeps reading the replica (its lag guard
   * does not see the partition), so reads go stale until the partition heals or reads go to the primary.
   */
  z.object({ type: z.literal('replica-partition'), ...timing }),
  /** A noisy alert rule that fires and resolves over and over with no user impact (alert fatigue). */
  z.object({
    type: z.literal('flapping-alert'),
    ...timing,
    alert: z.string().min(1).default('disk-latency-high'),
    severity: z.enum(['page', 'ticket']).default('page'),
    periodSeconds: positive.default(180),
    firingSeconds: positive.default(60),
  }),
  /**
   * The message broker is down: publishes are refused while it lasts. Without an outbox the handler
   * fails after its write committed (a lost message); with one, rows wait until the relay can publish.
   */
  z.object({ type: z.literal('broker-outage'), ...timing }),
  /** A deploy whose new version runs a slow query: its database queries take `factor` times longer. */
  z.object({
    type: z.literal('slow-query-deploy'),
    ...timing,
    version: z.string().min(1).default('v2'),
    strategy: strategySchema.default('rolling'),
    factor: positive.default(12),
  }),
]);
export type Fault = z.infer<typeof faultSchema>;
export type FaultType = Fault['type'];
export const FAULT_TYPES = faultSchema.options.map((o) => o.shape.type.value) as FaultType[];
