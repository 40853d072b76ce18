import { useEffect, useRef } from 'react';
import { drillOutcome, drillResult } from '../../console/drill-outcome';
import type { FreePlayOptions } from '../../console/free-play';
import { clockText, durationText } from '../../console/format';
import { getProgressStore } from '../progress/client';
import { useConsole, useConsoleSelector } from './context';
import RunSharing from './RunSharing';

/**
 * The end of a run: each success criterion passed or failed, budget burned, the incident's timings,
 * and what was hidden (root cause, fault times). A finished drill is recorded in progress once. The
 * full debrief (par, per-action effects, postmortem) grows from here.
 */
export default function EndScreen({ drillId, freePlay }: { drillId: string | null; freePlay: FreePlayOptions | null }) {
  const { actor } = useConsole();
  const reveal = useConsoleSelector((s) => s.context.reveal);
  const scenario = useConsoleSelector((s) => s.context.scenario);
  const request = useConsoleSelector((s) => s.context.request);
  const heading = useRef<HTMLHeadingElement>(null);
  const recorded = useRef<unknown>(null);
  const replay = request?.replay !== undefined;
  const outcome = reveal && scenario ? drillOutcome(reveal, scenario) : null;

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (!outcome || !drillId || replay || !request || recorded.current === reveal) return;
    recorded.current = reveal;
    getProgressStore().recordDrillResult(drillId, drillResult(outcome, request.seed));
  }, [outcome, drillId, replay, request, reveal]);

  if (!outcome || !scenario) return null;
  const warm = scenario.warmupSeconds;
  const title = drillId ? (outcome.passed ? 'Drill passed' : 'Drill not passed') : 'Run over';
  return (
    <section className="end card" aria-labelledby="end-heading" data-passed={drillId ? outcome.passed : undefined}>
      <h2 id="end-heading" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <p className="muted">
        {replay ? 'A replay of a shared run: its result is not saved to your progress.' : drillId ? 'Saved to your progress (your best result is kept).' : 'Free play is not scored.'}
      </p>
      {outcome.criteria.length > 0 && (
        <>
          <h3>Success criteria</h3>
          <ul className="end__criteria">
            {outcome.criteria.map((c) => (
              <li key={c.text} data-passed={c.passed}>
                <span aria-hidden="true">{c.passed ? '✓' : '✕'}</span> <span className="visually-hidden">{c.passed ? 'Passed:' : 'Failed:'}</span> {c.text} <span className="muted">({c.detail})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>The numbers</h3>
      <dl className="end__numbers" data-testid="run-summary">
        <dt>Error budget burned</dt>
        <dd>{outcome.budgetBurnedPercent.toFixed(2)}% of 30 days</dd>
        <dt>MTTD (start to first page)</dt>
        <dd>{durationText(outcome.timings.mttd)}</dd>
        <dt>MTTA (page to acknowledge)</dt>
        <dd>{durationText(outcome.timings.mtta)}</dd>
        <dt>MTTM (start to users no longer hurt)</dt>
        <dd>{durationText(outcome.timings.mttm)}</dd>
        <dt>MTTR (start to resolved)</dt>
        <dd>{durationText(outcome.timings.mttr)}</dd>
      </dl>
      <h3>What happened</h3>
      {outcome.rootCause && <p className="end__cause">{outcome.rootCause}</p>}
      <ul className="end__faults">
        {outcome.faults.map((f, i) => (
          <li key={i}>
            {f.type}: from {clockText(f.from + warm, warm)}
            {f.until !== null ? ` to ${clockText(f.until + warm, warm)}` : ' until fixed'}
          </li>
        ))}
        {outcome.faults.length === 0 && <li>No faults ran.</li>}
      </ul>
      <div className="end__actions">
        <button type="button" className="button" onClick={() => actor.send({ type: 'RESTART' })}>
          {drillId ? 'Play again' : 'Start over'}
        </button>
        {drillId && (
          <a className="button button--quiet" href="/drills/">
            All drills
          </a>
        )}
        {freePlay && (
          <a className="button button--quiet" href="/sim/">
            Choose another system
          </a>
        )}
        <RunSharing compact={false} />
      </div>
    </section>
  );
}
