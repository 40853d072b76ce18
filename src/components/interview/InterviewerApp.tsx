import { useEffect, useId, useReducer, useState, useSyncExternalStore } from 'react';
import { useSelector } from '@xstate/react';
import { clockText } from '../../console/format';
import { initialInterviewer, interviewerReducer, interviewerReportPart } from '../../interview/interviewer';
import { hostLocalRoom, type LocalHost } from '../../interview/local-room';
import { FacilitatorCore } from '../../workshop/facilitator';
import type { WorkshopScript } from '../../workshop/script';
import type { WorkshopConsole } from '../workshop/console-host';
import ConsoleView from '../workshop/ConsoleView';
import { startSimulationConsole } from '../workshop/simulation-console';
import LiveInterviewResult from './LiveInterviewResult';
import LiveRubric from './LiveRubric';
import NudgePalette from './NudgePalette';
import { useReplayScore } from './replay-score';
import '../../styles/workshop.css';

interface Props {
  /** The interview's drill as a facilitator's script (root cause and par for the interviewer; no injects: the drill's own faults run). */
  script: WorkshopScript;
  seed: number;
  warmupSeconds: number;
  candidatePath: string;
}

/**
 * The interviewer-led live interview: the interviewer's window runs the only simulation (the workshop's
 * facilitator logic) and hosts a room the candidate's window joins in the same browser; nudges, live
 * scores, notes, and the report from the candidate's log.
 */
export default function InterviewerApp(props: Props) {
  const [candidate, setCandidate] = useState<string | null>(null);
  return candidate === null ? <Setup onStart={setCandidate} /> : <Session {...props} candidate={candidate} />;
}

function Setup({ onStart }: { onStart(name: string): void }) {
  const [name, setName] = useState('');
  return (
    <form
      className="card workshop-setup"
      aria-labelledby="iv-setup-heading"
      onSubmit={(e) => {
        e.preventDefault();
        onStart(name.trim());
      }}
    >
      <h2 id="iv-setup-heading">Open the interview</h2>
      <p className="muted">
        This window runs the drill and hosts the interview; the candidate gets their own window in this browser (a second screen, or a shared screen) with
        the console and your nudges, never the script.
      </p>
      <div className="field">
        <label htmlFor="iv-candidate">Candidate's name (optional)</label>
        <input id="iv-candidate" value={name} maxLength={60} autoComplete="off" onChange={(e) => setName(e.target.value)} />
      </div>
      <button type="submit" className="button">
        Open the interview room
      </button>
    </form>
  );
}

