import { lessonBadges } from './lesson-badges';
import { useProgress } from './useProgress';

/** Small badges: lesson completed (or how the quiz went), and the sandbox's checks all passing. */
export default function LessonStatus({ lessonId, sandboxId }: { lessonId: string; sandboxId?: string }) {
  const progress = useProgress();
  return (
    <>
      {lessonBadges(progress, lessonId, sandboxId).map((b) => (
        <span key={b.value} className={b.done ? 'badge badge--done' : 'badge'} {...{ [b.attr]: b.value }}>
          {b.done && <span aria-hidden="true">✓ </span>}
          {b.text}
        </span>
      ))}
    </>
  );
}
