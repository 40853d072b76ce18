import { useMemo, useState } from 'react';
import { describeAction } from '../../console/debrief/postmortem';
import { clockText } from '../../console/format';
import { debriefTimeline, knownAt } from '../../workshop/debrief';
import type { FacilitatorCore, FacilitatorSnapshot } from '../../workshop/facilitator';
import { useConsole, useConsoleSelector } from '../console/context';

interface Props {
  core: FacilitatorCore;
  snapshot: FacilitatorSnapshot;
  /** The projector: the team's view (shared notes only), large type, one column. */
  projector: boolean;
  who: readonly string[];
}

/**
 * The workshop's part of the debrief, before the drill's own (score, measured effects, faults,
 * postmortem): the session timeline with the facilitator's notes, and what the team knew at a
 * chosen minute. On the projector private notes stay off the screen unless shared.
 */
export default function WorkshopDebrief({ core, snapshot, projector, who }: Props) {
  const { frames } = useConsole();
  const scenario = useConsoleSelector((s) => s.context.scenario);
  const reveal = useConsoleSelector((s) => s.context.reveal);
  const endT = useConsoleSelector((s) => s.context.clock.t);
  const warm = scenario?.warmupSeconds ?? snapshot.session.warmupSeconds;
  const lastMinute = Math.max(0, Math.floor((endT - warm) / 60));
  const [minute, setMinute] = useState(() => Math.min(lastMinute, 10));
  const [revealFaults, setRevealFaults] = useState(false);
  const session = snapshot.session;
  const timeline = useMemo(() => debriefTimeline(session, projector ? 'team' : 'facilitator'), [session, projector]);
  const log = reveal?.log ?? [];
  const known = useMemo(
    () => knownAt({ second: warm + minute * 60, frameAt: (t) => frames.at(t), log, who, session, describe: describeAction, revealFaults }),
    [warm, minute, frames, log, who, session, revealFaults],
  );

  return (
    <div className="workshop-debrief">
      <section className="card" aria-labelledby="wd-timeline">
        <h2 id="wd-timeline">The session, minute by minute</h2>
        <p className="muted">{projector ? 'What the team did and was told, with the notes the facilitator shared.' : 'Private notes show here only; share one to put it on the projector and the players’ debrief.'}</p>
        {timeline.length === 0 ? (
          <p>Nothing happened in this session yet.</p>
        ) : (
          <ol className="workshop-entries workshop-entries--debrief">
            {timeline.map((e) => (
              <li key={e.index} data-kind={e.kind}>
                <span className="workshop-entries__t">{clockText(e.t, warm)}</span> <strong>{e.kind === 'note' ? `Note${e.shared ? '' : ' (private)'}` : e.who}</strong> {e.text}
                {e.kind === 'note' && !projector && (
                  <>
                    {' '}
                    <button type="button" className="button button--quiet button--small" onClick={() => core.shareNote(e.index, !e.shared)}>
                      {e.shared ? 'Make private' : 'Share with the team'}
                      <span className="visually-hidden"> (note at {clockText(e.t, warm)})</span>
                    </button>
                  </>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="card" aria-labelledby="wd-known">
        <h2 id="wd-known">What we knew at minute {minute}</h2>
        <div className="workshop-form workshop-form--inline">
          <label htmlFor="wd-minute">Minute</label>
          <input id="wd-minute" type="range" min={0} max={lastMinute} value={minute} onChange={(e) => setMinute(Number(e.target.value))} aria-valuetext={`minute ${minute}`} />
          <output htmlFor="wd-minute">T+{minute} min</output>
        </div>
        {!projector && (
          <label className="workshop-check">
            <input type="checkbox" checked={revealFaults} onChange={(e) => setRevealFaults(e.target.checked)} /> Reveal the faults running by then
          </label>
        )}
        <dl className="workshop-known">
          <dt>Alerts firing</dt>
          <dd>{known.alerts.length ? known.alerts.map((a) => `${a.id} (${a.severity})`).join(', ') : 'none'}</dd>
          <dt>Status updates posted</dt>
          <dd>
            <Entries items={known.statusUpdates} warm={warm} empty="none yet" />
          </dd>
          <dt>Actions taken</dt>
          <dd>
            <Entries items={known.actions.map((a) => ({ ...a, text: a.accepted ? a.text : `${a.text} (refused)` }))} warm={warm} empty="none yet" />
          </dd>
          <dt>Messages from stakeholders</dt>
          <dd>
            <Entries items={known.messages} warm={warm} empty="none yet" />
          </dd>
          {known.faults && (
            <>
              <dt>Faults running (hidden from the team during the run)</dt>
              <dd>
                <Entries items={known.faults.map((f) => ({ ...f, who: '' }))} warm={warm} empty="none yet" />
              </dd>
            </>
          )}
        </dl>
      </section>
    </div>
  );
}

function Entries({ items, warm, empty }: { items: { t: number; who: string; text: string }[]; warm: number; empty: string }) {
  if (items.length === 0) return <>{empty}</>;
  return (
    <ul className="workshop-known__list">
      {items.map((x, i) => (
        <li key={i}>
          <span className="workshop-entries__t">{clockText(x.t, warm)}</span> {x.who && <strong>{x.who}</strong>} {x.text}
        </li>
      ))}
    </ul>
  );
}
