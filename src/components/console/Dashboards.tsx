import { useEffect, useMemo, useRef, useState } from 'react';
import { chartGroups } from '../../console/charts';
import { onThemeChange } from '../site/theme';
import { ChartHub, resolveTheme, type ChartTheme } from './chart-hub';
import Chart from './Chart';
import { useConsole, useFrameVersion, useScenario } from './context';
import MarkerStrip from './MarkerStrip';
import { useLookHandlers } from './observe';

/** Which chart group (or the time window) a click or key in the dashboards was about. */
function dashboardFocus(target: Element): string | undefined {
  const title = target.closest('.chart-group')?.querySelector('h3')?.firstChild?.textContent?.trim();
  if (title) return `charts: ${title}`;
  return target.closest('.dashboards__bar') ? 'time window' : undefined;
}

const WINDOWS = [
  { label: '10 min', seconds: 600 },
  { label: '30 min', seconds: 1800 },
  { label: '1 h', seconds: 3600 },
  { label: 'all', seconds: Infinity },
];

/** Instances (and pools) seen in the last hour, so a deploy's new instances get their own lines. */
function useRecentNames(): { instances: string[]; pools: string[] } {
  const { frames } = useConsole();
  useFrameVersion();
  const latest = frames.latest;
  const since = (latest?.t ?? 0) - 3600;
  const instances = new Set<string>();
  const pools = new Set<string>();
  // Sample every 10th second: names last minutes, so nothing is missed that matters on a chart.
  for (let i = frames.frames.length - 1; i >= 0 && frames.frames[i]!.t >= since; i -= 10) {
    for (const inst of frames.frames[i]!.instances) instances.add(inst.name);
    for (const p of frames.frames[i]!.database?.pool ?? []) pools.add(p.node);
  }
  for (const inst of latest?.instances ?? []) instances.add(inst.name);
  const byNumber = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });
  return { instances: [...instances].sort(byNumber), pools: [...pools].sort(byNumber) };
}

/** RED, USE and SLO charts on one time axis, with deploy/action/autoscaling/breaker markers. */
export default function Dashboards({ focus }: { focus: { group: string; n: number } | null }) {
  const { frames, ticker } = useConsole();
  const scenario = useScenario();
  const root = useRef<HTMLDivElement>(null);
  const [hub] = useState(() => new ChartHub(frames, ticker, scenario?.warmupSeconds ?? 0));
  const [theme, setTheme] = useState<ChartTheme | null>(null);
  const [windowSeconds, setWindowSeconds] = useState(hub.windowSeconds);
  const { instances, pools } = useRecentNames();
  const instanceKey = instances.join(' ');
  const poolKey = pools.join(' ');
  const look = useLookHandlers('dashboards', dashboardFocus);
  const groups = useMemo(() => (scenario ? chartGroups(scenario, instanceKey.split(' ').filter(Boolean), poolKey.split(' ').filter(Boolean)) : []), [scenario, instanceKey, poolKey]);

  useEffect(() => () => hub.stop(), [hub]);
  useEffect(() => {
    const read = () => root.current && setTheme(resolveTheme(root.current));
    read();
    return onThemeChange(read);
  }, []);
  useEffect(() => {
    if (!focus) return;
    const group = document.getElementById(`charts-${focus.group}`);
    if (!group) return;
    group.scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    group.querySelector<HTMLElement>('h3')?.focus({ preventScroll: true });
    group.dataset.focused = 'true';
    const t = setTimeout(() => delete group.dataset.focused, 2500);
    return () => clearTimeout(t);
  }, [focus]);

  return (
    <div className="dashboards" ref={root} {...look}>
      <div className="dashboards__bar">
        <label>
          Show the last{' '}
          <select
            value={String(windowSeconds)}
            onChange={(e) => {
              const s = Number(e.target.value);
              setWindowSeconds(s);
              hub.setWindow(s);
            }}
          >
            {WINDOWS.map((w) => (
              <option key={w.label} value={String(w.seconds)}>
                {w.label}
              </option>
            ))}
          </select>
        </label>
        <MarkerStrip hub={hub} />
      </div>
      {theme &&
        groups.map((g) => (
          <section key={g.id} id={`charts-${g.id}`} className="chart-group" aria-labelledby={`charts-${g.id}-h`}>
            <h3 id={`charts-${g.id}-h`} tabIndex={-1}>
              {g.title} <span className="badge">{g.kind}</span>
            </h3>
            <div className="chart-group__charts">
              {g.charts.map((c) => (
                <Chart key={c.id} spec={c} hub={hub} theme={theme} />
              ))}
            </div>
          </section>
        ))}
    </div>
  );
}
