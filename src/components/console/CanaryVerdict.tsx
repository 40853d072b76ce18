import type { CanaryView } from '../../console/canary-view';
import { clockText } from '../../console/format';

const p = (x: number | null) => (x === null ? '—' : x < 0.0001 ? '< 0.0001' : x.toFixed(4));
const RESULT = { high: 'fail: worse', nodata: 'no data', pass: 'pass' } as const;

/** The canary judge's last verdict, per metric, with how much the test could have seen. */
export default function CanaryVerdict({ view, warm }: { view: CanaryView; warm: number }) {
  return (
    <section className="canary" aria-labelledby="canary-heading" data-verdict={view.verdict}>
      <h3 id="canary-heading">
        Canary judge: {view.verdict}{' '}
        <span className="muted">
          (score {Math.round(view.score)}, at {clockText(view.judgedAt, warm)})
        </span>
      </h3>
      {view.rows.map((r) => (
        <div key={r.metric} className="canary__metric" data-result={r.result}>
          <h4>
            {r.metric}: {RESULT[r.result]}
          </h4>
          <dl>
            <dt>Test</dt>
            <dd>
              {r.test}, p = {p(r.pValue)}
            </dd>
            <dt>Effect</dt>
            <dd>{r.effect}</dd>
            <dt>Samples</dt>
            <dd>{r.samples}</dd>
            <dt>Why</dt>
            <dd>{r.reason}</dd>
            <dt>Power</dt>
            <dd>{r.power}</dd>
          </dl>
        </div>
      ))}
      <p className="muted canary__note">
        One-sided tests at 98% confidence. Power: the smallest regression this analysis flags four times in five with the samples it had (requests per arm estimated from the canary's traffic).
      </p>
    </section>
  );
}
