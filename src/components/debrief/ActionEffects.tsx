import { useContext } from 'react';
import type { ActionEffect } from '../../console/debrief/effects';
import { describeAction } from '../../console/debrief/postmortem';
import { clockText } from '../../console/format';
import type { LoggedAction } from '../../console/protocol';
import { ActionAttribution } from './attribution';

interface Props {
  log: readonly LoggedAction[];
  effects: ActionEffect[] | null;
  /** Effects measured so far (by index in the log), shown before the rest arrive. */
  measured?: Readonly<Record<number, ActionEffect>>;
  progress: { done: number; total: number } | null;
  warmupSeconds: number;
}

function signed(n: number, unit: string): string {
  return `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n).toLocaleString('en', { maximumFractionDigits: 2 })}${unit}`;
}

/**
 * What each action did, measured: the run replayed without it. Harm shows as harm because it was;
 * nothing here comes from a list of right answers.
 */
export default function ActionEffects({ log, effects, measured = {}, progress, warmupSeconds }: Props) {
  const who = useContext(ActionAttribution);
  const running = !effects;
  const taken = log.filter((l) => l.action.type !== 'viewed').length;
  return (
    <section className="debrief__section" aria-labelledby="debrief-effects">
      <h3 id="debrief-effects">What each action did</h3>
      <p className="muted">Each action is measured by replaying your run without it (same seed, every other action at its time) and comparing.</p>
      {progress && (
        <div className="debrief__progress">
          <progress
            id="debrief-progress"
            aria-label="Replaying runs for the debrief"
            max={Math.max(1, progress.total)}
            value={progress.done}
            aria-valuetext={`${progress.done} of ${progress.total} replays`}
          />
          <span aria-hidden="true">
            {progress.done} of {progress.total} replays
          </span>
        </div>
      )}
      {taken === 0 && <p>You took no actions in this run.</p>}
      {taken > 0 && (
        <ol className="debrief__effects" aria-busy={running}>
          {log.map((l, i) => {
            // Looks are evidence for an interview's rubric, not actions with an effect to measure.
            if (l.action.type === 'viewed') return null;
            const e = effects?.[i] ?? measured[i];
            return (
              <li key={i} data-verdict={e?.verdict ?? 'measuring'}>
                <span className="debrief__when">{clockText(l.at, warmupSeconds)}</span> {who?.[i] && <span className="debrief__who">{who[i]}: </span>}
                <strong>{describeAction(l)}</strong>
                {!l.accepted && <span className="muted"> (refused: {l.message})</span>}
                <span className="debrief__verdict">
                  {!e
                    ? ' measuring…'
                    : e.verdict === 'communication'
                      ? ' communication: judged in the postmortem, not by the system'
                      : ` ${e.verdict}: ${e.failedSaved >= 0 ? `${e.failedSaved.toLocaleString('en')} failed requests saved` : `${(-e.failedSaved).toLocaleString('en')} failed requests caused`}, error budget ${signed(e.budgetSaved, ' points')} saved`}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
