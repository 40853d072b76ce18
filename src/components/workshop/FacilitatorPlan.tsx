import { clockText } from '../../console/format';
import type { FacilitatorCore } from '../../workshop/facilitator';
import type { SessionState } from '../../workshop/session';

/**
 * A scenario pack's plan on the facilitator's page: each phase with its time and notes (the one the
 * clock is in marked), and the rubric to tick as the team goes. Nothing here reaches players.
 */
export default function FacilitatorPlan({ core, session, t }: { core: FacilitatorCore; session: SessionState; t: number }) {
  const pack = core.script.pack;
  if (!pack) return null;
  const warm = session.warmupSeconds;
  const elapsed = t - warm;
  const current = pack.phases.reduce((found, p, i) => (elapsed >= p.from ? i : found), -1);
  return (
    <section className="card workshop-plan" aria-labelledby="plan-heading">
      <h2 id="plan-heading">Plan: {pack.title}</h2>
      <p className="muted">From the scenario pack; about {pack.prepMinutes} minutes to read before the session. Hidden from players.</p>
      {pack.phases.length > 0 && (
        <ol className="workshop-phases">
          {pack.phases.map((p, i) => (
            <li key={i} aria-current={i === current ? 'step' : undefined} data-current={i === current}>
              <strong>
                {clockText(warm + p.from, warm)} {p.title}
              </strong>
              {i === current && <span className="muted"> (now)</span>}
              {p.notes && <p>{p.notes}</p>}
            </li>
          ))}
        </ol>
      )}
      {session.rubric.length > 0 && (
        <fieldset className="workshop-rubric">
          <legend>Rubric</legend>
          {session.rubric.map((r, i) => (
            <label key={i}>
              <input type="checkbox" checked={r.checked} onChange={(e) => core.rubric(i, e.target.checked)} /> {r.text}
            </label>
          ))}
        </fieldset>
      )}
    </section>
  );
}
