import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LessonRefs } from './lesson';
import { SCENARIO_IDS } from '../sim/scenarios';

/** Build-time lookups of the ids lessons refer to, against the repository's own folders. */
export function repoRefs(root = process.cwd()): LessonRefs {
  return {
    lessonExists: (lessonId) => existsSync(join(root, 'lessons', lessonId, 'index.mdx')),
    sandboxExists: (sandboxId) => existsSync(join(root, 'sandboxes', sandboxId, 'sandbox.json')),
    scenarioIds: SCENARIO_IDS,
  };
}
