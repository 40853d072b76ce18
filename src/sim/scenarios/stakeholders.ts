import { z } from 'zod';
import { metricNames } from './metrics';

/** Who asks: the people around an incident who are not on call. */
export const STAKEHOLDER_ROLES = ['support', 'vp', 'customer-success', 'sales', 'legal', 'security', 'product'] as const;

/** Incident milestones a question can wait for. */
export const INCIDENT_MILESTONES = ['started', 'detected', 'acknowledged', 'mitigated', 'resolved'] as const;

/**
 * When a question is asked: a metric condition held for `forSeconds`, an incident milestone reached,
 * or an alert firing. Exactly one of `metric`, `incident` and `alertFiring`.
 */
export const stakeholderConditionSchema = z
  .object({
    metric: z.enum(metricNames).optional(),
    op: z.enum(['>', '<']).default('>'),
    threshold: z.number().optional(),
    forSeconds: z.number().min(0).default(0),
    incident: z.enum(INCIDENT_MILESTONES).optional(),
    alertFiring: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const kinds = [c.metric, c.incident, c.alertFiring].filter((x) => x !== undefined).length;
    if (kinds !== 1) ctx.addIssue({ code: 'custom', path: [], message: 'give exactly one of `metric` (with `threshold`), `incident` or `alertFiring`' });
    if (c.metric !== undefined && c.threshold === undefined) ctx.addIssue({ code: 'custom', path: ['threshold'], message: `give the threshold for ${c.metric}` });
  });
export type StakeholderCondition = z.infer<typeof stakeholderConditionSchema>;

/**
 * A scripted question from a stakeholder: asked at the first second at or after `at` when `when`
 * holds (either may be left out, not both), answered by a status update within `answerWithinSeconds`.
 */
export const stakeholderQuestionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use a lowercase kebab-case id').optional(),
    at: z.number().min(0).optional(),
    when: stakeholderConditionSchema.optional(),
    from: z.enum(STAKEHOLDER_ROLES),
    question: z.string().min(1),
    answerWithinSeconds: z.number().positive().default(900),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.at === undefined && q.when === undefined) ctx.addIssue({ code: 'custom', path: ['at'], message: 'give `at` (seconds), `when` (a condition), or both' });
  });
export type StakeholderQuestion = z.infer<typeof stakeholderQuestionSchema>;
