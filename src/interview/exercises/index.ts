/** The design exercises, validated by one schema when the module loads. */
import { z } from 'zod';
import { EXERCISE_DATA } from './data';
import { designExerciseSchema, type DesignExercise } from './schema';

export * from './schema';
export { checkEstimate, queueRun, measure, type CheckResult, type QueueRun } from './check';

function parseExercises(): DesignExercise[] {
  const parsed = z
    .array(designExerciseSchema)
    .superRefine((list, ctx) => {
      const ids = new Set<string>();
      list.forEach((e, i) => {
        if (ids.has(e.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate exercise id "${e.id}"` });
        ids.add(e.id);
      });
    })
    .safeParse(EXERCISE_DATA);
  if (!parsed.success) throw new Error(`The design exercises are invalid:\n${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return parsed.data;
}

export const EXERCISES: readonly DesignExercise[] = parseExercises();

export function getExercise(id: string): DesignExercise | undefined {
  return EXERCISES.find((e) => e.id === id);
}
