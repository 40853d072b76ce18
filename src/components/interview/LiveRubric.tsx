import { useId, type Dispatch } from 'react';
import type { InterviewerEvent, LiveScore } from '../../interview/interviewer';
import { LEVEL_NAMES, RUBRIC, type DimensionId, type Level } from '../../interview/rubric';

interface Props {
  scores: Record<DimensionId, LiveScore>;
  notes: string;
  dispatch: Dispatch<InterviewerEvent>;
}

const LEVELS = [1, 2, 3, 4] as const;

/** The rubric to score live: a level per dimension (each level's anchor beside it), a note each, and overall notes. */
export default function LiveRubric({ scores, notes, dispatch }: Props) {
  const id = useId();
  return (
    <section className="card live-rubric" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Your scores</h2>
      <p className="muted">Score as you watch; the report shows your level next to the one the log supports.</p>
      <div className="live-rubric__dims">
        {RUBRIC.map((d) => (
          <fieldset key={d.id} className="live-rubric__dim" data-dimension={d.id}>
            <legend>
              {d.title} <span className="muted">{d.question}</span>
            </legend>
            {LEVELS.map((l: Level) => (
              <label key={l} className="live-rubric__level">
                <input type="radio" name={`${id}-${d.id}`} checked={scores[d.id].level === l} onChange={() => dispatch({ type: 'SCORED', dimension: d.id, level: l })} />
                <span>
                  <strong>
                    {l} · {LEVEL_NAMES[l]}
                  </strong>{' '}
                  <span className="muted">{d.levels[l]}</span>
                </span>
              </label>
            ))}
            <label className="live-rubric__note">
              Note on {d.title.toLowerCase()}
              <input type="text" value={scores[d.id].note} maxLength={500} onChange={(e) => dispatch({ type: 'SCORE_NOTE', dimension: d.id, note: e.target.value })} />
            </label>
          </fieldset>
        ))}
      </div>
      <label htmlFor={`${id}-notes`}>Interviewer notes</label>
      <textarea id={`${id}-notes`} rows={3} value={notes} onChange={(e) => dispatch({ type: 'NOTES', notes: e.target.value })} />
    </section>
  );
}
