import { z } from 'zod';

/**
 * The production system a scenario runs on, as typed data. Every field has a sensible default so a
 * scenario only writes what makes it special. Times in the topology are milliseconds when they are
 * per-request latencies (…Ms) and seconds otherwise (…Seconds).
 */

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use a lowercase kebab-case id');
const probability = z.number().min(0).max(1);
const positive = z.number().positive();

export const distributionSchema = z.object({
  /** exponential: memoryless (M/M/c); lognormal: realistic long tail; constant: no variance. */
  dist: z.enum(['exponential', 'lognormal', 'constant']).default('lognormal'),
  meanMs: positive,
  /** Shape of the lognormal (ignored otherwise). 0.5 is a moderate tail. */
  sigma: z.number().positive().max(3).default(0.5),
});
export type Distribution = z.infer<typeof distributionSchema>;

export const backoffSchema = z.object({
  kind: z.enum(['none', 'fixed', 'exponential']).default('none'),
  maxAttempts: z.number().int().min(1).max(10).default(1),
  baseMs: z.number().min(0).default(100),
  capMs: z.number().min(0).default(10_000),
  jitter: z.enum(['none', 'full', 'equal', 'decorrelated']).default('none'),
  /** Which failures the client retries: its own timeouts, 5xx errors, 429/503 rejections. */
  retryOn: z
    .object({ timeout: z.boolean().default(true), error: z.boolean().default(true), shed: z.boolean().default(true) })
    .prefault({}),
});

export const retryBudgetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  /** gRPC retry throttling. */
  z.object({ kind: z.literal('throttle'), maxTokens: positive.default(10), tokenRatio: positive.default(0.1) }),
  /** Retries at most `ratio` of requests, plus a small per-second allowance. */
  z.object({
    kind: z.literal('ratio'),
    ratio: probability.default(0.1),
    minPerSecond: z.number().min(0).default(1),
    cap: positive.default(100),
  }),
]);

export const retrySchema = z
  .object({
    backoff: backoffSchema.prefault({}),
    budget: retryBudgetSchema.default({ kind: 'none' }),
    /** SRE book client-side adaptive throttling (reject locally when accepts fall behind requests). */
    adaptiveThrottleK: z.number().min(1).nullable().default(null),
  })
  .prefault({});
export type RetryConfig = z.infer<typeof retrySchema>;

export const spikeSchema = z.object({ at: z.number().min(0), duration: positive, factor: positive });

export const sourceSchema = z.object({
  id,
  /** Mean arrival rate (requests/second) at the daily average; arrivals are Poisson. */
  rate: positive,
  /** Distinct users; requests carry a user id for sticky routing (canary, flags). */
  users: z.number().int().positive().default(10_000),
  /** Client gives up after this long; null = waits forever. */
  timeoutMs: positive.nullable().default(2000),
  retry: retrySchema,
  daily: z
    .object({
      /** Relative swing of the daily curve: rate * (1 + amplitude * cos(2 pi (hour - peakHour) / 24)). */
      amplitude: z.number().min(0).max(0.95).default(0),
      peakHour: z.number().min(0).max(24).default(20),
      /** Wall-clock hour at simulated time 0. */
      startHour: z.number().min(0).max(24).default(12),
    })
    .prefault({}),
  spikes: z.array(spikeSchema).default([]),
  /** Route id -> relative weight. */
  routes: z.record(z.string(), z.number().min(0)).default({ default: 1 }),
});
export type SourceConfig = z.infer<typeof sourceSchema>;

export const stepSchema = z.union([
  z.enum(['cpu', 'cache-read', 'db-read', 'db-write', 'publish']),
  z.string().regex(/^call:[a-z0-9]+(-[a-z0-9]+)*$/, 'a dependency call is written "call:<dependency-id>"'),
]);
export type Step = z.infer<typeof stepSchema>;

export const routeSchema = z.object({
  id: z.string().min(1),
  steps: z.array(stepSchema).min(1),
});

