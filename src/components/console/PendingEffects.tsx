import { durationText } from '../../console/format';
import { useLog, useNow, useScenario } from './context';

/** Actions still on their way: a flag, an edge config push, a client release, booting instances. */
export default function PendingEffects() {
  const clock = { t: useNow() };
  const log = useLog();
  const scenario = useScenario();
  if (!scenario) return null;
  const pending = log
    .filter((l) => l.accepted)
    .map((l) => {
      const delay = l.action.type === 'warm-cache' ? l.action.seconds : scenario.actionDelays[l.action.type];
      return delay === undefined ? null : { at: l.at, type: l.action.type, delay, left: l.at + delay - clock.t };
    })
    .filter((p): p is NonNullable<typeof p> => p !== null && p.left > 0);
  if (pending.length === 0) return null;
  return (
    <ul className="pending" aria-label="Actions taking effect">
      {pending.map((p) => (
        <li key={`${p.at}-${p.type}`}>
          <span>
            {p.type}: takes effect in {durationText(p.left)}
          </span>
          <progress max={p.delay} value={p.delay - p.left} aria-label={`${p.type} progress`} />
        </li>
      ))}
    </ul>
  );
}
