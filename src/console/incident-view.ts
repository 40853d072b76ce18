/**
 * What the Alerts, Incident and Timeline panels show, derived from the frames and the action log.
 * Pure functions over plain data, so the panels only render and the rules (MTTA, when a status
 * update is overdue) are tested here.
 */
import type { FrameStore } from './frame-store';
import { isCommsAction, type AlertState, type CommsAction, type ConsoleAction, type LoggedAction, type Role } from './protocol';

/** Without a promised time, the first status update is due this long after declaring (a common incident-process rule). */
export const FIRST_UPDATE_DUE_SECONDS = 15 * 60;

export interface AlertRow {
  id: string;
  severity: 'page' | 'ticket';
  state: AlertState;
  /** When it entered its current state. */
  since: number;
  /** When it last started firing (null if it never fired). */
  firedAt: number | null;
  silencedUntil: number | null;
}

export interface AlertsView {
  rows: AlertRow[];
  /** The first page that fired: what MTTA is measured from. */
  firstFiredAt: number | null;
  acknowledgedAt: number | null;
  /** Fire to acknowledge, in simulated seconds (null until both happened). */
  mtta: number | null;
  /** Whether a page is firing that nobody acknowledged yet. */
  needsAck: boolean;
}

type Comms<T extends CommsAction['type']> = Extract<CommsAction, { type: T }>;

function commsOf<T extends CommsAction['type']>(log: readonly LoggedAction[], type: T): { at: number; action: Comms<T> }[] {
  return log.filter((l) => l.accepted && l.action.type === type).map((l) => ({ at: l.at, action: l.action as Comms<T> }));
}

const firstAccepted = (log: readonly LoggedAction[], type: ConsoleAction['type']) => log.find((l) => l.accepted && l.action.type === type)?.at ?? null;

export function alertsView(store: FrameStore, log: readonly LoggedAction[], now: number): AlertsView {
  const latest = store.latest;
  // A silence is a simulator action (it quiets the alert in the engine), not a comms record.
  const silences = log
    .filter((l) => l.accepted && l.action.type === 'silence-alert')
    .map((l) => ({ at: l.at, action: l.action as Extract<ConsoleAction, { type: 'silence-alert' }> }));
  const rows: AlertRow[] = (latest?.alerts ?? []).map((a) => {
    const changes = store.alertChanges(a.id);
    const fired = changes.filter((c) => c.state === 'firing').at(-1);
    const until = silences.filter((s) => s.action.alert === a.id).map((s) => s.at + s.action.minutes * 60).filter((u) => u > now);
    return {
      id: a.id,
      severity: a.severity,
      state: a.state,
      since: changes.at(-1)?.t ?? latest!.t,
      firedAt: fired?.t ?? null,
      silencedUntil: until.length ? Math.max(...until) : null,
    };
  });
  const pageFirings = rows.filter((r) => r.severity === 'page').flatMap((r) => store.alertChanges(r.id).filter((c) => c.state === 'firing').map((c) => c.t));
  const firstFiredAt = pageFirings.length ? Math.min(...pageFirings) : null;
  const acknowledgedAt = firstAccepted(log, 'acknowledge');
  return {
    rows,
    firstFiredAt,
    acknowledgedAt,
    mtta: firstFiredAt !== null && acknowledgedAt !== null && acknowledgedAt >= firstFiredAt ? acknowledgedAt - firstFiredAt : null,
    needsAck: acknowledgedAt === null && rows.some((r) => r.severity === 'page' && r.state === 'firing' && r.silencedUntil === null),
  };
}

export interface StatusUpdate {
  at: number;
  impact: string;
  scope: string;
  currentAction: string;
  nextUpdateAt: number;
}

export interface IncidentView {
  declaredAt: number | null;
  severity: number | null;
  summary: string;
  roles: Partial<Record<Role, string>>;
  updates: StatusUpdate[];
  resolvedAt: number | null;
  /** When the next status update is due (null when no incident is open). */
  nextUpdateDue: number | null;
  /** Simulated seconds past due (0 when not overdue). */
  overdueBy: number;
}

