import { useState } from 'react';
import { getProgressStore } from '../progress/client';
import { useProgress } from '../progress/useProgress';

interface Props {
  lessonId: string;
  nextHref?: string;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "Mark complete" at the end of a lesson (LessonVisit.astro remembers the lesson as the one to continue). */
export default function LessonProgress({ lessonId, nextHref }: Props) {
  const progress = useProgress();
  const [announce, setAnnounce] = useState('');

  const completedAt = progress?.lessons[lessonId]?.completedAt;

  function toggle() {
    const store = getProgressStore();
    if (completedAt) {
      store.markLessonIncomplete(lessonId);
      setAnnounce('Marked as not complete.');
    } else {
      store.markLessonComplete(lessonId);
      setAnnounce('Lesson marked complete. Your progress is saved in this browser.');
    }
  }

  return (
    <section className="lesson-progress card" aria-label="Lesson progress" data-complete={completedAt ? 'true' : 'false'}>
      {completedAt ? (
        <p>
          <strong className="lesson-progress__done">✓ Completed</strong> on {dateFormat.format(new Date(completedAt))}.
        </p>
      ) : (
        <p>Finished reading and the quiz? Mark the lesson complete to track your path.</p>
      )}
      <button type="button" className={completedAt ? 'button button--quiet' : 'button'} onClick={toggle} disabled={!progress}>
        {completedAt ? 'Mark as not complete' : 'Mark complete'}
      </button>
      {completedAt && nextHref && (
        <a className="button button--quiet" href={nextHref}>
          Next lesson →
        </a>
      )}
      <span className="visually-hidden" role="status">
        {announce}
      </span>
    </section>
  );
}
