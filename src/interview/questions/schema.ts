import { z } from 'zod';
import { kebabId } from '../../schemas/common';
import { LEVELS } from '../../schemas/lesson';

/**
 * The questions interviews ask, as the seeds pose them (each one has at least one question here).
 * The course's own answers live in the bank; the seeds give the topics only.
 */
export const SEED_TOPICS = [
  'junior-vs-senior',
  'production-outage',
  'idempotency',
  'code-quality',
  'debug-production',
  'ci-cd-pipeline',
  'traffic-spike',
  'payment-metrics',
] as const;
export type SeedTopic = (typeof SEED_TOPICS)[number];

const sentence = (min: number, max: number) => z.string().trim().min(min).max(max);

/** One interview question with its model answer and the rubric a learner scores themselves against. */
export const interviewQuestionSchema = z
  .object({
    id: kebabId(),
    level: z.enum(LEVELS),
    question: sentence(10, 300),
    /** Our own words: what a strong answer says, in a paragraph or two. */
    modelAnswer: sentence(200, 2000),
    rubric: z
      .object({
        /** What a strong answer covers: the points a learner ticks. */
        covers: z.array(sentence(8, 240)).min(3, 'a rubric lists 3 to 6 points').max(6, 'a rubric lists 3 to 6 points'),
        /** What makes an interviewer wince. */
        redFlags: z.array(sentence(8, 240)).min(1).max(4),
      })
      .strict(),
    /** Lesson ids (folders under lessons/) the answer draws on; the first is the main one. */
    lessons: z.array(kebabId()).min(1).max(4),
    followUp: sentence(10, 300),
    /** The seed question this one answers, when it is one of them. */
    seed: z.enum(SEED_TOPICS).optional(),
  })
  .strict();

export type InterviewQuestion = z.output<typeof interviewQuestionSchema>;
export type InterviewQuestionInput = z.input<typeof interviewQuestionSchema>;

export const questionBankSchema = z
  .array(interviewQuestionSchema)
  .min(40, 'the bank needs at least 40 questions')
  .superRefine((bank, ctx) => {
    const seen = new Set<string>();
    bank.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate question id "${q.id}"` });
      seen.add(q.id);
    });
    const seeds = new Set(bank.flatMap((q) => (q.seed ? [q.seed] : [])));
    for (const topic of SEED_TOPICS) {
      if (!seeds.has(topic)) ctx.addIssue({ code: 'custom', path: [], message: `no question answers the seed question "${topic}"` });
    }
    for (const level of LEVELS) {
      if (!bank.some((q) => q.level === level)) ctx.addIssue({ code: 'custom', path: [], message: `no question at level ${level}` });
    }
  });