function Session({ script, seed, warmupSeconds, candidatePath, candidate }: Props & { candidate: string }) {
  const id = useId();
  const [core] = useState(() => new FacilitatorCore(script, seed, warmupSeconds));
  const [c] = useState<WorkshopConsole>(() => {
    const started = startSimulationConsole((conn) => core.wrap(conn));
    core.attach(started.actor, started.frames);
    return started;
  });
  const [host, setHost] = useState<LocalHost | null>(null);
  const snapshot = useSyncExternalStore(core.subscribe, core.getSnapshot);
  const [state, dispatch] = useReducer(interviewerReducer, undefined, initialInterviewer);
  const t = useSelector(c.actor, (s) => s.context.clock.t);
  const { scoring, score } = useReplayScore();

  useEffect(() => {
    // The drill itself (its faults included) on the interview's seed: the same run the solo interview scores.
    c.actor.send({ type: 'LOAD', request: { source: { kind: 'builtin', id: script.id }, seed, warmupSeconds, skipBriefing: true } });
    const h = hostLocalRoom((m) => core.onRelay(m));
    core.connectRelay(h.send, 'open');
    h.send({ type: 'create' });
    setHost(h);
    const leave = () => h.close();
    addEventListener('pagehide', leave);
    return () => {
      removeEventListener('pagehide', leave);
      h.close();
      c.stop();
    };
  }, [c, core, script.id, seed, warmupSeconds]);

  const session = snapshot.session;
  const link = host ? `${location.origin}${candidatePath}?room=${host.code}` : null;
  const joined = session.players.filter((p) => p.connected);
  // What the candidate did and looked at, newest first (the interviewer's own notes stay out).
  const activity = session.timeline.filter((e) => e.kind === 'action' || e.kind === 'refused' || e.kind === 'room' || e.kind === 'stakeholder').slice(-40).reverse();

  const buildReport = () => {
    const log = c.actor.getSnapshot().context.log;
    score({ scenario: script.id, seed, warmupSeconds, log: log.map((l) => ({ at: l.at, action: l.action })) });
  };

  return (
    <div className="workshop interviewer">
      <div className="workshop-panels">
        <section className="card workshop-room" aria-labelledby={`${id}-room`}>
          <h2 id={`${id}-room`}>The candidate's window</h2>
          {link ? (
            <>
              <p className="workshop-code">
                Room <strong data-testid="interview-room">{host!.code}</strong>
              </p>
              <p>
                <a href={link} target="_blank" rel="noopener" data-testid="candidate-link">
                  Open the candidate's window (new tab)
                </a>
              </p>
              <p className="muted">Same browser only: the windows talk to each other directly, with no server.</p>
            </>
          ) : (
            <p className="muted">Opening the room…</p>
          )}
          <p role="status" data-testid="candidate-status">
            {joined.length === 0 ? 'Waiting for the candidate to join…' : `Joined: ${joined.map((p) => p.name).join(', ')}`}
          </p>
          {snapshot.problem && (
            <p className="notice notice--error" role="alert">
              {snapshot.problem}
            </p>
          )}
          <details>
            <summary>Root cause and par (yours only)</summary>
            <p>{script.rootCause.summary}</p>
            <p className="muted">Par: {script.par.map((p) => `${String(p.action.type)} by T+${Math.round(p.at / 60)} min`).join(', ') || 'none'}</p>
          </details>
        </section>

        <NudgePalette
          now={t}
          warmupSeconds={warmupSeconds}
          nudges={state.nudges}
          onNudge={(nudge) => {
            core.stakeholder('Interviewer', nudge.text);
            dispatch({ type: 'NUDGED', nudge });
          }}
        />

        <section className="card workshop-log" aria-labelledby={`${id}-activity`}>
          <h2 id={`${id}-activity`}>What the candidate does</h2>
          <p className="muted">Actions, and what they looked at (map nodes, charts, alerts, log filters, the timeline), as the rubric reads them.</p>
          {activity.length === 0 ? (
            <p className="muted">Nothing yet.</p>
          ) : (
            <ol className="workshop-entries" data-testid="candidate-activity" tabIndex={0} aria-label="The candidate's actions and looks, newest first">
              {activity.map((e, i) => (
                <li key={i} data-kind={e.kind}>
                  <span className="workshop-entries__t">{clockText(e.t, warmupSeconds)}</span> <strong>{e.who}</strong> {e.text.replace(/^viewed: /, '')}
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>

      <LiveRubric scores={state.scores} notes={state.notes} dispatch={dispatch} />

      <ConsoleView console={c} role="facilitator" />

      <section className="card" aria-labelledby={`${id}-report`}>
        <h2 id={`${id}-report`}>The report</h2>
        <p className="muted">
          Scored from the candidate's log, replayed on seed {seed} to the drill's end, with your nudges (a point each, like solo hints, hints and nudges
          together at most 5 points), your scores and your notes. Build it when the run is over, or at any time for the run so far.
        </p>
        <button type="button" className="button" onClick={buildReport} disabled={scoring.phase === 'replaying'}>
          Build the report
        </button>
        <div aria-live="polite">
          {scoring.phase === 'replaying' && <p role="status">Replaying the candidate's run…</p>}
          {scoring.phase === 'failed' && <p className="notice notice--error">{scoring.message}</p>}
        </div>
        {scoring.phase === 'scored' && (
          <>
            <p className="muted" data-testid="effects-status">
              {scoring.effects ? 'Each action’s effect is measured.' : scoring.progress ? `Measuring each action’s effect: replay ${scoring.progress.done} of ${scoring.progress.total}…` : 'Measuring each action’s effect…'}
            </p>
            <LiveInterviewResult
              {...interviewerProps(state)}
              scenario={{ id: script.id, title: script.title }}
              seed={seed}
              warmupSeconds={warmupSeconds}
              log={scoring.log}
              summary={scoring.summary}
              effects={scoring.effects}
              interviewer
              initialCandidate={candidate}
            />
          </>
        )}
      </section>
    </div>
  );
}

function interviewerProps(state: ReturnType<typeof initialInterviewer>) {
  const part = interviewerReportPart(state);
  return { nudges: part.nudges, interviewerScores: part.interviewerScores, initialNotes: part.notes };
}
