import { useEffect, useMemo, useRef } from 'react';
import { runRecord } from '../../console/share';
import { drillOutcome, drillResult } from '../../console/drill-outcome';
import type { FreePlayOptions } from '../../console/free-play';
import { getProgressStore } from '../progress/client';
import Debrief, { branchBook } from '../debrief/Debrief';
import { useConsole, useConsoleSelector } from './context';
import RunSharing from './RunSharing';
import GameDayVerdict from '../gameday/GameDayVerdict';
import type { CustomRun } from '../../console/custom-scenario';

/**
 * The end of a run: passed or not against each success criterion, then the debrief (score against
 * par, what each action did, the faults revealed, rewind-and-branch, the postmortem). A finished
 * drill is recorded in progress once; a branch rewound from it, or a shared run replayed, is not.
 */
/** `teamRun`: a workshop's run, judged on the facilitator's screen and saved to nobody's progress. */
export default function EndScreen({ drillId, freePlay, custom = null, teamRun = false }: { drillId: string | null; freePlay: FreePlayOptions | null; custom?: CustomRun | null; teamRun?: boolean }) {
  const { actor } = useConsole();
  const reveal = useConsoleSelector((s) => s.context.reveal);
  const scenario = useConsoleSelector((s) => s.context.scenario);
  const request = useConsoleSelector((s) => s.context.request);
  const reached = useConsoleSelector((s) => s.context.clock.t);
  const heading = useRef<HTMLHeadingElement>(null);
  const recorded = useRef<unknown>(null);
  const replay = request?.replay !== undefined;
  const outcome = reveal && scenario ? drillOutcome(reveal, scenario) : null;

  // Every finished run of this scenario and seed is a branch of the session (once, however often this renders).
  const branch = useMemo(() => {
    if (!reveal || !request) return null;
    const scenarioRef = request.source.kind === 'builtin' ? request.source.id : (request.source.scenario as Record<string, unknown>);
    const record = runRecord({ scenario: scenarioRef, seed: request.seed, warmupSeconds: request.warmupSeconds, reachedSeconds: reached, log: reveal.log });
    return branchBook(request.source, request.seed).add({ record, summary: reveal.summary, log: reveal.log });
  }, [reveal, request]); // eslint-disable-line react-hooks/exhaustive-deps
  const attempt = Boolean(drillId && !replay && branch && branch.parent === null);

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (!outcome || !drillId || !attempt || !request || recorded.current === reveal) return;
    recorded.current = reveal;
    getProgressStore().recordDrillResult(drillId, drillResult(outcome, request.seed));
  }, [outcome, drillId, attempt, request, reveal]);

  if (!outcome || !scenario || !branch) return null;
  const judged = drillId !== null || (custom !== null && outcome.criteria.length > 0);
  const title = reveal?.gameDay ? (reveal.gameDay.aborted ? 'Game day aborted' : 'Game day over') : judged ? (outcome.passed ? (custom ? 'Scenario passed' : 'Drill passed') : custom ? 'Scenario not passed' : 'Drill not passed') : 'Run over';
  return (
    <section className="end card" aria-labelledby="end-heading" data-passed={drillId ? outcome.passed : undefined}>
      <h2 id="end-heading" ref={heading} tabIndex={-1}>
        {title}
        {branch.parent !== null && <span className="muted"> (branch {branch.n})</span>}
      </h2>
      <p className="muted">
        {replay
          ? 'A replay of a shared run: its result is not saved to your progress.'
          : branch.parent !== null
            ? 'A branch rewound from an earlier run: compare it below; your progress keeps the run as you first played it.'
            : drillId
              ? 'Saved to your progress (your best result is kept).'
              : custom
                ? 'A scenario from a file: its result is not saved to your progress.'
                : teamRun
                  ? 'A team run: it is not saved to anyone’s progress.'
                  : 'Free play is not scored.'}
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
      {reveal?.gameDay && custom && <GameDayVerdict report={reveal.gameDay} custom={custom} fresh={!replay && branch.parent === null} budgetBurnedPercent={outcome.budgetBurnedPercent} mitigatedSeconds={outcome.mitigatedSeconds} seed={request!.seed} />}
      <Debrief drillId={drillId} recorded={attempt} branch={branch} />
      <div className="end__actions">
        <button type="button" className="button" onClick={() => actor.send({ type: 'RESTART' })}>
          {drillId || custom ? 'Play again' : 'Start over'}
        </button>
        {(drillId || custom) && (
          <a className="button button--quiet" href="/drills/">
            All drills
          </a>
        )}
        {custom?.origin === 'game-day' && (
          <a className="button button--quiet" href="/drills/game-day/">
            Back to the design
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