export function incidentView(log: readonly LoggedAction[], now: number): IncidentView {
  const declared = commsOf(log, 'declare-incident')[0] ?? null;
  const severities = commsOf(log, 'set-severity');
  const roles: Partial<Record<Role, string>> = {};
  for (const r of commsOf(log, 'assign-role')) roles[r.action.role] = r.action.person;
  const updates = commsOf(log, 'status-update').map(
    (u): StatusUpdate => ({ at: u.at, impact: u.action.impact, scope: u.action.scope, currentAction: u.action.currentAction, nextUpdateAt: u.at + u.action.nextUpdateMinutes * 60 }),
  );
  const resolvedAt = declared ? (log.find((l) => l.accepted && l.action.type === 'resolve-incident' && l.at >= declared.at)?.at ?? null) : null;
  const open = declared !== null && resolvedAt === null;
  const nextUpdateDue = open ? (updates.at(-1)?.nextUpdateAt ?? declared.at + FIRST_UPDATE_DUE_SECONDS) : null;
  return {
    declaredAt: declared?.at ?? null,
    severity: severities.at(-1)?.action.severity ?? declared?.action.severity ?? null,
    summary: declared?.action.summary ?? '',
    roles,
    updates,
    resolvedAt,
    nextUpdateDue,
    overdueBy: nextUpdateDue !== null && now > nextUpdateDue ? now - nextUpdateDue : 0,
  };
}

export interface TimelineEntry {
  t: number;
  kind: 'alert' | 'action' | 'comms' | 'deploy' | 'incident' | 'system' | 'refused' | 'fault';
  text: string;
}

/**
 * Everything that happened, in order: the system's annotations (deploys, alerts, autoscaling,
 * breakers, the operator's accepted actions) and, from the log, what the system does not annotate:
 * comms, injected faults and refused actions.
 */
export function timelineView(store: FrameStore, log: readonly LoggedAction[]): TimelineEntry[] {
  const entries: TimelineEntry[] = store.annotations.map((a) => ({
    t: a.t,
    kind: a.kind === 'alert' || a.kind === 'deploy' || a.kind === 'incident' ? a.kind : a.kind === 'action' ? 'action' : 'system',
    text: a.text,
  }));
  for (const l of log) {
    if (!l.accepted) entries.push({ t: l.at, kind: 'refused', text: `refused: ${l.action.type}: ${l.message}` });
    else if (l.action.type === 'inject-fault') entries.push({ t: l.at, kind: 'fault', text: l.message });
    // What the player looked at is evidence for an interview, not an event of the incident.
    else if (isCommsAction(l.action) && l.action.type !== 'viewed') entries.push({ t: l.at, kind: 'comms', text: commsText(l.action) });
  }
  // Stable: within one second the system's entries come before the player's.
  return entries.map((e, i) => ({ e, i })).sort((a, b) => a.e.t - b.e.t || a.i - b.i).map((x) => x.e);
}

function commsText(a: Exclude<CommsAction, { type: 'viewed' }>): string {
  switch (a.type) {
    case 'declare-incident':
      return `incident declared, SEV-${a.severity}${a.summary ? `: ${a.summary}` : ''}`;
    case 'set-severity':
      return `severity set to SEV-${a.severity}`;
    case 'assign-role':
      return `${a.role}: ${a.person}`;
    case 'status-update':
      return `status update: ${a.impact}${a.currentAction ? `; doing: ${a.currentAction}` : ''} (next in ${a.nextUpdateMinutes} min)`;
    case 'note':
      return `note: ${a.text}`;
  }
}

const BURN_FACTOR: Record<string, string> = { '1h': '14.4', '6h': '6', '1d': '3', '3d': '1' };

/** An alert rule's id in words: "slo-burn-1h-5m" -> "Error budget burning 14.4x (1 h and 5 min windows)". */
export function alertTitle(id: string): string {
  const m = /^slo-burn-(\w+)-(\w+)$/.exec(id);
  if (!m) return id;
  const w = (s: string) => s.replace(/(\d+)(h|m|d)$/, (_, n: string, u: string) => `${n} ${u === 'h' ? 'h' : u === 'm' ? 'min' : n === '1' ? 'day' : 'days'}`);
  return `Error budget burning ${BURN_FACTOR[m[1]!] ?? '?'}x (${w(m[1]!)} and ${w(m[2]!)} windows)`;
}
