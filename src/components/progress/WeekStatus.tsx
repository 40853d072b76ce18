import { currentWeek, localCalendarDate } from '../../progress';
import ProgressBar from './ProgressBar';
import { useProgress } from './useProgress';

/** A week's progress bar, and a "This week" marker when the learner's plan says so. */
export default function WeekStatus({ week, lessonIds }: { week: number; lessonIds: string[] }) {
  const progress = useProgress();
  const current = progress ? currentWeek(progress.plan.startDate, localCalendarDate(new Date())) : null;
  return (
    <div className="week-status" data-this-week={current === week ? 'true' : undefined}>
      {current === week && <span className="badge badge--level week-status__now">This week</span>}
      {lessonIds.length > 0 && <ProgressBar lessonIds={lessonIds} label={`Week ${week} progress`} />}
    </div>
  );
}
