import { z } from 'zod';

/**
 * What a deployment is asked to do. The operator's deploy action, a bad-deploy fault's CI pipeline
 * and the deployment machine's fallbacks all take their defaults from this one schema.
 */
export const strategySchema = z.enum(['rolling', 'canary', 'blue-green']);
export type Strategy = z.infer<typeof strategySchema>;

const positive = z.number().positive();

export const deploySettingsSchema = z.object({
  /** Canary traffic steps in percent, ending at 100. */
  steps: z.array(z.number().gt(0).max(100)).min(1).default([10, 25, 50, 100]),
  /** Rolling: instances replaced at a time. */
  batch: z.number().int().positive().default(1),
  analysisSeconds: positive.default(60),
  /** Failed analyses before an automatic rollback. */
  failureThreshold: z.number().int().positive().default(2),
  bakeSeconds: positive.default(120),
});
export type DeploySettings = z.infer<typeof deploySettingsSchema>;

export const DEPLOY_DEFAULTS: Readonly<DeploySettings> = deploySettingsSchema.parse({});

export const deployRequestSchema = z.object({
  version: z.string().min(1),
  strategy: strategySchema.default('rolling'),
  ...deploySettingsSchema.shape,
});
export type DeployRequest = z.infer<typeof deployRequestSchema>;
