import type { GradeResult, RunFigures } from '../../console/debrief/figures';
import { durationText } from '../../console/format';

interface Props {
  learner: RunFigures;
  references: { par: RunFigures; doNothing: RunFigures; grade: GradeResult } | null;
  noPar: boolean;
}

const ROWS: { label: string; value: (f: RunFigures) => string }[] = [
  { label: 'Error budget burned', value: (f) => `${f.budgetBurnedPercent.toFixed(2)}%` },
  { label: 'Failed requests', value: (f) => f.failed.toLocaleString('en') },
  { label: 'Shed requests', value: (f) => f.shed.toLocaleString('en') },
  { label: 'MTTD (start to first page)', value: (f) => durationText(f.mttd) },
  { label: 'MTTA (page to acknowledge)', value: (f) => durationText(f.mtta) },
  { label: 'MTTM (start to users no longer hurt)', value: (f) => durationText(f.mttm) },
  { label: 'MTTR (start to resolved)', value: (f) => durationText(f.mttr) },
  { label: 'Success criteria met', value: (f) => `${f.criteria.filter((c) => c.passed).length} of ${f.criteria.length}` },
];

/** The learner's run beside the reference play and doing nothing, on the same seed, and the grade that follows. */
export default function ScoreAgainstPar({ learner, references, noPar }: Props) {
  const runs = references ? [learner, references.par, references.doNothing] : [learner];
  return (
    <section className="debrief__section" aria-labelledby="debrief-score">
      <h3 id="debrief-score">Score against par</h3>
      {references && (
        <div className="debrief__grade" data-grade={references.grade.grade}>
          <p>
            Grade <strong data-testid="debrief-grade">{references.grade.grade}</strong>
            {references.grade.beatsPar && <span className="debrief__badge">beat par</span>}
          </p>
          <p className="muted">{references.grade.explanation}</p>
        </div>
      )}
      {noPar && <p className="muted">This system has no reference play, so there is no grade: the measured effect of each action is below.</p>}
      {/* A phone scrolls the table sideways inside this box, which the keyboard can reach. */}
      <div className="debrief__scroll" tabIndex={0} role="region" aria-label="Your run beside par and doing nothing">
        <table className="debrief__table" data-testid="run-summary">
        <caption className="visually-hidden">Your run{references ? ', the reference play and doing nothing, on the same seed' : ''}</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">Your run</th>
            {references && (
              <>
                <th scope="col">Par (reference play)</th>
                <th scope="col">Doing nothing</th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {ROWS.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              {runs.map((f, i) => (
                <td key={i}>{r.value(f)}</td>
              ))}
            </tr>
          ))}
        </tbody>
        </table>
      </div>
    </section>
  );
}
