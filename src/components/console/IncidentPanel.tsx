import { useState, type FormEvent } from 'react';
import { ROLES, SEVERITIES } from '../../console/constants';
import { clockText, durationText } from '../../console/format';
import { incidentView } from '../../console/incident-view';
import { useConsole, useLog, useNow, useScenario } from './context';
import StatusUpdateForm from './StatusUpdateForm';

const SEVERITY_TEXT = ['', 'critical: most users cannot use the product', 'major: a core feature fails for many', 'minor: degraded for some', 'low: little user impact', 'informational'];

/** Declare the incident (severity, roles), post status updates on a promised schedule, and resolve it. */
export default function IncidentPanel() {
  const { actor } = useConsole();
  const clock = { t: useNow() };
  const log = useLog();
  const warm = useScenario()?.warmupSeconds ?? 0;
  const view = incidentView(log, clock.t);
  const act = (action: unknown) => actor.send({ type: 'ACT', action });
  const [severity, setSeverity] = useState(2);
  const [summary, setSummary] = useState('');
  const t = (s: number) => clockText(s, warm);

  if (view.declaredAt === null) {
    const declare = (e: FormEvent) => {
      e.preventDefault();
      act({ type: 'declare-incident', severity, summary: summary.trim() });
    };
    return (
      <form className="incident-form" onSubmit={declare}>
        <p className="muted">No incident declared. Declare one as soon as users are hurt: it sets roles and the update rhythm.</p>
        <label>
          Severity
          <select value={severity} onChange={(e) => setSeverity(Number(e.target.value))}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                SEV-{s}: {SEVERITY_TEXT[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          What users see <span className="muted">(optional)</span>
          <input value={summary} onChange={(e) => setSummary(e.target.value)} maxLength={500} placeholder="e.g. checkout fails for a quarter of requests" />
        </label>
        <button type="submit" className="button button--small">
          Declare incident
        </button>
      </form>
    );
  }

  return (
    <div className="incident">
      <p className="incident__head">
        <strong>SEV-{view.severity}</strong> declared at {t(view.declaredAt)}
        {view.summary && <> · {view.summary}</>}
        {view.resolvedAt !== null ? ` · resolved at ${t(view.resolvedAt)} after ${durationText(view.resolvedAt - view.declaredAt)}` : ` · open ${durationText(clock.t - view.declaredAt)}`}
      </p>
      {view.overdueBy > 0 && (
        <p className="notice incident__overdue" role="alert">
          Status update overdue: the next one was promised for {t(view.nextUpdateDue!)}. Post one now, even if nothing changed.
        </p>
      )}
      {view.resolvedAt === null && view.nextUpdateDue !== null && view.overdueBy === 0 && <p className="muted">Next status update due at {t(view.nextUpdateDue)}.</p>}
      <details className="incident__roles">
        <summary>
          Roles:{' '}
          {ROLES.map((r) => `${r} ${view.roles[r] ?? 'unassigned'}`).join(', ')}
        </summary>
        <RoleForm act={act} />
        <label className="incident__severity">
          Change severity{' '}
          <select value={view.severity ?? 2} onChange={(e) => act({ type: 'set-severity', severity: Number(e.target.value) })}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                SEV-{s}
              </option>
            ))}
          </select>
        </label>
      </details>
      {view.resolvedAt === null && <StatusUpdateForm act={act} />}
      {view.updates.length > 0 && (
        <ol className="incident__updates" reversed aria-label="Status updates">
          {[...view.updates].reverse().map((u) => (
            <li key={u.at}>
              <span className="muted">{t(u.at)}</span> {u.impact}
              {u.scope && <> · scope: {u.scope}</>}
              {u.currentAction && <> · doing: {u.currentAction}</>} · next by {t(u.nextUpdateAt)}
            </li>
          ))}
        </ol>
      )}
      <button type="button" className="button button--small" disabled={view.resolvedAt !== null} onClick={() => act({ type: 'resolve-incident' })}>
        Resolve incident
      </button>
    </div>
  );
}

function RoleForm({ act }: { act: (a: unknown) => void }) {
  const [role, setRole] = useState<(typeof ROLES)[number]>('IC');
  const [person, setPerson] = useState('You');
  return (
    <form
      className="incident__role"
      onSubmit={(e) => {
        e.preventDefault();
        if (person.trim()) act({ type: 'assign-role', role, person: person.trim() });
      }}
    >
      <label>
        Role
        <select value={role} onChange={(e) => setRole(e.target.value as (typeof ROLES)[number])}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <label>
        Person
        <input value={person} onChange={(e) => setPerson(e.target.value)} maxLength={60} required />
      </label>
      <button type="submit" className="button button--quiet button--small">
        Assign role
      </button>
    </form>
  );
}
