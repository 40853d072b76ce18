import { useEffect, useId, useState } from 'react';
import { checkEstimate, getExercise, type CheckResult, type EstimateStep, type ExerciseStep } from '../../interview/exercises';
import { getProgressStore } from '../progress/client';
import { useProgress } from '../progress/useProgress';

interface Props {
  exerciseId: string;
}

/** One practice problem, step by step: design parts compared with a strong answer, numbers checked in the labs. */
export default function DesignExercise({ exerciseId }: Props) {
  const exercise = getExercise(exerciseId);
  const progress = useProgress();
  if (!exercise) return <p className="notice notice--error">There is no exercise "{exerciseId}".</p>;
  const state = progress?.interview.exercises[exercise.id];
  const estimates = exercise.steps.filter((s): s is EstimateStep => s.kind === 'estimate');

  function recorded(step: EstimateStep, answer: number, ok: boolean) {
    const store = getProgressStore();
    try {
      store.recordExerciseStep(exercise!.id, step.id, answer, ok);
      const steps = store.get().interview.exercises[exercise!.id]?.steps ?? {};
      if (estimates.every((s) => steps[s.id]?.ok)) store.completeExercise(exercise!.id);
    } catch {
      // Progress that cannot be saved is reported on every page by the progress notice.
    }
  }

  return (
    <div className="design-exercise" data-hydrated={progress ? 'true' : undefined}>
      {state?.completedAt && (
        <p className="notice notice--ok" role="status">
          Every number in this exercise met its target in the lab (first on {state.completedAt.slice(0, 10)}).
        </p>
      )}
      <ol className="exercise-steps">
        {exercise.steps.map((step, i) => (
          <li key={step.id} className="card exercise-step">
            <h2>
              <span className="muted">Step {i + 1}.</span> {step.title}
            </h2>
            {step.kind === 'design' ? <DesignStep step={step} /> : <EstimateStepView step={step} saved={state?.steps[step.id]} onChecked={recorded} />}
          </li>
        ))}
      </ol>
    </div>
  );
}

function DesignStep({ step }: { step: Extract<ExerciseStep, { kind: 'design' }> }) {
  const id = useId();
  const [notes, setNotes] = useState('');
  const [shown, setShown] = useState(false);
  return (
    <div>
      <p>{step.prompt}</p>
      <label htmlFor={`${id}-notes`}>Your notes</label>
      <textarea id={`${id}-notes`} rows={5} value={notes} onChange={(e) => setNotes(e.target.value)} />
      <div className="actions">
        <button type="button" className="button button--quiet" aria-expanded={shown} aria-controls={`${id}-points`} onClick={() => setShown((s) => !s)}>
          {shown ? 'Hide the strong answer' : 'Compare with a strong answer'}
        </button>
      </div>
      <div id={`${id}-points`} hidden={!shown}>
        <p>A strong answer covers:</p>
        <ul>
          {step.points.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function EstimateStepView({ step, saved, onChecked }: { step: EstimateStep; saved: { answer: number; ok: boolean; at: string } | undefined; onChecked: (step: EstimateStep, answer: number, ok: boolean) => void }) {
  const id = useId();
  const [value, setValue] = useState(saved === undefined ? '' : String(saved.answer));
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<CheckResult | null>(null);
  // Progress arrives after hydration: fill in the saved answer then, unless the learner has already typed.
  useEffect(() => {
    if (saved !== undefined) setValue((v) => (v === '' ? String(saved.answer) : v));
  }, [saved?.answer]);

  function check(e: React.FormEvent) {
    e.preventDefault();
    const answer = value.trim() === '' ? Number.NaN : Number(value);
    setRunning(true);
    setResult(null);
    // Let the page paint "running" before the lab takes the main thread for a moment.
    setTimeout(() => {
      const r = checkEstimate(step, answer);
      setResult(r);
      setRunning(false);
      if (Number.isFinite(answer) && r.runs.length + (Number.isFinite(r.measured) ? 1 : 0) > 0) onChecked(step, answer, r.ok);
    }, 30);
  }

  const servers = step.check.lab === 'queue-servers';
  return (
    <div>
      <p>{step.prompt}</p>
      <ul className="given">
        {step.given.map((g) => (
          <li key={g}>{g}</li>
        ))}
      </ul>
      <details className="hint">
        <summary>A hint</summary>
        <p>{step.hint}</p>
      </details>
      <form className="estimate" onSubmit={check}>
        <label htmlFor={`${id}-answer`}>
          Your answer ({step.unit})
        </label>
        <div className="estimate__row">
          <input id={`${id}-answer`} type="number" inputMode="decimal" step="any" value={value} onChange={(e) => setValue(e.target.value)} />
          <button type="submit" className="button" disabled={running}>
            {running ? 'Running the lab…' : 'Check in the lab'}
          </button>
        </div>
      </form>
      {saved && !result && (
        <p className="muted" data-testid="saved-check">
          Your last answer, {saved.answer}, {saved.ok ? 'met the target' : 'did not meet the target'} in the lab ({saved.at.slice(0, 10)}).
        </p>
      )}
      <div aria-live="polite" className="estimate__result">
        {result && (
          <div className={`notice ${result.ok ? 'notice--ok' : 'notice--error'}`} data-testid="lab-result" data-ok={result.ok}>
            <p>
              <strong>{result.ok ? '✓ Meets the target.' : '✗ Not yet.'}</strong> {result.message}
            </p>
            {servers && result.runs.length > 0 && (
              <table className="lab-runs">
                <caption>What the queue lab measured (10 simulated minutes)</caption>
                <thead>
                  <tr>
                    <th scope="col">{step.unit}</th>
                    <th scope="col">p99</th>
                    <th scope="col">mean</th>
                    <th scope="col">utilisation</th>
                  </tr>
                </thead>
                <tbody>
                  {result.runs.map((r) => (
                    <tr key={r.servers}>
                      <td>{r.servers}</td>
                      <td>{r.p99Ms} ms</td>
                      <td>{r.meanMs} ms</td>
                      <td>{r.utilisationPercent}%</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {(result.ok || Number.isFinite(result.measured)) && <p className="muted">{step.explanation}</p>}
          </div>
        )}
      </div>
    </div>
  );
}
