import { useState } from 'react';
import type { CustomRun } from '../../console/custom-scenario';
import { clockText } from '../../console/format';
import { recordStaffCheckpoint } from '../../console/gameday/checkpoint';
import { exportScenario, type ExportFormat } from '../../console/gameday/export';
import type { GameDayReport } from '../../console/gameday/monitor';
import type { ScenarioInput } from '../../sim/scenarios/schema';
import { downloadText, getProgressStore } from '../progress/client';

interface Props {
  report: GameDayReport;
  custom: CustomRun;
  /** A first run (not a branch or a shared replay): only such a run can pass the checkpoint. */
  fresh: boolean;
  budgetBurnedPercent: number;
  mitigatedSeconds: number | null;
  seed: number;
}

/**
 * A game day's result on the end screen: did the steady-state hypothesis hold, was the experiment
 * aborted (when, why), and the export that lets others play it. A designed game day, judged and
 * exported, passes the Staff checkpoint.
 */
export default function GameDayVerdict({ report, custom, fresh, budgetBurnedPercent, mitigatedSeconds, seed }: Props) {
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [passed, setPassed] = useState(false);
  const h = report.hypothesis;
  const verdict = !h.evaluated ? 'could not be judged: the run stopped before 10 seconds of play were measured' : h.held ? 'held' : 'did not hold';

  function save(format: ExportFormat) {
    try {
      const file = exportScenario(custom.raw as ScenarioInput, format);
      downloadText(file.fileName, file.text, file.mediaType);
      let text = `Saved ${file.fileName}: anyone can play it from "Play a scenario file" on /drills/.`;
      if (fresh && custom.origin === 'game-day' && !passed && recordStaffCheckpoint(getProgressStore(), report, true, { budgetBurnedPercent, mitigatedSeconds, seed })) {
        setPassed(true);
        text += ' Staff checkpoint passed: recorded in your progress.';
      }
      setStatus({ ok: true, text });
    } catch (error) {
      setStatus({ ok: false, text: `Not exported: ${(error as Error).message}` });
    }
  }

  return (
    <section className="gameday-verdict" aria-labelledby="gameday-verdict-heading" data-held={h.evaluated ? h.held : undefined}>
      <h3 id="gameday-verdict-heading">Steady-state hypothesis {verdict}</h3>
      {report.aborted && (
        <p className="notice" data-testid="gameday-aborted">
          Aborted at {clockText(report.aborted.at, 0)} because {report.aborted.because}. Fault injection stopped there and the run ended.
        </p>
      )}
      <ul className="end__criteria">
        {h.conditions.map((c) => (
          <li key={c.text} data-passed={c.held}>
            <span aria-hidden="true">{c.held ? '✓' : '✕'}</span> <span className="visually-hidden">{c.held ? 'Held:' : 'Did not hold:'}</span> {c.text}{' '}
            <span className="muted">({c.worst === null ? 'not measured on this system' : `worst minute ${c.worst}, from ${clockText(c.worstAt ?? 0, 0)}`})</span>
          </li>
        ))}
      </ul>
      <p className="muted">Judged on each minute's mean from T+00:00{report.aborted ? ' to the abort' : ' to the end'} ({h.windows} minute{h.windows === 1 ? '' : 's'}).</p>
      <div className="end__actions">
        <button type="button" className="button button--quiet" onClick={() => save('yaml')}>
          Export as YAML
        </button>
        <button type="button" className="button button--quiet" onClick={() => save('json')}>
          Export as JSON
        </button>
      </div>
      {custom.origin === 'game-day' && !passed && h.evaluated && fresh && <p className="muted">Export it to pass the Staff checkpoint: your game day, judged and shareable.</p>}
      {status && (
        <p className={`notice ${status.ok ? 'notice--ok' : 'notice--error'}`} role="status">
          {status.text}
        </p>
      )}
    </section>
  );
}
