import { useProgress } from './useProgress';

/** A small badge: completed, or how the quiz went. Nothing while progress is unknown. */
export default function LessonStatus({ lessonId }: { lessonId: string }) {
  const progress = useProgress();
  const state = progress?.lessons[lessonId];
  if (state?.completedAt) {
    return (
      <span className="badge badge--done" data-lesson-status="complete">
        <span aria-hidden="true">✓ </span>Completed
      </span>
    );
  }
  if (state?.quiz?.submittedAt && state.quiz.total) {
    return (
      <span className="badge" data-lesson-status="quiz">
        Quiz {state.quiz.correct ?? 0}/{state.quiz.total}
      </span>
    );
  }
  return null;
}
