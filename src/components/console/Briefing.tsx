import { useEffect, useRef } from 'react';
import { baseline } from '../../console/baseline';
import type { DrillInfo } from '../../console/drill-catalogue';
import { compactNumber, msText, percentText } from '../../console/format';
import { useConsole, useScenario } from './context';

/** A 30-day error budget in minutes of total outage: (1 - SLO) x 30 days. */
const budgetMinutes = (slo: number, days: number) => Math.round((1 - slo) * days * 24 * 60);

/** The drill's briefing: what you own, what healthy looks like, what is at stake, what "handled well" means. */
export default function Briefing({ drill }: { drill: DrillInfo }) {
  const { actor, frames } = useConsole();
  const scenario = useScenario();
  const start = useRef<HTMLButtonElement>(null);
  useEffect(() => start.current?.focus(), []);
  if (!scenario) return null;
  const b = baseline(frames.frames);
  const c = scenario.components;
  const owned = [
    `${scenario.service.replicas} instances of the ${scenario.service.name} service, running ${scenario.service.version}`,
    ...(c.cache ? ['a read-through cache'] : []),
    ...(c.database ? ['a database (primary and replica) with connection pools'] : []),
    ...c.dependencies.map((d) => `calls to the ${d} provider, behind a circuit breaker`),
    ...(c.queue ? ['an order queue with background workers'] : []),
  ];
  return (
    <section className="briefing card" aria-labelledby="briefing-heading">
      <h2 id="briefing-heading">Briefing</h2>
      <p className="briefing__lead">{scenario.briefing}</p>
      <div className="briefing__grid">
        <div>
          <h3>What you own</h3>
          <ul>
            {owned.map((o) => (
              <li key={o}>{o}</li>
            ))}
            <li>its users: {scenario.sources.join(', ')} clients</li>
          </ul>
        </div>
        <div>
          <h3>What healthy looks like</h3>
          {b ? (
            <dl className="briefing__numbers" data-testid="baseline">
              <dt>Traffic</dt>
              <dd>{compactNumber(b.requestsPerSecond)} requests/s</dd>
              <dt>Errors</dt>
              <dd>{percentText(b.errorRatio)}</dd>
              <dt>p99 latency</dt>
              <dd>{msText(b.p99Ms)}</dd>
              <dt>CPU</dt>
              <dd>{percentText(b.cpu, 0)}</dd>
              {b.cacheHitRatio !== null && (
                <>
                  <dt>Cache hits</dt>
                  <dd>{percentText(b.cacheHitRatio, 0)}</dd>
                </>
              )}
            </dl>
          ) : (
            <p className="muted">No baseline yet.</p>
          )}
          <p className="muted">Measured over the last {Math.round((b?.seconds ?? 0) / 60)} minutes before you join; the charts show them too.</p>
        </div>
        <div>
          <h3>What is at stake</h3>
          <p>
            The SLO: {percentText(scenario.slo.availability, 1)} of requests succeed over {scenario.slo.windowDays} days. That leaves an error budget of{' '}
            {percentText(1 - scenario.slo.availability, 1)} of requests, about {budgetMinutes(scenario.slo.availability, scenario.slo.windowDays)} minutes of total outage a month.
          </p>
          <p>Burn-rate alerts page you when the budget burns 14.4 or 6 times too fast, and open a ticket at 3 and 1 times.</p>
        </div>
        <div>
          <h3>Handled well means</h3>
          <ul data-testid="criteria">
            {scenario.successCriteria.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          <p className="muted">
            You play {drill.minutes} simulated minutes. What broke stays hidden until the end.
          </p>
        </div>
      </div>
      <div className="briefing__start">
        <button ref={start} type="button" className="button" onClick={() => actor.send({ type: 'START' })}>
          Start the drill
        </button>
        <span className="muted">
          Space plays and pauses, 1-5 set the speed, Ctrl K opens every action. Press ? for all keys.
        </span>
      </div>
    </section>
  );
}
