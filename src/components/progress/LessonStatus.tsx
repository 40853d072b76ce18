import { useProgress } from './useProgress';

/** Small badges: lesson completed (or how the quiz went), and the sandbox's checks all passing. */
export default function LessonStatus({ lessonId, sandboxId }: { lessonId: string; sandboxId?: string }) {
  const progress = useProgress();
  const state = progress?.lessons[lessonId];
  const sandboxPassed = sandboxId ? Boolean(progress?.sandboxes[sandboxId]?.passedAt) : false;
  return (
    <>
      {state?.completedAt ? (
        <span className="badge badge--done" data-lesson-status="complete">
          <span aria-hidden="true">✓ </span>Completed
        </span>
      ) : state?.quiz?.submittedAt && state.quiz.total ? (
        <span className="badge" data-lesson-status="quiz">
          Quiz {state.quiz.correct ?? 0}/{state.quiz.total}
        </span>
      ) : null}
      {sandboxPassed && (
        <span className="badge badge--done" data-sandbox-status="passed">
          <span aria-hidden="true">✓ </span>Sandbox passed
        </span>
      )}
    </>
  );
}
