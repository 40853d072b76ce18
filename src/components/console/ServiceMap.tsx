import type { KeyboardEvent } from 'react';
import { HEALTH_TEXT, serviceMap, type MapNode } from '../../console/map-model';
import { useConsole, useLatestFrame, useScenario } from './context';
import { useMediaQuery } from './hooks';
import { useObserve } from './observe';

/** Space between desktop columns, where the edges curve. */
const GAP = 34;
const GLYPH = { ok: '✓', warn: '!', bad: '✕', idle: '–' } as const;

interface Placed extends MapNode {
  x: number;
  y: number;
}

/** Desktop: components left to right along the request path. Phone: top to bottom, two to a row. */
function place(nodes: MapNode[], narrow: boolean) {
  // Desktop boxes are narrow enough that five columns fit a laptop's main column without shrinking the text much.
  const w = 160;
  const h = narrow ? 62 : 66;
  const columns = [...new Set(nodes.map((n) => n.column))].sort((a, b) => a - b);
  const placed: Placed[] = [];
  if (!narrow) {
    const tallest = Math.max(...columns.map((c) => nodes.filter((n) => n.column === c).length));
    const height = tallest * (h + 18) + 10;
    for (const [ci, c] of columns.entries()) {
      const col = nodes.filter((n) => n.column === c);
      const top = (height - col.length * (h + 18)) / 2 + 9;
      col.forEach((n, i) => placed.push({ ...n, x: 8 + ci * (w + GAP), y: top + i * (h + 18) }));
    }
    return { placed, w, h, width: columns.length * (w + GAP) - GAP + 16, height, narrow };
  }
  let y = 6;
  for (const c of columns) {
    const col = nodes.filter((n) => n.column === c);
    col.forEach((n, i) => placed.push({ ...n, x: col.length === 1 ? 92 : 6 + (i % 2) * (w + 22), y: y + Math.floor(i / 2) * (h + 14) }));
    y += Math.ceil(col.length / 2) * (h + 14) + 16;
  }
  return { placed, w, h, width: 2 * w + 34, height: y, narrow };
}

/** The request path as an SVG: each component's health in colour, pattern, glyph and words; Enter or click shows its charts. */
export default function ServiceMap() {
  const { focusCharts } = useConsole();
  const frame = useLatestFrame();
  const scenario = useScenario();
  const narrow = useMediaQuery('(max-width: 899px)');
  const observe = useObserve();
  if (!frame || !scenario) return null;
  const model = serviceMap(frame, scenario);
  const { placed, w, h, width, height } = place(model.nodes, narrow);
  const at = new Map(placed.map((p) => [p.id, p]));
  const onKey = (e: KeyboardEvent, n: MapNode) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    open(n);
  };
  // Opening a node is looking at its details: what it showed then is the evidence.
  const open = (n: MapNode) => {
    observe('service-map', `${n.label}: ${HEALTH_TEXT[n.status]}${n.lines.length ? `, ${n.lines.join(', ')}` : ''}`);
    focusCharts(n.charts);
  };
  return (
    <div className="service-map">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" className="service-map__svg" aria-describedby="map-help">
        <defs>
          <pattern id="map-warn" width="8" height="8" patternUnits="userSpaceOnUse">
            <circle cx="4" cy="4" r="1.3" className="map-pattern" />
          </pattern>
          <pattern id="map-bad" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="3" height="8" className="map-pattern" />
          </pattern>
        </defs>
        {model.edges.map(([a, b]) => {
          const s = at.get(a)!;
          const t = at.get(b)!;
          const d = narrow
            ? `M${s.x + w / 2},${s.y + h} C${s.x + w / 2},${s.y + h + 12} ${t.x + w / 2},${t.y - 12} ${t.x + w / 2},${t.y}`
            : `M${s.x + w},${s.y + h / 2} C${s.x + w + GAP / 2},${s.y + h / 2} ${t.x - GAP / 2},${t.y + h / 2} ${t.x},${t.y + h / 2}`;
          return <path key={`${a}-${b}`} d={d} className="map-edge" />;
        })}
        {placed.map((n) => (
          <g
            key={n.id}
            className="map-node"
            data-status={n.status}
            data-node={n.id}
            role="button"
            tabIndex={0}
            // The name starts with the text on the box (as voice control users say it), then its health in words.
            aria-label={`${n.label} ${n.lines.join(' ')}: ${HEALTH_TEXT[n.status]}. Show its charts.`}
            onClick={() => open(n)}
            onKeyDown={(e) => onKey(e, n)}
            transform={`translate(${n.x},${n.y})`}
          >
            <rect width={w} height={h} rx="8" className="map-node__box" />
            {(n.status === 'warn' || n.status === 'bad') && <rect width={w} height={h} rx="8" fill={`url(#map-${n.status})`} className="map-node__pattern" />}
            <text x="10" y="19" className="map-node__label">
              <tspan className="map-node__glyph" aria-hidden="true">{GLYPH[n.status]}</tspan> {n.label.length > 24 ? `${n.label.slice(0, 23)}…` : n.label}
              {/* A space between the box's lines, so its text reads as words ("balancer 4 of 4"), as the name does. */}{' '}
            </text>
            {n.lines.map((line, i) => (
              <text key={line} x="10" y={38 + i * 16} className="map-node__line">
                {line}{' '}
              </text>
            ))}
          </g>
        ))}
      </svg>
      <p id="map-help" className="service-map__legend muted">
        <span>✓ healthy</span> <span>! degraded (dotted)</span> <span>✕ failing (striped)</span> · Select a component to see its charts.
      </p>
    </div>
  );
}
