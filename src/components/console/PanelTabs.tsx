import { useRef, type KeyboardEvent } from 'react';
import { useConsole, useFrameVersion, useLog } from './context';
import { alertsView } from '../../console/incident-view';
import type { ViewPanel } from '../../console/protocol';
import { useObserve } from './observe';

/** Tabs that show data to look at (opening one on a phone is a look); Incident and Actions are not. */
const LOOKS: Partial<Record<string, ViewPanel>> = { map: 'service-map', dashboards: 'dashboards', alerts: 'alerts', logs: 'logs', timeline: 'timeline' };

export const PANELS = [
  { id: 'map', label: 'Map' },
  { id: 'dashboards', label: 'Charts' },
  { id: 'alerts', label: 'Alerts' },
  { id: 'incident', label: 'Incident' },
  { id: 'actions', label: 'Actions' },
  { id: 'logs', label: 'Logs' },
  { id: 'timeline', label: 'Timeline' },
] as const;
export type PanelId = (typeof PANELS)[number]['id'];

/** On a phone the panels stack into tabs (arrow keys move between them, as in any tab list). */
export default function PanelTabs({ active, onChange }: { active: PanelId; onChange: (id: PanelId) => void }) {
  const { frames } = useConsole();
  const log = useLog();
  useFrameVersion();
  const needsAck = alertsView(frames, log, frames.latest?.t ?? 0).needsAck;
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const observe = useObserve();
  const choose = (id: PanelId) => {
    const panel = LOOKS[id];
    if (panel) observe(panel);
    onChange(id);
  };
  const onKey = (e: KeyboardEvent, i: number) => {
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? PANELS.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const j = (next + PANELS.length) % PANELS.length;
    choose(PANELS[j]!.id);
    refs.current[j]?.focus();
  };
  return (
    <div className="panel-tabs" role="tablist" aria-label="Panels">
      {PANELS.map((p, i) => (
        <button
          key={p.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`tab-${p.id}`}
          aria-selected={active === p.id}
          aria-controls={`panel-${p.id}`}
          tabIndex={active === p.id ? 0 : -1}
          onClick={() => choose(p.id)}
          onKeyDown={(e) => onKey(e, i)}
        >
          {p.label}
          {p.id === 'alerts' && needsAck && <span className="panel-tabs__dot"> (needs ack)</span>}
        </button>
      ))}
    </div>
  );
}
