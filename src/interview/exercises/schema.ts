import { z } from 'zod';
import { kebabId } from '../../schemas/common';
import { LEVELS } from '../../schemas/lesson';

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const rate = z.number().positive();

/**
 * How a number is checked: by running one of the simulator's labs (src/sim/labs) with the learner's
 * answer, or by comparing it with what the lab measures.
 */
export const labCheckSchema = z.discriminatedUnion('lab', [
  /** The answer is a number of servers (workers, pods, connections); the queue lab runs with it and its p99 must meet the target. */
  z
    .object({
      lab: z.literal('queue-servers'),
      arrivalRate: rate,
      serviceRate: rate,
      p99TargetMs: rate,
      durationSeconds: z.number().positive().max(3600).default(600),
    })
    .strict(),
  /** The answer is a figure the queue lab measures for a fixed system; it must be within the tolerance. */
  z
    .object({
      lab: z.literal('queue-metric'),
      arrivalRate: rate,
      serviceRate: rate,
      servers: z.number().int().min(1).max(1000),
      queueLimit: z.number().int().min(0).nullable().default(null),
      metric: z.enum(['busy-servers', 'utilisation-percent', 'shed-percent', 'p99-ms']),
      /** Allowed distance from the measured value, in the metric's own unit. */
      tolerance: z.number().positive(),
      durationSeconds: z.number().positive().max(3600).default(600),
    })
    .strict(),
  /** The answer is a hit ratio in percent; the cache lab measures the steady state. */
  z
    .object({
      lab: z.literal('cache-hit-ratio'),
      keys: z.number().int().positive(),
      zipf: z.number().min(0).max(3),
      capacity: z.number().int().positive(),
      requests: z.number().int().positive().max(1_000_000),
      rate: rate.default(5000),
      /** Allowed distance in percentage points. */
      tolerance: z.number().positive(),
    })
    .strict(),
]);
export type LabCheck = z.output<typeof labCheckSchema>;

export const exerciseStepSchema = z.discriminatedUnion('kind', [
  /** A number to estimate, then check in a lab. */
  z
    .object({
      kind: z.literal('estimate'),
      id: kebabId(),
      title: text(3, 80),
      prompt: text(20, 800),
      /** The facts the learner works from. */
      given: z.array(text(3, 200)).min(1).max(8),
      unit: text(1, 40),
      /** A nudge towards the method, shown on request. */
      hint: text(10, 400),
      /** The course's answer; a unit test checks the lab agrees with it. */
      reference: z.number(),
      /** How to get there, shown after checking. */
      explanation: text(20, 1200),
      check: labCheckSchema,
    })
    .strict(),
  /** A part of the design to write or sketch, then compare with what a strong answer covers. */
  z
    .object({
      kind: z.literal('design'),
      id: kebabId(),
      title: text(3, 80),
      prompt: text(20, 800),
      points: z.array(text(8, 300)).min(3).max(8),
    })
    .strict(),
]);
export type ExerciseStep = z.output<typeof exerciseStepSchema>;
export type EstimateStep = Extract<ExerciseStep, { kind: 'estimate' }>;

export const designExerciseSchema = z
  .object({
    id: kebabId(),
    title: text(5, 100),
    /** The practice problem as interviews pose it. */
    problem: text(10, 200),
    summary: text(20, 600),
    level: z.enum(LEVELS),
    lessons: z.array(kebabId()).min(1).max(5),
    steps: z.array(exerciseStepSchema).min(2).max(8),
  })
  .strict()
  .superRefine((e, ctx) => {
    const ids = new Set<string>();
    e.steps.forEach((s, i) => {
      if (ids.has(s.id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `duplicate step id "${s.id}"` });
      ids.add(s.id);
    });
    if (!e.steps.some((s) => s.kind === 'estimate')) ctx.addIssue({ code: 'custom', path: ['steps'], message: 'an exercise needs at least one number checked in a lab' });
  });
export type DesignExercise = z.output<typeof designExerciseSchema>;
export type DesignExerciseInput = z.input<typeof designExerciseSchema>;
