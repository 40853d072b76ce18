import { useMemo, useState, type ReactNode } from 'react';
import { ActionAttribution } from '../debrief/attribution';
import { ConsoleReactContext, useConsoleSelector, type ConsoleValue } from '../console/context';
import ConsoleLayout from '../console/ConsoleLayout';
import EndScreen from '../console/EndScreen';
import type { WorkshopConsole } from './console-host';
import '../../styles/console.css';

/** The drill console inside a workshop page: the facilitator's (with transport and debrief) or a player's (following). */
/**
 * `recordViews`: log what this page's player looks at ('viewed' entries). Off in a workshop (a team's
 * looks would flood the shared feed); on for an interview's candidate, whose looks are the evidence.
 */
/**
 * `debrief`: the workshop's own debrief sections, shown above the drill's debrief; `who`: who took
 * each action of the log, for the debrief's measured effects; `host`: who runs the clock, as players
 * are told (an interview's candidate follows the interviewer).
 */
export default function ConsoleView({
  console: c,
  role,
  recordViews = false,
  debrief = null,
  who = null,
  host = 'facilitator',
}: {
  console: WorkshopConsole;
  role: 'facilitator' | 'player';
  recordViews?: boolean;
  debrief?: ReactNode;
  who?: readonly string[] | null;
  host?: 'facilitator' | 'interviewer';
}) {
  const [focus, setFocus] = useState<{ group: string; n: number } | null>(null);
  const [form, setForm] = useState<{ type: string; n: number } | null>(null);
  const value = useMemo<ConsoleValue>(
    () => ({
      actor: c.actor,
      frames: c.frames,
      ticker: c.ticker,
      mode: 'drill',
      focusCharts: (group) => setFocus((f) => ({ group, n: (f?.n ?? 0) + 1 })),
      openForm: (type) => setForm((f) => ({ type, n: (f?.n ?? 0) + 1 })),
      recordViews,
    }),
    [c, recordViews],
  );
  return (
    <ConsoleReactContext.Provider value={value}>
      <div className="console-app">
        <ActionAttribution.Provider value={who}>
          <Stage role={role} host={host} focus={focus} form={form} debrief={debrief} />
        </ActionAttribution.Provider>
      </div>
    </ConsoleReactContext.Provider>
  );
}

function Stage({ role, host, focus, form, debrief }: { role: 'facilitator' | 'player'; host: 'facilitator' | 'interviewer'; focus: { group: string; n: number } | null; form: { type: string; n: number } | null; debrief: ReactNode }) {
  const stage = useConsoleSelector((s) => (s.matches('session') ? 'session' : (s.value as string)));
  const error = useConsoleSelector((s) => s.context.error);
  if (stage === 'session') return <ConsoleLayout focus={focus} form={form} freePlay={null} followClock={role === 'player' ? host : false} />;
  if (stage === 'debrief' && role === 'facilitator') {
    return (
      <>
        {debrief}
        <EndScreen drillId={null} freePlay={null} teamRun />
      </>
    );
  }
  if (stage === 'finishing' || stage === 'debrief') {
    return (
      <p className="console-waiting" role="status">
        {role === 'player' ? `The run is over. The debrief is on the ${host}’s screen.` : 'The run is over: judging it…'}
      </p>
    );
  }
  if (stage === 'failed') {
    return (
      <div className="notice notice--error" role="alert">
        <p>The simulation could not start: {error ?? 'unknown error'}</p>
      </div>
    );
  }
  return (
    <p className="console-waiting" role="status">
      <span className="console-spinner" aria-hidden="true" />
      {role === 'player' ? `Waiting for the ${host}’s run…` : 'Warming up: the system runs normal traffic first so every chart opens with a baseline…'}
    </p>
  );
}
