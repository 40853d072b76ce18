import type { Progress } from '../../progress';

/** One status badge of a lesson: `attr`/`value` are what tests and styles look for. */
export interface LessonBadge {
  text: string;
  attr: 'data-lesson-status' | 'data-sandbox-status';
  value: 'complete' | 'quiz' | 'passed';
  /** Shown with a check mark and the "done" colour. */
  done: boolean;
}

/** The badges for a lesson: completed (or how the quiz went), and the sandbox's checks all passing. */
export function lessonBadges(progress: Progress | null, lessonId: string, sandboxId?: string): LessonBadge[] {
  const state = progress?.lessons[lessonId];
  const badges: LessonBadge[] = [];
  if (state?.completedAt) badges.push({ text: 'Completed', attr: 'data-lesson-status', value: 'complete', done: true });
  else if (state?.quiz?.submittedAt && state.quiz.total) {
    badges.push({ text: `Quiz ${state.quiz.correct ?? 0}/${state.quiz.total}`, attr: 'data-lesson-status', value: 'quiz', done: false });
  }
  if (sandboxId && progress?.sandboxes[sandboxId]?.passedAt) {
    badges.push({ text: 'Sandbox passed', attr: 'data-sandbox-status', value: 'passed', done: true });
  }
  return badges;
}
