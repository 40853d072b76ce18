import type { LessonMeta } from '../../curriculum/path';
import { LEVEL_INFO, nextToStudy } from '../../curriculum/path';
import { isComplete, useProgress } from './useProgress';

/** "Continue where you left off": the last lesson opened if unfinished, else the next one on the path. */
export default function ContinueCard({ lessons }: { lessons: LessonMeta[] }) {
  const progress = useProgress();
  if (!progress) return <div className="card continue" aria-hidden="true" style={{ minHeight: '7.5rem' }} />;
  const started = Object.keys(progress.lessons).length > 0;
  const lesson = nextToStudy(lessons, (id) => isComplete(progress, id), progress.lastVisited?.lessonId);
  if (!lesson) {
    return (
      <div className="card continue" data-continue="done">
        <h2 className="continue__title">You have completed every lesson written so far</h2>
        <p>New lessons arrive along the plan. Meanwhile, revisit a quiz or export your progress.</p>
        <a className="button button--quiet" href="/plan/">See the 90-day plan</a>
      </div>
    );
  }
  return (
    <div className="card continue" data-continue={lesson.id}>
      <p className="continue__kicker">{started ? 'Continue where you left off' : 'Start here'}</p>
      <h2 className="continue__title">{lesson.title}</h2>
      <p className="muted">
        {LEVEL_INFO[lesson.level].name} · {lesson.week === null ? 'Beyond day 90' : `Week ${lesson.week}`} · {lesson.minutes} min
      </p>
      <a className="button" href={`/lessons/${lesson.id}/`}>
        {started ? 'Continue' : 'Start'}<span className="visually-hidden">: {lesson.title}</span> →
      </a>
    </div>
  );
}
