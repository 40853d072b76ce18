import { useEffect, useState } from 'react';
import { logsFilterFocus } from '../../console/observations';
import { clockText } from '../../console/format';
import { useConsole, useFrameVersion, useScenario } from './context';
import { useLookHandlers, useObserve } from './observe';
import { ShowOlder, useShownRows } from './ShowOlder';

/** A filter is logged once typing has paused this long (wall clock), not once per keystroke. */
const FILTER_SETTLE_MS = 800;
const bare = () => undefined;

const SHOWN = 100;

/** Sampled structured log lines, newest first; filter by level, route, instance and correlation id. */
export default function LogsPanel() {
  const { frames } = useConsole();
  const scenario = useScenario();
  useFrameVersion();
  const [level, setLevel] = useState('');
  const [route, setRoute] = useState('');
  const [instance, setInstance] = useState('');
  const [correlation, setCorrelation] = useState('');
  const observe = useObserve();
  const look = useLookHandlers('logs', bare);
  const { shown, more } = useShownRows();
  // Filtering the logs is asking them a question: what was asked is the evidence.
  useEffect(() => {
    const focus = logsFilterFocus({ level, route, instance, correlation });
    if (!focus) return;
    const timer = setTimeout(() => observe('logs', focus), FILTER_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [level, route, instance, correlation, observe]);
  const all = frames.logs;
  const instances = [...new Set(all.map((l) => l.instance).filter((i): i is string => i !== null))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const wanted = correlation.trim();
  const lines = [];
  for (let i = all.length - 1; i >= 0 && lines.length < SHOWN; i--) {
    const l = all[i]!;
    if ((level && l.level !== level) || (route && l.route !== route) || (instance && l.instance !== instance) || (wanted && !l.correlationId.includes(wanted))) continue;
    lines.push(l);
  }
  const warm = scenario?.warmupSeconds ?? 0;
  return (
    <div className="logs">
      <div className="logs__filters">
        <label>
          Level
          <select value={level} onChange={(e) => setLevel(e.target.value)}>
            <option value="">all</option>
            <option value="error">error</option>
            <option value="warn">warn</option>
            <option value="info">info</option>
          </select>
        </label>
        <label>
          Route
          <select value={route} onChange={(e) => setRoute(e.target.value)}>
            <option value="">all</option>
            {scenario?.routes.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          Instance
          <select value={instance} onChange={(e) => setInstance(e.target.value)}>
            <option value="">all</option>
            {instances.map((i) => (
              <option key={i}>{i}</option>
            ))}
          </select>
        </label>
        <label>
          Correlation id
          <input value={correlation} onChange={(e) => setCorrelation(e.target.value)} placeholder="req-…" spellCheck={false} />
        </label>
      </div>
      <p className="muted logs__count">
        {lines.length === SHOWN ? `Newest ${SHOWN}` : lines.length} of {all.length} kept lines (successes are sampled, errors capped per second)
      </p>
      <div className="list-scroll">
        <ol className="logs__lines" {...look}>
          {lines.slice(0, shown).map((l) => (
            <li key={`${l.t}-${l.correlationId}-${l.attempt}`} data-level={l.level}>
              <span className="logs__t">{clockText(l.t, warm)}</span> <span className="logs__level">{l.level.toUpperCase()}</span> {l.status} {l.route} {l.instance ?? 'edge'} {Math.round(l.latencyMs)}
              ms{' '}
              <button type="button" className="logs__cid" onClick={() => setCorrelation(l.correlationId)} aria-label={`Show only ${l.correlationId}`}>
                {l.correlationId}
              </button>
              {l.attempt > 1 ? ` attempt ${l.attempt}` : ''} {l.msg}
            </li>
          ))}
        </ol>
        <ShowOlder shown={shown} hidden={lines.length - shown} noun="lines" onMore={more} />
      </div>
    </div>
  );
}
