import { z } from 'zod';
import { metricNames } from './metrics';

/**
 * A game day's experiment, carried by a scenario a learner designed (the Staff checkpoint): the
 * steady-state hypothesis the system should keep while its faults run, and the abort conditions
 * that stop the experiment early. The simulator itself never reads these; the console judges them
 * from the per-second metrics it already shows (src/console/gameday).
 */
export const COMPARATORS = ['<', '<=', '>', '>='] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const steadyStateConditionSchema = z
  .object({
    metric: z.enum(metricNames, { error: `name a metric: one of ${metricNames.join(', ')}` }),
    op: z.enum(COMPARATORS, { error: `use a comparator: one of ${COMPARATORS.join(' ')}` }),
    threshold: z.number({ error: 'give the threshold as a number in the metric\'s unit (ratios 0-1, times in ms)' }),
  })
  .strict();

export const abortConditionSchema = steadyStateConditionSchema
  .extend({
    /** The condition must hold this long before the experiment stops: one bad second is noise. */
    forSeconds: z.number().int().min(0).max(3600).default(30),
  })
  .strict();

export const gameDaySchema = z
  .object({
    /** Every condition must hold in every minute of the run for the hypothesis to hold. */
    hypothesis: z.array(steadyStateConditionSchema).min(1, 'write at least one steady-state condition, e.g. edge.errorRatio < 0.01'),
    /** Any one of these, held for its forSeconds, stops the experiment. */
    abort: z.array(abortConditionSchema).default([]),
  })
  .strict();

export type SteadyStateCondition = z.infer<typeof steadyStateConditionSchema>;
export type AbortCondition = z.infer<typeof abortConditionSchema>;
export type GameDay = z.infer<typeof gameDaySchema>;
