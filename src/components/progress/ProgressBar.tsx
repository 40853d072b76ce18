import { isComplete, useProgress } from './useProgress';

interface Props {
  /** Lessons that count towards this bar. */
  lessonIds: string[];
  label: string;
}

/** "3 of 6 lessons complete", as a bar with a text equivalent. */
export default function ProgressBar({ lessonIds, label }: Props) {
  const progress = useProgress();
  const total = lessonIds.length;
  const done = progress ? lessonIds.filter((id) => isComplete(progress, id)).length : 0;
  const pct = total === 0 ? 0 : Math.round((done / total) * 100);
  const text = total === 0 ? 'No lessons yet' : `${done} of ${total} lesson${total === 1 ? '' : 's'} complete`;
  return (
    <div className="progress" data-progress-done={progress ? done : undefined} data-progress-total={total}>
      <div
        className="progress__bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={text}
      >
        <div className="progress__fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="progress__label">{progress ? text : '\u00a0'}</span>
    </div>
  );
}