export const versionSchema = z.object({
  /** Share of requests this version answers with a 500. */
  errorRate: probability.default(0),
  /** Multiplies CPU service time. */
  latencyFactor: positive.default(1),
  /** If set, instances of this version crash this many seconds after they boot (crash loop). */
  crashAfterSeconds: positive.nullable().default(null),
  /** Memory growth in MB per minute of uptime (a leak). */
  leakMbPerMinute: z.number().min(0).default(0),
  /** Multiplies this version's database query times (a slow query it introduced). */
  queryFactor: positive.default(1),
  /** Primary connections each process takes and never returns, per second it runs; given back when it ends. */
  leakConnectionsPerSecond: z.number().min(0).default(0),
});
export type VersionBehaviour = z.infer<typeof versionSchema>;

export const autoscalerSchema = z
  .object({
    enabled: z.boolean().default(false),
    min: z.number().int().min(1).default(2),
    max: z.number().int().min(1).default(20),
    targetUtilization: z.number().gt(0).lt(1).default(0.6),
    intervalSeconds: positive.default(15),
    cooldownSeconds: positive.default(60),
  })
  .prefault({});

export const serviceSchema = z.object({
  id: id.default('api'),
  replicas: z.number().int().min(0).default(4),
  /** Concurrent requests per instance (worker threads / event-loop concurrency). */
  workers: z.number().int().positive().default(8),
  /** Waiting requests per instance before it answers 503; null = unbounded. */
  queueLimit: z.number().int().min(0).nullable().default(128),
  serviceTime: distributionSchema.prefault({ meanMs: 10 }),
  lb: z.enum(['round-robin', 'least-connections']).default('least-connections'),
  bootSeconds: z.number().min(0).default(20),
  drainSeconds: z.number().min(0).default(30),
  version: z.string().min(1).default('v1'),
  versions: z.record(z.string(), versionSchema).default({}),
  memory: z
    .object({ baseMb: positive.default(256), limitMb: positive.default(1024) })
    .prefault({}),
  probes: z
    .object({
      periodSeconds: positive.default(5),
      failureThreshold: z.number().int().positive().default(3),
      /** A readiness check that pings the database: a database blip then takes every instance out. */
      readinessChecksDatabase: z.boolean().default(false),
    })
    .prefault({}),
  restartBackoff: z
    .object({ baseSeconds: positive.default(10), capSeconds: positive.default(300) })
    .prefault({}),
  autoscaler: autoscalerSchema,
});
export type ServiceConfig = z.infer<typeof serviceSchema>;

export const cacheSchema = z.object({
  keys: z.number().int().positive().default(50_000),
  /** Zipf exponent of key popularity (0 = uniform). */
  zipf: z.number().min(0).max(3).default(0.9),
  capacity: z.number().int().positive().default(5_000),
  /** 0 = entries never expire. */
  ttlSeconds: z.number().min(0).default(300),
  latencyMs: z.number().min(0).default(1),
  /**
   * Start with the most popular keys cached (a system that has been running), with expiry times
   * spread over the TTL so they do not all expire together.
   */
  prewarm: z.boolean().default(true),
  /** Without a database, a miss is filled from an origin taking this long (used by the cache lab). */
  originLatencyMs: z.number().min(0).default(0),
});
export type CacheConfig = z.infer<typeof cacheSchema>;

export const dbNodeSchema = z.object({
  maxConnections: z.number().int().positive().default(20),
  read: distributionSchema.prefault({ meanMs: 5 }),
  write: distributionSchema.prefault({ meanMs: 12 }),
});

export const databaseSchema = z.object({
  primary: dbNodeSchema.prefault({}),
  replica: dbNodeSchema.nullable().default(null),
  /** How long a request waits for a pooled connection before failing. */
  acquireTimeoutMs: positive.default(1000),
  maxWaiters: z.number().int().min(0).default(1000),
  /** How long a connection attempt hangs when the network drops packets. */
  connectTimeoutMs: positive.default(3000),
  failover: z
    .object({
      automatic: z.boolean().default(true),
      detectSeconds: z.number().min(0).default(30),
      promoteSeconds: z.number().min(0).default(15),
    })
    .prefault({}),
  /** Reads fall back to the primary when the replica lags more than this. */
  maxReplicaLagSeconds: positive.default(30),
});
export type DatabaseConfig = z.infer<typeof databaseSchema>;

