import { useState } from 'react';
import { clockText, durationText } from '../../console/format';
import { alertsView, alertTitle, type AlertRow } from '../../console/incident-view';
import { useConsole, useFrameVersion, useLog, useScenario } from './context';
import { useLookHandlers } from './observe';

/** The alert a click or key in the list was about, with its state then. */
function alertFocus(target: Element): string | undefined {
  const row = target.closest<HTMLElement>('.alert-row');
  return row?.dataset.alert ? `${alertTitle(row.dataset.alert)} ${row.dataset.state ?? ''}` : undefined;
}

const STATE_GLYPH = { firing: '●', pending: '◐', resolved: '✓', inactive: '○' } as const;
const SILENCE_MINUTES = [15, 30, 60, 120, 240];

/** The burn-rate alerts: pending, firing, resolved; Acknowledge (MTTA runs from the first page); silence with an expiry. */
export default function AlertsPanel() {
  const { actor, frames } = useConsole();
  const log = useLog();
  const scenario = useScenario();
  useFrameVersion();
  const now = frames.latest?.t ?? 0;
  const warm = scenario?.warmupSeconds ?? 0;
  const view = alertsView(frames, log, now);
  const look = useLookHandlers('alerts', alertFocus);
  const firing = view.rows.filter((r) => r.state === 'firing').length;
  return (
    <div className="alerts">
      <p className="alerts__summary" data-testid="alerts-summary">
        {firing ? `${firing} firing` : 'Nothing firing'}
        {view.acknowledgedAt !== null
          ? ` · acknowledged at ${clockText(view.acknowledgedAt, warm)}${view.mtta !== null ? `, MTTA ${durationText(view.mtta)}` : ''}`
          : view.firstFiredAt !== null
            ? ` · paged ${durationText(now - view.firstFiredAt)} ago, not acknowledged`
            : ''}
      </p>
      <button
        type="button"
        className={`button button--small${view.needsAck ? ' button--urgent' : ' button--quiet'}`}
        disabled={view.acknowledgedAt !== null || view.firstFiredAt === null}
        onClick={() => actor.send({ type: 'ACT', action: { type: 'acknowledge' } })}
      >
        Acknowledge
      </button>
      <ul className="alerts__list" {...look}>
        {view.rows.map((r) => (
          <AlertItem key={r.id} row={r} now={now} warm={warm} />
        ))}
      </ul>
    </div>
  );
}

function AlertItem({ row, now, warm }: { row: AlertRow; now: number; warm: number }) {
  const { actor } = useConsole();
  const [minutes, setMinutes] = useState(30);
  const title = alertTitle(row.id);
  const active = row.state === 'firing' || row.state === 'pending';
  return (
    <li className="alert-row" data-state={row.state} data-alert={row.id}>
      <span className="alert-row__state">
        <span aria-hidden="true">{STATE_GLYPH[row.state]}</span> {row.state}
      </span>
      <span className="alert-row__title">
        {title} <span className="badge">{row.severity}</span>
      </span>
      <span className="alert-row__since muted">
        {row.state === 'inactive' ? 'never fired' : `${row.state} since ${clockText(row.since, warm)} (${durationText(now - row.since)})`}
        {row.silencedUntil !== null && ` · silenced until ${clockText(row.silencedUntil, warm)}`}
      </span>
      {active && row.silencedUntil === null && (
        <span className="alert-row__silence">
          <label>
            <span className="visually-hidden">Silence {title} for</span>
            <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
              {SILENCE_MINUTES.map((m) => (
                <option key={m} value={m}>
                  {m} min
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button button--quiet button--small" onClick={() => actor.send({ type: 'ACT', action: { type: 'silence-alert', alert: row.id, minutes } })} aria-label={`Silence ${title} for ${minutes} minutes`}>
            Silence
          </button>
        </span>
      )}
    </li>
  );
}
