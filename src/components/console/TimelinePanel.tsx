import { clockText } from '../../console/format';
import { timelineView } from '../../console/incident-view';
import { useConsole, useFrameVersion, useLog, useScenario } from './context';

const KIND_LABEL = { alert: 'alert', action: 'action', comms: 'comms', deploy: 'deploy', incident: 'incident', system: 'system', refused: 'refused', fault: 'fault' } as const;

/** Alerts, actions, milestones and annotations, in time order, newest first so the latest stays in view. */
export default function TimelinePanel() {
  const { frames } = useConsole();
  const log = useLog();
  const warm = useScenario()?.warmupSeconds ?? 0;
  useFrameVersion();
  const entries = timelineView(frames, log);
  return entries.length === 0 ? (
    <p className="muted">Nothing has happened yet.</p>
  ) : (
    <ol className="timeline" data-testid="timeline" reversed>
      {/* Keyed by position from the start: entries only ever append, so old rows keep their nodes. */}
      {entries.map((e, i) => ({ e, i })).slice(-200).reverse().map(({ e, i }) => (
        <li key={i} data-kind={e.kind}>
          <span className="timeline__t">{clockText(e.t, warm)}</span> <span className="badge">{KIND_LABEL[e.kind]}</span> {e.text}
        </li>
      ))}
    </ol>
  );
}
