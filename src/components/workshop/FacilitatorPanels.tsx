import { useState } from 'react';
import { clockText } from '../../console/format';
import type { FacilitatorCore, FacilitatorSnapshot } from '../../workshop/facilitator';
import { TEAM_ROLES, type TeamRole } from '../../workshop/protocol';
import type { SessionInject } from '../../workshop/session';
import { useSelector } from '@xstate/react';
import { downloadText } from '../progress/client';
import type { WorkshopConsole } from './console-host';
import { Contingencies, DiscussionForm } from './FacilitatorPrompts';
import FacilitatorPlan from './FacilitatorPlan';
import ApprovalQueue from './ApprovalQueue';

interface Props {
  core: FacilitatorCore;
  snapshot: FacilitatorSnapshot;
  console: WorkshopConsole;
  /** Players are windows of this browser (BroadcastChannel), not laptops on the relay. */
  local: boolean;
}

const RELAY_TEXT = { offline: 'not connected', connecting: 'connecting…', open: 'connected', closed: 'closed' } as const;

/** The facilitator's own panels above the console: room, script and injects, players and roles, messages, the session log. */
export default function FacilitatorPanels({ core, snapshot, console: c, local }: Props) {
  const t = useSelector(c.actor, (s) => s.context.clock.t);
  const { session, relay, problem } = snapshot;
  const warm = session.warmupSeconds;
  const playersUrl = session.room ? `${location.origin}/workshop/play/?code=${session.room.code}${new URLSearchParams(location.search).get('relay') ? `&relay=${encodeURIComponent(new URLSearchParams(location.search).get('relay')!)}` : ''}` : null;
  return (
    <div className="workshop-panels">
      <section className="card workshop-room" aria-labelledby="room-heading">
        <h2 id="room-heading">Room</h2>
        {session.room ? (
          <>
            <p className="workshop-code">
              Code <strong data-testid="room-code">{session.room.code}</strong>
            </p>
            {local ? (
              <p>
                <button type="button" className="button button--small" onClick={() => window.open(`/workshop/play/?local=${session.room!.code}`, `workshop-${session.room!.code}`)}>
                  Open the players’ window
                </button>{' '}
                <span className="muted">Move it to the projector: it shows what on-call would see, never this page’s script.</span>
              </p>
            ) : (
              <p className="muted">
                Players open <a href={playersUrl!}>{playersUrl}</a> and enter a name.
              </p>
            )}
          </>
        ) : (
          <p className="muted">Opening a room on the relay…</p>
        )}
        <p className="muted" role="status">
          {local ? `Players’ windows: this browser only (no server)` : `Relay: ${RELAY_TEXT[relay]}`}
        </p>
        {problem && (
          <p className="notice notice--error" role="alert">
            {problem}
          </p>
        )}
        <button type="button" className="button button--quiet button--small" onClick={() => downloadText(`workshop-${core.script.id}-seed${core.seed}.json`, core.exportJson())}>
          Export session (JSON)
        </button>
      </section>

      <FacilitatorPlan core={core} session={session} t={t} />

      <section className="card" aria-labelledby="script-heading">
        <h2 id="script-heading">Script</h2>
        <p className="muted">Hidden from players. Faults fire on their own at their time unless you fire, delay or skip them.</p>
        <ul className="workshop-injects" role="list">
          {session.injects.map((i) => (
            <Inject key={i.id} inject={i} t={t} warm={warm} core={core} />
          ))}
        </ul>
        <Contingencies items={session.contingencies} warm={warm} core={core} />
        <details>
          <summary>Root cause and par</summary>
          <p>{core.script.rootCause.summary}</p>
          <ul>
            {core.script.rootCause.contributingFactors.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
          <p className="muted">Par: {core.script.par.map((p) => `${String(p.action.type)} by T+${Math.round(p.at / 60)} min`).join(', ') || 'none'}</p>
        </details>
      </section>

      <section className="card" aria-labelledby="players-heading">
        <h2 id="players-heading">Players</h2>
        {session.players.length === 0 ? (
          <p className="muted">Nobody has joined yet.</p>
        ) : (
          <ul className="workshop-players" role="list">
            {session.players.map((p) => (
              <li key={p.playerId}>
                <span className={p.connected ? '' : 'muted'}>
                  {p.name}
                  {p.connected ? '' : ' (disconnected)'}
                </span>
                <label className="visually-hidden" htmlFor={`role-${p.playerId}`}>
                  Role for {p.name}
                </label>
                <select id={`role-${p.playerId}`} value={p.role ?? ''} onChange={(e) => core.assignRole(p.playerId, (e.target.value || null) as TeamRole | null)}>
                  <option value="">No role</option>
                  {TEAM_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
                <button type="button" className="button button--quiet button--small" onClick={() => core.remove(p.playerId)}>
                  Remove<span className="visually-hidden"> {p.name}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <ApprovalQueue core={core} on={session.approval} queue={session.queue} warm={warm} />
        <StakeholderForm core={core} />
        <DiscussionForm core={core} discussion={session.discussion} />
      </section>

      <section className="card workshop-log" aria-labelledby="session-log-heading">
        <h2 id="session-log-heading">Session log</h2>
        <NoteForm core={core} />
        <ol className="workshop-entries" aria-live="polite">
          {session.timeline.map((e, i) => (
            <li key={i} data-kind={e.kind}>
              <span className="workshop-entries__t">{clockText(e.t, warm)}</span> <strong>{e.who}</strong> {e.text}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function Inject({ inject: i, t, warm, core }: { inject: SessionInject; t: number; warm: number; core: FacilitatorCore }) {
  const active = i.status === 'fired' && (i.durationSeconds === null || t < (i.firedAt ?? 0) + i.durationSeconds);
  const light = i.status === 'skipped' ? 'skipped' : active ? 'active' : i.status === 'fired' ? 'over' : 'scheduled';
  return (
    <li className="workshop-inject" data-state={light}>
      <span className="workshop-light" aria-hidden="true" />
      <span>
        <strong>{i.id}</strong> {i.summary}
        <br />
        <span className="muted">
          {light === 'active' ? `Active since ${clockText(i.firedAt!, warm)}` : light === 'over' ? `Fired at ${clockText(i.firedAt!, warm)}` : light === 'skipped' ? 'Skipped' : `Scheduled at ${clockText(warm + i.at, warm)}`}
        </span>
      </span>
      {i.status === 'scheduled' && (
        <span className="workshop-inject__buttons">
          <button type="button" className="button button--small" onClick={() => core.fire(i.id)}>
            Fire <span className="visually-hidden">{i.id} </span>now
          </button>
          <button type="button" className="button button--quiet button--small" onClick={() => core.delay(i.id, 60)}>
            Delay <span className="visually-hidden">{i.id} </span>1 min
          </button>
          <button type="button" className="button button--quiet button--small" onClick={() => core.skip(i.id)}>
            Skip<span className="visually-hidden"> {i.id}</span>
          </button>
        </span>
      )}
    </li>
  );
}

function StakeholderForm({ core }: { core: FacilitatorCore }) {
  const [from, setFrom] = useState('VP Engineering');
  const [text, setText] = useState('');
  return (
    <form
      className="workshop-form"
      aria-labelledby="stakeholder-heading"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        core.stakeholder(from.trim() || 'Stakeholder', text.trim());
        setText('');
      }}
    >
      <h3 id="stakeholder-heading">Stakeholder message</h3>
      <label htmlFor="sh-from">From</label>
      <input id="sh-from" value={from} maxLength={80} onChange={(e) => setFrom(e.target.value)} />
      <label htmlFor="sh-text">Message to the players</label>
      <textarea id="sh-text" value={text} maxLength={2000} rows={2} onChange={(e) => setText(e.target.value)} />
      <button type="submit" className="button button--small">
        Send to players
      </button>
    </form>
  );
}

function NoteForm({ core }: { core: FacilitatorCore }) {
  const [text, setText] = useState('');
  return (
    <form
      className="workshop-form workshop-form--inline"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        core.note(text.trim());
        setText('');
      }}
    >
      <label htmlFor="note-text">Private note</label>
      <input id="note-text" value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} />
      <button type="submit" className="button button--quiet button--small">
        Add note
      </button>
    </form>
  );
}

