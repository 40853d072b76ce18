import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { value } from '../../console/charts';
import type { AlertCause, FaultBand } from '../../console/debrief/faults-revealed';
import { compactNumber } from '../../console/format';
import type { Frame } from '../../console/protocol';
import { resolveTheme } from '../console/chart-hub';

const HEIGHT = 150;

export interface RevealSeries {
  key: string;
  label: string;
  unit: string;
}

interface Props {
  title: string;
  frames: readonly Frame[];
  warmupSeconds: number;
  series: RevealSeries[];
  bands: FaultBand[];
  alerts: AlertCause[];
  /** The second the scrubber shows (from the join), drawn as a line. */
  cursor: number | null;
  /** What a screen reader hears instead of the canvas. */
  description: string;
}

const minutes = (x: number) => `${x < 0 ? '-' : '+'}${Math.abs(Math.round(x / 60))}m`;

/** A debrief chart: the run's series with the hidden faults as shaded bands and the alerts they caused as lines. */
export default function RevealChart({ title, frames, warmupSeconds, series, bands, alerts, cursor, description }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const cursorRef = useRef(cursor);
  cursorRef.current = cursor;

  useEffect(() => {
    const el = host.current!;
    const theme = resolveTheme(el);
    const end = frames.at(-1)?.t ?? warmupSeconds;
    const x = frames.map((f) => f.t - warmupSeconds);
    const data = [x, ...series.map((s) => frames.map((f) => value(f, s.key)))] as uPlot.AlignedData;
    const draw = (u: uPlot) => {
      const ctx = u.ctx;
      const { left, top, width, height } = u.bbox;
      ctx.save();
      ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
      for (const b of bands) {
        const x0 = Math.max(left, u.valToPos(b.from, 'x', true));
        const x1 = Math.min(left + width, u.valToPos(b.to ?? end - warmupSeconds, 'x', true));
        if (x1 <= x0) continue;
        ctx.globalAlpha = 0.16;
        ctx.fillStyle = theme.threshold;
        ctx.fillRect(x0, top, x1 - x0, height);
        ctx.globalAlpha = 1;
        ctx.fillStyle = theme.text;
        ctx.fillText(`fault ${b.id ?? b.type}`, x0 + 4, top + 12 * devicePixelRatio);
      }
      ctx.strokeStyle = theme.marker;
      ctx.setLineDash([2, 3]);
      for (const a of alerts) {
        const px = u.valToPos(a.firedAt, 'x', true);
        ctx.beginPath();
        ctx.moveTo(px, top);
        ctx.lineTo(px, top + height);
        ctx.stroke();
      }
      const c = cursorRef.current;
      if (c !== null) {
        const px = u.valToPos(c, 'x', true);
        ctx.setLineDash([]);
        ctx.strokeStyle = theme.text;
        ctx.lineWidth = 2 * devicePixelRatio;
        ctx.beginPath();
        ctx.moveTo(px, top);
        ctx.lineTo(px, top + height);
        ctx.stroke();
      }
      ctx.restore();
    };
    const u = new uPlot(
      {
        width: el.clientWidth || 320,
        height: HEIGHT,
        legend: { show: true, live: false },
        cursor: { drag: { x: false, y: false }, points: { show: false } },
        scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
        axes: [
          { stroke: theme.text, size: 30, grid: { stroke: theme.grid, width: 1 }, ticks: { show: false }, values: (_u, splits) => splits.map(minutes) },
          { stroke: theme.text, size: 48, grid: { stroke: theme.grid, width: 1 }, ticks: { show: false }, values: (_u, splits) => splits.map((v) => `${compactNumber(v)}${series[0]?.unit ?? ''}`) },
        ],
        series: [{ label: 'time' }, ...series.map((s, i) => ({ label: s.label, stroke: theme.series[i % theme.series.length], width: 1.5, points: { show: false } }))],
        hooks: { draw: [draw] },
      },
      data,
      el,
    );
    plot.current = u;
    const resize = new ResizeObserver(() => el.clientWidth > 0 && u.setSize({ width: el.clientWidth, height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [frames, warmupSeconds, series, bands, alerts]);

  useEffect(() => plot.current?.redraw(false), [cursor]);

  return (
    <figure className="chart debrief__chart">
      <figcaption className="chart__title">{title}</figcaption>
      <div className="chart__plot" ref={host} role="img" aria-label={description} />
    </figure>
  );
}