export const messageQueueSchema = z.object({
  workers: z.number().int().positive().default(4),
  process: distributionSchema.prefault({ meanMs: 50 }),
  retryDelaySeconds: positive.default(5),
  /** Checkout writes the message to an outbox table in its transaction; a relay publishes it later. */
  outbox: z.boolean().default(false),
  /** Outbox rows the relay publishes per second while the broker is up. */
  relayPerSecond: z.number().int().positive().default(200),
});
export type MessageQueueConfig = z.infer<typeof messageQueueSchema>;

export const breakerSchema = z
  .object({
    enabled: z.boolean().default(true),
    windowSeconds: z.number().int().positive().default(10),
    minRequests: z.number().int().positive().default(20),
    errorThreshold: probability.default(0.5),
    sleepSeconds: positive.default(5),
  })
  .prefault({});
export type BreakerConfig = z.infer<typeof breakerSchema>;

export const dependencySchema = z.object({
  id,
  latency: distributionSchema.prefault({ meanMs: 120 }),
  errorRate: probability.default(0.002),
  timeoutMs: positive.default(1000),
  breaker: breakerSchema,
  /**
   * A successful call changes something outside (a charge, an email): the simulation counts calls
   * repeated for one logical request (a retry after the first call went through) as duplicates.
   */
  sideEffects: z.boolean().default(false),
});
export type DependencyConfig = z.infer<typeof dependencySchema>;

export const flagSchema = z.object({
  id,
  percentage: z.number().min(0).max(100).default(0),
  effect: z
    .object({ extraLatencyMs: z.number().min(0).default(0), errorRate: probability.default(0) })
    .prefault({}),
});

export const rateLimitSchema = z.object({ rps: positive, burst: positive });
export const loadSheddingSchema = z.object({
  /** Drop a request at dequeue time if it already waited this long. */
  maxQueueWaitMs: positive.default(250),
  /** Accept at most this many waiting requests per instance while shedding. */
  maxQueue: z.number().int().min(0).default(16),
});

export const topologySchema = z
  .object({
    service: serviceSchema.prefault({}),
    routes: z.array(routeSchema).min(1).default([{ id: 'default', steps: ['cpu'] }]),
    cache: cacheSchema.nullable().default(null),
    database: databaseSchema.nullable().default(null),
    messageQueue: messageQueueSchema.nullable().default(null),
    dependencies: z.array(dependencySchema).default([]),
    flags: z.array(flagSchema).default([]),
    edge: z
      .object({
        rateLimit: rateLimitSchema.nullable().default(null),
        loadShedding: loadSheddingSchema.nullable().default(null),
      })
      .prefault({}),
  })
  .superRefine((t, ctx) => {
    const deps = new Set(t.dependencies.map((d) => d.id));
    t.routes.forEach((r, ri) =>
      r.steps.forEach((s, si) => {
        const where = ['routes', ri, 'steps', si];
        if ((s === 'cache-read') && !t.cache) ctx.addIssue({ code: 'custom', path: where, message: 'route reads the cache but the topology has no cache' });
        if ((s === 'db-read' || s === 'db-write') && !t.database) {
          ctx.addIssue({ code: 'custom', path: where, message: `step "${s}" needs a database in the topology` });
        }
        if (s === 'publish' && !t.messageQueue) ctx.addIssue({ code: 'custom', path: where, message: 'route publishes but the topology has no messageQueue' });
        if (s.startsWith('call:') && !deps.has(s.slice(5))) {
          ctx.addIssue({ code: 'custom', path: where, message: `unknown dependency "${s.slice(5)}"; declare it under dependencies` });
        }
      }),
    );
    const ids = new Set<string>();
    t.routes.forEach((r, i) => {
      if (ids.has(r.id)) ctx.addIssue({ code: 'custom', path: ['routes', i, 'id'], message: `duplicate route id "${r.id}"` });
      ids.add(r.id);
    });
    if (t.service.autoscaler.min > t.service.autoscaler.max) {
      ctx.addIssue({ code: 'custom', path: ['service', 'autoscaler'], message: 'autoscaler min must be <= max' });
    }
  });
export type Topology = z.infer<typeof topologySchema>;
export type TopologyInput = z.input<typeof topologySchema>;
