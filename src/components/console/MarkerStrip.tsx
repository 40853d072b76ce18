import { useEffect, useState } from 'react';
import { durationText } from '../../console/format';
import { MARKER_LETTER, type ChartHub } from './chart-hub';

const KIND_TEXT = { deploy: 'deploy', action: 'action', autoscaler: 'autoscaling', breaker: 'circuit breaker', database: 'database' } as const;

/**
 * The charts' markers as a keyboard-reachable list under the window picker: each one a button
 * whose details show on hover and focus, on the same time window the charts show.
 */
export default function MarkerStrip({ hub }: { hub: ChartHub }) {
  const [, setTick] = useState(0);
  useEffect(() => hub.onChange(() => setTick((n) => n + 1)), [hub]);
  const x = hub.buffer.x;
  if (x.length === 0) return null;
  const [from, to] = hub.range(x[0]!, x[x.length - 1]!);
  const shown = hub.markers.filter((m) => m.x >= from && m.x <= to).slice(-40);
  const t = (s: number) => `T${s < 0 ? '-' : '+'}${durationText(Math.abs(s))}`;
  return (
    <div className="marker-strip">
      <span className="marker-strip__label" id="markers-label">
        Events on the charts ({shown.length})
      </span>
      <ol className="marker-strip__track" aria-labelledby="markers-label">
        {shown.map((m, i) => {
          const left = to > from ? ((m.x - from) / (to - from)) * 100 : 100;
          return (
            <li key={`${m.x}-${i}`} style={{ left: `${left}%` }} data-kind={m.kind}>
              <button type="button" className="marker" aria-describedby={`marker-tip-${i}`}>
                {MARKER_LETTER[m.kind]}
                <span className="visually-hidden">
                  {' '}
                  {KIND_TEXT[m.kind]} at {t(m.x)}
                </span>
              </button>
              <span role="tooltip" id={`marker-tip-${i}`} className="marker__tip">
                {t(m.x)} · {m.text}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
