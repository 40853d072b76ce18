import { useId, useState } from 'react';
import { clockText } from '../../console/format';
import { makeNudge, NUDGE_MAX_CHARS, NUDGES, type Nudge } from '../../interview/interviewer';
import { RUBRIC, type DimensionId } from '../../interview/rubric';

interface Props {
  /** The run's clock (console seconds): each nudge is stamped with it. */
  now: number;
  warmupSeconds: number;
  nudges: Nudge[];
  onNudge(nudge: Nudge): void;
}

/** Prepared nudges per rubric dimension, or free text; each one sent is shown to the candidate and logged. */
export default function NudgePalette({ now, warmupSeconds, nudges, onNudge }: Props) {
  const id = useId();
  const [text, setText] = useState('');
  const [dimension, setDimension] = useState<DimensionId | ''>('');
  const [problem, setProblem] = useState<string | null>(null);
  const send = (t: string, d: DimensionId | null) => {
    try {
      onNudge(makeNudge(t, d, now));
      setProblem(null);
      return true;
    } catch (error) {
      setProblem((error as Error).message);
      return false;
    }
  };
  return (
    <section className="card nudge-palette" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Nudges</h2>
      <p className="muted">Each nudge appears in the candidate's window and costs a point, as a hint does solo.</p>
      {RUBRIC.map((d) => (
        <details key={d.id} className="nudge-palette__group">
          <summary>{d.title}</summary>
          <ul className="nudge-palette__list" role="list">
            {NUDGES[d.id].map((n) => (
              <li key={n}>
                <button type="button" className="button button--quiet button--small" onClick={() => send(n, d.id)}>
                  {n}
                </button>
              </li>
            ))}
          </ul>
        </details>
      ))}
      <form
        className="workshop-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (send(text, dimension || null)) setText('');
        }}
      >
        <label htmlFor={`${id}-text`}>Your own nudge</label>
        <textarea id={`${id}-text`} rows={2} maxLength={NUDGE_MAX_CHARS + 50} value={text} onChange={(e) => setText(e.target.value)} />
        <label htmlFor={`${id}-dim`}>About</label>
        <select id={`${id}-dim`} value={dimension} onChange={(e) => setDimension(e.target.value as DimensionId | '')}>
          <option value="">no particular dimension</option>
          {RUBRIC.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--small">
          Send nudge
        </button>
      </form>
      {problem && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
      <h3>Sent ({nudges.length})</h3>
      {nudges.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ol className="workshop-entries" data-testid="nudges-sent" aria-live="polite">
          {nudges.map((n, i) => (
            <li key={i}>
              <span className="workshop-entries__t">{clockText(n.at, warmupSeconds)}</span> {n.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
