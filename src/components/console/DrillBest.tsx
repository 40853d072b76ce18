import { describeDrillResult as describe } from '../progress/status-text';
import { useProgress } from '../progress/useProgress';

/** A drill's best result from the learner's progress (or "Not tried yet"), for cards on the catalogue and the path. */
export default function DrillBest({ drillId }: { drillId: string }) {
  const progress = useProgress();
  const state = progress?.drills[drillId];
  if (!progress) return <p className="drill-best muted">&nbsp;</p>;
  if (!state?.best) return <p className="drill-best muted" data-drill-best={drillId}>Not tried yet</p>;
  return (
    <p className="drill-best" data-drill-best={drillId} data-passed={state.best.passed}>
      <span className={`badge${state.best.passed ? ' badge--done' : ''}`}>{state.best.passed ? 'Passed' : 'Tried'}</span> Best: {describe(state.best)}
      {state.attempts > 1 && <span className="muted"> ({state.attempts} attempts)</span>}
    </p>
  );
}

/** Every drill result in progress, with a link back to the drill (the progress page). */
export function DrillResults({ drills }: { drills: { id: string; title: string }[] }) {
  const progress = useProgress();
  if (!progress) return null;
  const tried = drills.filter((d) => progress.drills[d.id]?.best);
  if (tried.length === 0) return <p className="muted">No drills finished yet. <a href="/drills/">Try one</a>.</p>;
  return (
    <ul className="drill-results">
      {tried.map((d) => (
        <li key={d.id}>
          <a href={`/drills/${d.id}/`}>{d.title}</a>: {describe(progress.drills[d.id]!.best!)}
        </li>
      ))}
    </ul>
  );
}
