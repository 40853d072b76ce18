/**
 * Whether a learner passed a level's checkpoint, derived from what progress already holds: a
 * checkpoint is passed once its drill has a finished run with every success criterion met (the
 * drill's best result passed), or when progress recorded the checkpoint itself. Nothing new is
 * stored, so the progress schema stays as it is.
 */
import type { Progress } from '../progress';
import type { Level } from '../schemas/lesson';
import { LEVEL_INFO } from './path';

export interface CheckpointStatus {
  level: Level;
  /** The checkpoint's drill, or null while the level has none (staff: a game day you design). */
  drill: string | null;
  passed: boolean;
  /** When it was first passed as far as progress knows (ISO time), or null. */
  passedAt: string | null;
}

export function checkpointStatus(progress: Pick<Progress, 'drills' | 'checkpoints'> | null, level: Level): CheckpointStatus {
  const drill = LEVEL_INFO[level].drill ?? null;
  const recorded = progress?.checkpoints[level];
  const best = drill ? progress?.drills[drill]?.best : undefined;
  if (recorded) return { level, drill, passed: true, passedAt: recorded.passedAt };
  if (best?.passed) return { level, drill, passed: true, passedAt: best.at };
  return { level, drill, passed: false, passedAt: null };
}
