import { clockText, durationText } from '../../console/format';
import { incidentView } from '../../console/incident-view';
import { useConsoleSelector, useLatestFrame, useLog } from './context';

/** The simulated clock, the error budget left (as a gauge with its number) and the incident's state. */
export default function RunStatus() {
  const frame = useLatestFrame();
  const log = useLog();
  const clock = { t: frame?.t ?? 0 };
  const left = Math.max(0, 100 - (frame?.slo.budgetBurnedPercent ?? 0));
  const level = left < 50 ? 'bad' : left < 90 ? 'warn' : 'ok';
  const incident = incidentView(log, clock.t);
  const badge =
    incident.declaredAt === null
      ? { text: 'No incident declared', state: 'none' }
      : incident.resolvedAt !== null
        ? { text: `SEV-${incident.severity} resolved`, state: 'resolved' }
        : { text: `SEV-${incident.severity} open for ${durationText(clock.t - incident.declaredAt)}`, state: 'open' };
  return (
    <div className="run-status">
      <Clock />
      <div className="budget" data-level={level}>
        <span className="budget__label" id="budget-label">
          Error budget
        </span>
        <div
          className="budget__bar"
          role="meter"
          aria-labelledby="budget-label"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Number(left.toFixed(2))}
          aria-valuetext={`${left.toFixed(2)}% of the 30-day error budget left`}
        >
          <div className="budget__fill" style={{ width: `${left}%` }} />
        </div>
        <span className="budget__text">{left.toFixed(left > 99.9 ? 1 : 2)}% left</span>
      </div>
      <span className="incident-badge" data-state={badge.state} data-testid="incident-badge">
        {badge.text}
      </span>
    </div>
  );
}

/** The simulated clock: the one thing that follows every message from the simulation. */
function Clock() {
  const text = useConsoleSelector((s) => clockText(s.context.clock.t, s.context.scenario?.warmupSeconds ?? 0));
  const state = useConsoleSelector((s) => (s.context.clock.playing ? `${s.context.clock.speed}x` : 'paused'));
  return (
    <>
      <span className="clock" role="timer" aria-label="Simulated time" aria-live="off" data-testid="clock">
        {text}
      </span>
      <span className="clock__speed muted">{state}</span>
    </>
  );
}
