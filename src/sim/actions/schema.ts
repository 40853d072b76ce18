import { z } from 'zod';
import { deployRequestSchema } from '../model/deploy';

/**
 * What a player (or a test, or the CLI's --actions file) can do to the running system. Each action
 * takes simulated time to have its effect; see actions/apply.ts for the delays.
 */
const positive = z.number().positive();

export const actionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('deploy'), ...deployRequestSchema.shape }),
  z.object({ type: z.literal('rollback') }),
  z.object({ type: z.literal('scale'), replicas: z.number().int().min(0).max(200) }),
  z.object({ type: z.literal('restart-instance'), instance: z.string().min(1) }),
  z.object({
    type: z.literal('set-flag'),
    flag: z.string().min(1),
    percentage: z.number().min(0).max(100).optional(),
    killed: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('rate-limit'),
    enabled: z.boolean().default(true),
    rps: positive.default(100),
    burst: positive.default(200),
  }),
  z.object({
    type: z.literal('load-shedding'),
    enabled: z.boolean().default(true),
    maxQueueWaitMs: positive.default(250),
    maxQueue: z.number().int().min(0).default(16),
  }),
  z.object({ type: z.literal('failover-db') }),
  /** Open a dependency's circuit by hand (fail fast without calling it), or hand it back to its breaker. */
  z.object({ type: z.literal('force-breaker'), dependency: z.string().min(1), open: z.boolean().default(true) }),
  z.object({ type: z.literal('flush-cache') }),
  z.object({ type: z.literal('warm-cache'), keys: z.number().int().positive().default(2000), seconds: positive.default(60) }),
  z.object({
    type: z.literal('set-retry-policy'),
    source: z.string().optional(),
    kind: z.enum(['none', 'fixed', 'exponential']).default('exponential'),
    maxAttempts: z.number().int().min(1).max(10).default(3),
    baseMs: z.number().min(0).default(100),
    capMs: z.number().min(0).default(5000),
    jitter: z.enum(['none', 'full', 'equal', 'decorrelated']).default('full'),
    budget: z.enum(['none', 'throttle', 'ratio']).default('ratio'),
  }),
  z.object({
    type: z.literal('autoscaler'),
    enabled: z.boolean().default(true),
    min: z.number().int().min(1).optional(),
    max: z.number().int().min(1).optional(),
    targetUtilization: z.number().gt(0).lt(1).optional(),
  }),
  /** Cancels the running schema migration (pg_cancel_backend): its locks go at once. */
  z.object({ type: z.literal('cancel-migration') }),
  /** Turns on the queue's dead-letter queue: a message that failed `maxReceives` times moves there. */
  z.object({ type: z.literal('enable-dlq'), maxReceives: z.number().int().min(1).max(100).default(5) }),
  /**
   * Switches checkout's publish to the outbox path (a flag): the message is written with the order
   * and a relay publishes it, so a broker outage delays messages instead of failing checkouts.
   */
  z.object({ type: z.literal('enable-outbox') }),
  /** Where database reads go: the replica (while it keeps up) or always the primary. */
  z.object({ type: z.literal('route-reads'), to: z.enum(['replica', 'primary']) }),
  /** Silences an alert rule (Alertmanager silence): it resolves and cannot fire until the silence ends. */
  z.object({ type: z.literal('silence-alert'), alert: z.string().min(1), minutes: z.number().positive().max(24 * 60).default(60) }),
  z.object({ type: z.literal('acknowledge') }),
  z.object({ type: z.literal('resolve-incident') }),
]);
export type Action = z.infer<typeof actionSchema>;
export type ActionInput = z.input<typeof actionSchema>;
export type ActionType = Action['type'];

export const timedActionSchema = z.object({ at: z.number().min(0), action: actionSchema });
export type TimedAction = z.infer<typeof timedActionSchema>;

/** The --actions file: a list of actions with the simulated second they happen at. */
export const actionLogSchema = z.array(timedActionSchema);
