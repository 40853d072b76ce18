import { memo, useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartSpec, Unit } from '../../console/charts';
import { compactNumber, durationText } from '../../console/format';
import { MARKER_LETTER, type ChartHub, type ChartTheme } from './chart-hub';
import type { Drawable } from './chart-scheduler';

const HEIGHT = 132;

/** Axis labels: seconds from the join as T±mm:ss (minutes only, to stay short). */
function tLabel(x: number): string {
  const m = Math.round(x / 60);
  return `${m < 0 ? '-' : '+'}${Math.abs(m)}m`;
}
const unitLabel = (u: Unit | undefined, v: number) => (u === '%' ? `${compactNumber(v)}%` : u === 'x' ? `${compactNumber(v)}x` : u === 'ms' ? `${compactNumber(v)}ms` : compactNumber(v));

const isDecade = (v: number | null) => v !== null && v > 0 && Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;

function options(spec: ChartSpec, hub: ChartHub, theme: ChartTheme, width: number, tooltip: HTMLElement): uPlot.Options {
  const log = spec.unit === 'x';
  const axis = (scale: string, unit: Unit | undefined, side: 1 | 3): uPlot.Axis => ({
    scale,
    side,
    stroke: theme.text,
    size: 48,
    grid: { show: side === 3, stroke: theme.grid, width: 1 },
    ticks: { show: false },
    // A log axis splits at 1..9 of every decade: label the decades only, or the labels pile up.
    values: (_u, splits) => splits.map((v) => (scale === 'y' && log && !isDecade(v) ? '' : unitLabel(unit, v))),
  });
  return {
    width,
    height: HEIGHT,
    legend: { show: true, live: true },
    cursor: { sync: { key: 'console-charts' }, drag: { x: false, y: false }, points: { show: false } },
    scales: {
      x: { time: false, range: (_u, min, max) => hub.range(min, max) },
      y: log ? { distr: 3, range: (_u, _min, max) => [0.1, Math.max(20, (max ?? 1) * 1.5)] } : { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
      right: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
    },
    axes: [
      { stroke: theme.text, size: 30, grid: { stroke: theme.grid, width: 1 }, ticks: { show: false }, values: (_u, splits) => splits.map(tLabel) },
      axis('y', spec.unit, 3),
      ...(spec.rightUnit ? [axis('right', spec.rightUnit, 1)] : []),
    ],
    series: [
      { label: 'time', value: (_u, v) => (v === null || v === undefined ? '' : `T${tLabel(v)}`) },
      ...spec.series.map((s, i) => ({
        label: s.label,
        scale: s.axis === 'right' ? 'right' : 'y',
        stroke: theme.series[i % theme.series.length],
        width: 1.5,
        points: { show: false },
        value: (_u: uPlot, v: number | null) => (v === null ? '—' : unitLabel(s.axis === 'right' ? spec.rightUnit : spec.unit, v)),
      })),
    ],
    hooks: {
      draw: [(u) => drawOverlays(u, spec, hub, theme)],
      setCursor: [(u) => showMarkerTip(u, hub, tooltip)],
    },
  };
}

/** Threshold lines (burn-rate alert factors) and event markers, on the plot canvas. */
function drawOverlays(u: uPlot, spec: ChartSpec, hub: ChartHub, theme: ChartTheme) {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
  for (const t of spec.thresholds ?? []) {
    const y = u.valToPos(t.value, 'y', true);
    if (y < top || y > top + height) continue;
    ctx.strokeStyle = theme.threshold;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.stroke();
    ctx.fillStyle = theme.threshold;
    // Neighbouring factors are close on a log scale: alternate the labels between the two ends.
    const atRight = (spec.thresholds ?? []).indexOf(t) % 2 === 0;
    ctx.textAlign = atRight ? 'right' : 'left';
    ctx.fillText(t.label, atRight ? left + width - 4 : left + 4, y - 3);
  }
  ctx.textAlign = 'left';
  ctx.strokeStyle = theme.marker;
  ctx.fillStyle = theme.marker;
  ctx.setLineDash([2, 3]);
  for (const m of hub.markers) {
    const x = u.valToPos(m.x, 'x', true);
    if (x < left || x > left + width) continue;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.fillText(MARKER_LETTER[m.kind], x + 2, top + 11 * devicePixelRatio);
  }
  ctx.restore();
}

/** Hovering near a marker shows what it was. */
function showMarkerTip(u: uPlot, hub: ChartHub, tip: HTMLElement) {
  const left = u.cursor.left ?? -1;
  const near = left < 0 ? undefined : hub.markers.find((m) => Math.abs(u.valToPos(m.x, 'x') - left) <= 5);
  tip.hidden = !near;
  if (!near) return;
  tip.textContent = `T${near.x < 0 ? '-' : '+'}${durationText(Math.abs(near.x))}: ${near.text}`;
  tip.style.left = `${Math.min(left + u.bbox.left / devicePixelRatio, u.width - 220)}px`;
}

function summary(spec: ChartSpec, hub: ChartHub): string {
  const n = hub.buffer.x.length;
  if (n === 0) return `${spec.title}: no data yet.`;
  const now = spec.series.map((s) => {
    const v = hub.buffer.column(s.key, hub.store)[n - 1];
    return `${s.label} ${v === null || v === undefined ? 'no value' : unitLabel(s.axis === 'right' ? spec.rightUnit : spec.unit, v)}`;
  });
  return `${spec.title}, now: ${now.join(', ')}.`;
}

/** One uPlot chart over the shared buffer; it draws when the scheduler says so, never on React renders. */
function Chart({ spec, hub, theme }: { spec: ChartSpec; hub: ChartHub; theme: ChartTheme }) {
  const host = useRef<HTMLDivElement>(null);
  const tip = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current!;
    const data = (): uPlot.AlignedData => [hub.buffer.x, ...spec.series.map((s) => hub.buffer.column(s.key, hub.store))] as uPlot.AlignedData;
    // Made when it first comes on screen, at the width the observer measured, and empty: the scheduler
    // then draws it with the data. A replay opens with hours of frames and two dozen charts, most out
    // of view; making them all at once, each reading its width after the last one's DOM, laid the
    // page out once per chart.
    let u: uPlot | null = null;
    const drawable: Drawable = {
      visible: false,
      draw() {
        if (!u) return;
        u.setData(data());
        el.setAttribute('aria-label', summary(spec, hub));
      },
    };
    const seen = new IntersectionObserver(([entry]) => {
      drawable.visible = entry!.isIntersecting;
      if (!drawable.visible) return;
      if (!u) {
        const empty = [[], ...spec.series.map(() => [])] as uPlot.AlignedData;
        u = new uPlot(options(spec, hub, theme, Math.round(entry!.boundingClientRect.width) || 320, tip.current!), empty, el);
      }
      hub.add(drawable);
    });
    seen.observe(el);
    const resize = new ResizeObserver(([entry]) => {
      const width = Math.round(entry!.contentRect.width);
      if (u && width > 0 && width !== u.width) u.setSize({ width, height: HEIGHT });
    });
    resize.observe(el);
    return () => {
      seen.disconnect();
      resize.disconnect();
      hub.remove(drawable);
      u?.destroy();
    };
  }, [spec, hub, theme]);
  return (
    <figure className="chart" data-chart={spec.id}>
      <figcaption className="chart__title">{spec.title}</figcaption>
      <div className="chart__plot" ref={host} role="img" aria-label={`${spec.title}: loading.`} style={{ minHeight: HEIGHT }} />
      <div className="chart__tip" ref={tip} hidden role="presentation" />
    </figure>
  );
}

export default memo(Chart);
