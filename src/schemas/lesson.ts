import { z } from 'zod';
import { kebabId } from './common';
import { LEVELS, type Level } from './levels';

export { LEVELS, type Level };

const id = kebabId();

export const quizQuestionSchema = z
  .object({
    question: z.string().min(1),
    choices: z.array(z.string().min(1)).min(2, 'give at least two choices').max(6),
    /** Index into `choices` of the right answer (0-based). */
    answer: z.number().int().min(0),
    explanation: z.string().min(1, 'say why the answer is right'),
  })
  .strict()
  .refine((q) => q.answer < q.choices.length, {
    message: 'answer must be the 0-based index of one of the choices',
    path: ['answer'],
  });

/** Where the schema looks for the ids a lesson refers to. Tests point it at fixtures. */
export interface LessonRefs {
  lessonExists(id: string): boolean;
  sandboxExists(id: string): boolean;
  scenarioIds: readonly string[];
}

export function lessonSchema(refs: LessonRefs) {
  return z
    .object({
      title: z.string().min(1).max(120),
      summary: z.string().min(1).max(300),
      concepts: z.array(z.string().min(1)).min(1, 'name at least one concept'),
      level: z.enum(LEVELS),
      /** Week of the 90-day plan (1-12); null for staff lessons beyond day 90. */
      week: z.number().int().min(1).max(12).nullable(),
      order: z.number().int().min(0),
      minutes: z.number().int().positive().max(240),
      objectives: z.array(z.string().min(1)).min(1, 'list what the learner will be able to do'),
      prerequisites: z
        .array(id)
        .default([])
        .superRefine((ids, ctx) => {
          ids.forEach((p, i) => {
            if (!refs.lessonExists(p)) {
              ctx.addIssue({ code: 'custom', path: [i], message: `no lesson "${p}" (expected lessons/${p}/index.mdx)` });
            }
          });
        }),
      sandbox: id
        .optional()
        .refine((s) => s === undefined || refs.sandboxExists(s), {
          message: 'no such sandbox (expected sandboxes/<id>/sandbox.json)',
        }),
      scenario: id.optional().superRefine((s, ctx) => {
        if (s !== undefined && !refs.scenarioIds.includes(s)) {
          ctx.addIssue({ code: 'custom', message: `no simulator scenario "${s}" (there are: ${refs.scenarioIds.join(', ')})` });
        }
      }),
      quiz: z.array(quizQuestionSchema).min(1, 'a lesson ends with a quiz of at least one question').max(8),
    })
    .strict()
    .superRefine((lesson, ctx) => {
      if (lesson.level === 'staff' && lesson.week !== null) {
        ctx.addIssue({ code: 'custom', path: ['week'], message: 'staff lessons sit beyond day 90: set week to null' });
      }
      if (lesson.level !== 'staff' && lesson.week === null) {
        ctx.addIssue({ code: 'custom', path: ['week'], message: 'give the week of the 90-day plan (1-12)' });
      }
    });
}

export type Lesson = z.output<ReturnType<typeof lessonSchema>>;
export type QuizQuestion = z.output<typeof quizQuestionSchema>;
