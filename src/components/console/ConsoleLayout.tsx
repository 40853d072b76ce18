import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { FreePlayOptions } from '../../console/free-play';
import type { ShortcutCommand } from '../../console/shortcuts';
import { useConsole } from './context';
import { useMediaQuery, useShortcuts } from './hooks';
import ActionsPanel from './ActionsPanel';
import AlertsPanel from './AlertsPanel';
import Dashboards from './Dashboards';
import IncidentPanel from './IncidentPanel';
import KeyboardHelp from './KeyboardHelp';
import LogsPanel from './LogsPanel';
import Panel from './Panel';
import PanelTabs, { PANELS, type PanelId } from './PanelTabs';
import ServiceMap from './ServiceMap';
import StatusLine from './StatusLine';
import TimelinePanel from './TimelinePanel';
import TopBar from './TopBar';
import HintLadder from '../debrief/HintLadder';

// cmdk and its dialog load on the first Ctrl K, not with the page.
const CommandPalette = lazy(() => import('./CommandPalette'));

interface Props {
  focus: { group: string; n: number } | null;
  form: { type: string; n: number } | null;
  freePlay: FreePlayOptions | null;
  /** Who runs the clock when this page only follows it (a workshop's player, an interview's candidate); false: this page runs it. */
  followClock?: false | 'facilitator' | 'interviewer';
}

/** The console while a run is on: top bar, service map, dashboards and the incident panels; tabs on a phone. */
export default function ConsoleLayout({ focus, form, freePlay, followClock = false }: Props) {
  const { actor, openForm } = useConsole();
  const narrow = useMediaQuery('(max-width: 899px)');
  const [tab, setTab] = useState<PanelId>('map');
  const [palette, setPalette] = useState(false);
  const [help, setHelp] = useState(false);

  // On a phone, following a map node or opening a form switches to the panel it lives in.
  useEffect(() => {
    if (focus) setTab('dashboards');
  }, [focus]);
  useEffect(() => {
    if (form) setTab('actions');
  }, [form]);

  const run = useCallback(
    (c: ShortcutCommand) => {
      if (c.type === 'palette') setPalette(true);
      else if (c.type === 'help') setHelp(true);
      else actor.send(c);
    },
    [actor],
  );
  useShortcuts(run, !palette);
  const shown = (id: PanelId) => !narrow || tab === id;

  return (
    <div className="console" data-narrow={narrow || undefined}>
      <TopBar onPalette={() => setPalette(true)} onHelp={() => setHelp(true)} freePlay={freePlay} followClock={followClock} />
      <StatusLine />
      <HintLadder />
      {narrow && <PanelTabs active={tab} onChange={setTab} />}
      <div className="console__grid">
        <div className="console__main">
          <Panel id="map" title="Service map" hidden={!shown('map')}>
            <ServiceMap />
          </Panel>
          <Panel id="dashboards" title="Dashboards" hidden={!shown('dashboards')}>
            <Dashboards focus={focus} />
          </Panel>
          <Panel id="logs" title="Logs" hidden={!shown('logs')}>
            <LogsPanel />
          </Panel>
        </div>
        <div className="console__side">
          <Panel id="alerts" title="Alerts" hidden={!shown('alerts')}>
            <AlertsPanel />
          </Panel>
          <Panel id="incident" title="Incident" hidden={!shown('incident')}>
            <IncidentPanel />
          </Panel>
          <Panel id="actions" title="Actions" hidden={!shown('actions')}>
            <ActionsPanel form={form} />
          </Panel>
          <Panel id="timeline" title="Timeline" hidden={!shown('timeline')}>
            <TimelinePanel />
          </Panel>
        </div>
      </div>
      {palette && (
        <Suspense fallback={null}>
          <CommandPalette
            onClose={() => setPalette(false)}
            onHelp={() => setHelp(true)}
            onForm={(type) => openForm(type)}
            onPanel={(id) => {
              setTab(id);
              requestAnimationFrame(() => document.getElementById(`panel-${id}`)?.focus());
            }}
          />
        </Suspense>
      )}
      <KeyboardHelp open={help} onClose={() => setHelp(false)} />
    </div>
  );
}

export { PANELS };
