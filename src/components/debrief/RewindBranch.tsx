import { useState } from 'react';
import { compareBranches, type Branch } from '../../console/debrief/branches';
import { clockText, durationText, percentText } from '../../console/format';
import type { Frame } from '../../console/protocol';
import { downloadText } from '../progress/client';

interface Props {
  frameAt: (t: number) => Frame | null;
  warmupSeconds: number;
  /** Last second of the run, from the join. */
  lastSecond: number;
  /** The second being viewed, from the join. */
  second: number;
  onSecond: (s: number) => void;
  onRewind: (s: number) => void;
  branches: Branch[];
  current: number;
}

function SecondView({ frame, warmupSeconds }: { frame: Frame | null; warmupSeconds: number }) {
  if (!frame) return <p className="muted">No frame for this second.</p>;
  const firing = frame.alerts.filter((a) => a.state === 'firing');
  const versions = new Map<string, number>();
  for (const i of frame.instances) versions.set(i.version, (versions.get(i.version) ?? 0) + 1);
  const edgeErrors = frame.edge.rate > 0 ? frame.edge.errors / frame.edge.rate : 0;
  return (
    <dl className="end__numbers debrief__second" data-testid="second-view">
      <dt>Time</dt>
      <dd>{clockText(frame.t, warmupSeconds)}</dd>
      <dt>Requests</dt>
      <dd>{Math.round(frame.edge.rate)}/s</dd>
      <dt>Errors at the edge</dt>
      <dd>{percentText(edgeErrors)}</dd>
      <dt>p99 latency</dt>
      <dd>{Math.round(frame.edge.p99Ms)} ms</dd>
      <dt>Instances</dt>
      <dd>{[...versions].map(([v, n]) => `${n} × ${v}`).join(', ') || 'none'}</dd>
      <dt>Deployment</dt>
      <dd>
        {frame.deployment.phase}
        {frame.deployment.target ? ` to ${frame.deployment.target}` : ''}
      </dd>
      <dt>Alerts firing</dt>
      <dd>{firing.length ? firing.map((a) => a.id).join(', ') : 'none'}</dd>
      <dt>Error budget burned</dt>
      <dd>{frame.slo.budgetBurnedPercent.toFixed(2)}%</dd>
    </dl>
  );
}

/**
 * Rewind-and-branch: a scrubber over every second of the run, "Rewind" to play on from the one
 * shown (the branch keeps every action taken up to it), and each branch of this session side by side.
 */
export default function RewindBranch({ frameAt, warmupSeconds, lastSecond, second, onSecond, onRewind, branches, current }: Props) {
  const [shared, setShared] = useState<{ n: number; href: string; note: string } | null>(null);
  const rows = compareBranches(branches, (t) => clockText(t, warmupSeconds));
  const byN = new Map(branches.map((b) => [b.n, b]));

  const share = async (b: Branch) => {
    const { encodeRun, runRecord } = await import('../../console/share');
    const record = runRecord({ ...b.record, log: b.record.log as never });
    const url = new URL(location.pathname, location.origin);
    url.searchParams.set('run', await encodeRun(record));
    let note = `Link to branch ${b.n}: anyone who opens it replays this branch.`;
    try {
      await navigator.clipboard.writeText(url.href);
      note = `Link to branch ${b.n} copied: anyone who opens it replays this branch.`;
    } catch {
      // No clipboard permission: the link is shown to copy by hand.
    }
    setShared({ n: b.n, href: url.href, note });
  };
  const exportBranch = async (b: Branch) => {
    const { runRecord, runToJson } = await import('../../console/share');
    downloadText(`blast-radius-branch-${b.n}.json`, runToJson(runRecord({ ...b.record, log: b.record.log as never })));
  };

  return (
    <section className="debrief__section" aria-labelledby="debrief-rewind">
      <h3 id="debrief-rewind">Rewind and branch</h3>
      <p className="muted">Look at any second of the run; rewind to it, take a different action and play on. The new branch shares everything before that second.</p>
      <div className="debrief__scrub">
        <label htmlFor="debrief-second">
          Second to view: <output htmlFor="debrief-second">{clockText(second + warmupSeconds, warmupSeconds)}</output>
        </label>
        <input id="debrief-second" type="range" min={0} max={lastSecond} step={1} value={second} onChange={(e) => onSecond(Number(e.target.value))} />
        <button type="button" className="button" onClick={() => onRewind(second)}>
          Rewind
        </button>
      </div>
      <SecondView frame={frameAt(second + warmupSeconds)} warmupSeconds={warmupSeconds} />
      {rows.length > 1 && (
        <div className="debrief__scroll" tabIndex={0} role="region" aria-label="Branches side by side">
          <table className="debrief__table" data-testid="branches">
          <caption>Branches of this session, against the run as first played</caption>
          <thead>
            <tr>
              <th scope="col">Branch</th>
              <th scope="col">Error budget burned</th>
              <th scope="col">Mitigated after</th>
              <th scope="col">Failed requests</th>
              <th scope="col">Criteria</th>
              <th scope="col">Share</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.n} aria-current={r.n === current ? 'true' : undefined}>
                <th scope="row">
                  {r.n}: {r.label}
                  {r.n === current ? ' (this one)' : ''}
                </th>
                <td>
                  {r.budgetBurnedPercent.toFixed(2)}%{r.n !== 1 && <span className="muted"> ({r.budgetDelta > 0 ? '+' : ''}{r.budgetDelta.toFixed(2)})</span>}
                </td>
                <td>
                  {durationText(r.mttm)}
                  {r.mttmDelta !== null && r.n !== 1 && <span className="muted"> ({r.mttmDelta > 0 ? '+' : r.mttmDelta < 0 ? '−' : ''}{durationText(Math.abs(r.mttmDelta))})</span>}
                </td>
                <td>{r.failed.toLocaleString('en')}</td>
                <td>{r.passed ? 'met' : 'not met'}</td>
                <td className="debrief__share">
                  <button type="button" className="button button--quiet button--small" onClick={() => void share(byN.get(r.n)!)} aria-label={`Share branch ${r.n}`}>
                    Share
                  </button>
                  <button type="button" className="button button--quiet button--small" onClick={() => void exportBranch(byN.get(r.n)!)} aria-label={`Export branch ${r.n}`}>
                    Export
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
          </table>
        </div>
      )}
      {shared && (
        <p className="debrief__link" role="status">
          {shared.note}{' '}
          <label>
            <span className="visually-hidden">Link to branch {shared.n}</span>
            <input readOnly value={shared.href} onFocus={(e) => e.target.select()} />
          </label>
        </p>
      )}
    </section>
  );
}
