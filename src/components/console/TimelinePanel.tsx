import { clockText } from '../../console/format';
import { timelineView } from '../../console/incident-view';
import { useCallback } from 'react';
import { useConsole, useFrameVersion, useLog, useScenario } from './context';
import { useLookHandlers } from './observe';
import { ShowOlder, useShownRows } from './ShowOlder';

/** The newest entries the panel keeps; older ones are in the debrief. */
const KEPT = 200;

const KIND_LABEL = {
  alert: 'alert',
  action: 'action',
  comms: 'comms',
  deploy: 'deploy',
  incident: 'incident',
  system: 'system',
  refused: 'refused',
  fault: 'fault',
} as const;

/** Alerts, actions, milestones and annotations, in time order, newest first so the latest stays in view. */
export default function TimelinePanel() {
  const { frames } = useConsole();
  const log = useLog();
  const warm = useScenario()?.warmupSeconds ?? 0;
  useFrameVersion();
  const entries = timelineView(frames, log);
  // Reading the timeline is checking recent changes: the entry handled, or else the latest deploy.
  const describe = useCallback(
    (target: Element) => {
      const row = target.closest('li')?.textContent?.trim();
      if (row) return `recent changes: ${row}`;
      const deploy = entries.findLast((e) => e.kind === 'deploy');
      return deploy ? `recent changes: latest deploy ${clockText(deploy.t, warm)} ${deploy.text}` : 'recent changes';
    },
    [entries, warm],
  );
  const look = useLookHandlers('timeline', describe);
  const { shown, more } = useShownRows();
  const rows = Math.min(shown, KEPT, entries.length);
  return entries.length === 0 ? (
    <p className="muted">Nothing has happened yet.</p>
  ) : (
    <div className="list-scroll">
      <ol className="timeline" data-testid="timeline" reversed {...look}>
        {/* Keyed by position from the start: entries only ever append, so old rows keep their nodes. */}
        {entries
          .map((e, i) => ({ e, i }))
          .slice(-rows)
          .reverse()
          .map(({ e, i }) => (
            <li key={i} data-kind={e.kind}>
              <span className="timeline__t">{clockText(e.t, warm)}</span> <span className="badge">{KIND_LABEL[e.kind]}</span> {e.text}
            </li>
          ))}
      </ol>
      <ShowOlder shown={shown} hidden={Math.min(KEPT, entries.length) - rows} noun="entries" onMore={more} />
    </div>
  );
}
