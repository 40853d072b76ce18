import { lessonsDone } from './status-text';
import { useProgress } from './useProgress';

interface Props {
  /** Lessons that count towards this bar. */
  lessonIds: string[];
  label: string;
}

/** "3 of 6 lessons complete", as a bar with a text equivalent. */
export default function ProgressBar({ lessonIds, label }: Props) {
  const progress = useProgress();
  const { done, total, pct, text } = lessonsDone(progress, lessonIds);
  return (
    <div className="progress" data-progress-done={done ?? undefined} data-progress-total={total}>
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
