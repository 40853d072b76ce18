/**
 * The facilitator's session as a reducer, without UI or sockets: who is in the room and in which
 * role, the inject schedule (scheduled, fired, skipped), and the session's timeline. The timeline
 * is the facilitator's record (it holds injects and private notes); players see only the public
 * part (`publicSession`).
 */
import type { ContingencyStatus, ScriptContingency } from './contingency';
import type { TeamRole } from './protocol';
import type { ScriptInject } from './script';

export interface SessionPlayer {
  playerId: string;
  name: string;
  connected: boolean;
  role: TeamRole | null;
}

export type InjectStatus = 'scheduled' | 'fired' | 'skipped';

export interface SessionInject extends ScriptInject {
  status: InjectStatus;
  /** Simulated second (absolute, warm-up included) it fired at. */
  firedAt: number | null;
}

export interface SessionContingency extends ScriptContingency {
  status: ContingencyStatus;
  /** Simulated second (absolute) it was sent or met at. */
  settledAt: number | null;
}

export type TimelineKind = 'inject' | 'action' | 'refused' | 'stakeholder' | 'note' | 'room' | 'role' | 'rewind' | 'contingency' | 'discussion' | 'approval';

export interface TimelineEntry {
  /** Simulated second (absolute); the page shows it as T+ after the warm-up. */
  t: number;
  kind: TimelineKind;
  who: string;
  text: string;
  /** A facilitator note the team may see (on their debrief and the projector); other notes stay private. */
  shared?: boolean;
}

/** A player's action held for the facilitator's approval. */
export interface QueuedAction {
  id: string;
  playerId: string;
  name: string;
  action: Record<string, unknown>;
  /** Simulated second it was asked for. */
  t: number;
  /** The action in words, for both pages. */
  text: string;
}

/** Who took one action of the console's log (the log itself knows only when and what). */
export interface Attribution {
  at: number;
  type: string;
  who: string;
}

export interface SessionState {
  scriptId: string;
  seed: number;
  warmupSeconds: number;
  room: { code: string; secret: string } | null;
  players: SessionPlayer[];
  injects: SessionInject[];
  contingencies: SessionContingency[];
  /** The question the team is discussing while the clock is paused, or null while playing on. */
  discussion: string | null;
  timeline: TimelineEntry[];
  /** Whether players' actions wait for the facilitator's approval before the simulation applies them. */
  approval: boolean;
  /** Players' actions waiting for approval, oldest first. */
  queue: QueuedAction[];
  /** The pack's rubric as the facilitator ticks it during the run (empty without a pack). */
  rubric: { text: string; checked: boolean }[];
  /** One entry per action the simulation applied, in log order (injected faults too, by the facilitator). */
  attribution: Attribution[];
}

export type SessionEvent =
  | { type: 'ROOM'; code: string; secret: string }
  | { type: 'PLAYER_JOINED'; playerId: string; name: string; t: number; rejoined: boolean }
  | { type: 'PLAYER_LEFT'; playerId: string; t: number }
  | { type: 'PLAYER_REMOVED'; playerId: string; t: number }
  | { type: 'ASSIGN_ROLE'; playerId: string; role: TeamRole | null; t: number }
  | { type: 'FIRED'; id: string; t: number }
  | { type: 'DELAY'; id: string; seconds: number; t: number }
  | { type: 'SKIP'; id: string; t: number }
  | { type: 'ACTED'; t: number; who: string; text: string }
  | { type: 'ATTRIBUTED'; t: number; who: string; actionType: string }
  | { type: 'REFUSED'; t: number; who: string; text: string }
  | { type: 'STAKEHOLDER'; t: number; from: string; text: string }
  | { type: 'NOTE'; t: number; text: string; shared?: boolean }
  /** Shares (or un-shares) the note at this index of the timeline with the team. */
  | { type: 'SHARE_NOTE'; index: number; shared: boolean }
  | { type: 'APPROVAL'; on: boolean; t: number }
  | { type: 'QUEUED'; item: QueuedAction }
  | { type: 'DECIDED'; id: string; approved: boolean; reason: string; t: number }
  | { type: 'RUBRIC'; index: number; checked: boolean; t: number }
  | { type: 'REWOUND'; t: number }
  | { type: 'CONTINGENCY'; id: string; status: Exclude<ContingencyStatus, 'waiting'>; t: number }
  | { type: 'DISCUSSION'; prompt: string | null; t: number };

export function initialSession(
  scriptId: string,
  seed: number,
  warmupSeconds: number,
  injects: readonly ScriptInject[],
  contingencies: readonly ScriptContingency[] = [],
  rubric: readonly string[] = [],
): SessionState {
  return {
    scriptId,
    seed,
    warmupSeconds,
    room: null,
    players: [],
    injects: injects.map((i) => ({ ...i, status: 'scheduled', firedAt: null })),
    contingencies: contingencies.map((c) => ({ ...c, expected: [...c.expected], status: 'waiting', settledAt: null })),
    discussion: null,
    timeline: [],
    approval: false,
    queue: [],
    rubric: rubric.map((text) => ({ text, checked: false })),
    attribution: [],
  };
}

const CONTINGENCY_TEXT = { sent: 'sent to the players', met: 'met: the team did it in time', skipped: 'skipped' } as const;

const entry = (s: SessionState, e: TimelineEntry): SessionState => ({ ...s, timeline: [...s.timeline, e] });
const nameOf = (s: SessionState, id: string) => s.players.find((p) => p.playerId === id)?.name ?? id;
const mins = (seconds: number) => `${Math.round(seconds / 6) / 10} min`;

export function sessionReducer(s: SessionState, e: SessionEvent): SessionState {
  switch (e.type) {
    case 'ROOM':
      return { ...s, room: { code: e.code, secret: e.secret } };
    case 'PLAYER_JOINED': {
      const known = s.players.some((p) => p.playerId === e.playerId);
      const players = known ? s.players.map((p) => (p.playerId === e.playerId ? { ...p, name: e.name, connected: true } : p)) : [...s.players, { playerId: e.playerId, name: e.name, connected: true, role: null }];
      return entry({ ...s, players }, { t: e.t, kind: 'room', who: e.name, text: e.rejoined ? 'reconnected' : 'joined' });
    }
    case 'PLAYER_LEFT':
      return entry({ ...s, players: s.players.map((p) => (p.playerId === e.playerId ? { ...p, connected: false } : p)) }, { t: e.t, kind: 'room', who: nameOf(s, e.playerId), text: 'disconnected' });
    case 'PLAYER_REMOVED':
      return entry({ ...s, players: s.players.filter((p) => p.playerId !== e.playerId) }, { t: e.t, kind: 'room', who: nameOf(s, e.playerId), text: 'removed by the facilitator' });
    case 'ASSIGN_ROLE':
      return entry(
        { ...s, players: s.players.map((p) => (p.playerId === e.playerId ? { ...p, role: e.role } : p)) },
        { t: e.t, kind: 'role', who: nameOf(s, e.playerId), text: e.role ? `role: ${e.role}` : 'no role' },
      );
    case 'FIRED': {
      const inject = s.injects.find((i) => i.id === e.id);
      if (!inject || inject.status !== 'scheduled') return s;
      return entry({ ...s, injects: s.injects.map((i) => (i.id === e.id ? { ...i, status: 'fired', firedAt: e.t } : i)) }, { t: e.t, kind: 'inject', who: 'Facilitator', text: inject.message ? `message ${inject.id} sent: ${inject.summary}` : `fault ${inject.id} fired: ${inject.summary}` });
    }
    case 'DELAY': {
      const inject = s.injects.find((i) => i.id === e.id);
      if (!inject || inject.status !== 'scheduled') return s;
      return entry({ ...s, injects: s.injects.map((i) => (i.id === e.id ? { ...i, at: i.at + e.seconds } : i)) }, { t: e.t, kind: 'inject', who: 'Facilitator', text: `fault ${inject.id} delayed by ${mins(e.seconds)}` });
    }
    case 'SKIP': {
      const inject = s.injects.find((i) => i.id === e.id);
      if (!inject || inject.status !== 'scheduled') return s;
      return entry({ ...s, injects: s.injects.map((i) => (i.id === e.id ? { ...i, status: 'skipped' } : i)) }, { t: e.t, kind: 'inject', who: 'Facilitator', text: `fault ${inject.id} skipped` });
    }
    case 'ACTED':
      return entry(s, { t: e.t, kind: 'action', who: e.who, text: e.text });
    case 'REFUSED':
      return entry(s, { t: e.t, kind: 'refused', who: e.who, text: e.text });
    case 'STAKEHOLDER':
      return entry(s, { t: e.t, kind: 'stakeholder', who: e.from, text: e.text });
    case 'NOTE':
      return entry(s, { t: e.t, kind: 'note', who: 'Facilitator', text: e.text, shared: e.shared ?? false });
    case 'SHARE_NOTE':
      if (s.timeline[e.index]?.kind !== 'note') return s;
      return { ...s, timeline: s.timeline.map((x, i) => (i === e.index ? { ...x, shared: e.shared } : x)) };
    case 'APPROVAL':
      if (s.approval === e.on) return s;
      return entry({ ...s, approval: e.on }, { t: e.t, kind: 'room', who: 'Facilitator', text: e.on ? "players' actions now wait for approval" : "players' actions apply at once again (waiting ones still need a decision)" });
    case 'QUEUED':
      return entry({ ...s, queue: [...s.queue, e.item] }, { t: e.item.t, kind: 'approval', who: e.item.name, text: `asks to ${e.item.text} (waiting for approval)` });
    case 'DECIDED': {
      const item = s.queue.find((q) => q.id === e.id);
      if (!item) return s;
      return entry(
        { ...s, queue: s.queue.filter((q) => q.id !== e.id) },
        { t: e.t, kind: 'approval', who: 'Facilitator', text: `${e.approved ? 'approved' : 'rejected'} ${item.name}'s ${item.text}${e.reason ? `: ${e.reason}` : ''}` },
      );
    }
    case 'RUBRIC': {
      const item = s.rubric[e.index];
      if (!item || item.checked === e.checked) return s;
      return entry({ ...s, rubric: s.rubric.map((r, i) => (i === e.index ? { ...r, checked: e.checked } : r)) }, { t: e.t, kind: 'note', who: 'Facilitator', text: `rubric ${e.checked ? '✓' : 'unticked'}: ${item.text}` });
    }
    case 'ATTRIBUTED':
      return { ...s, attribution: [...s.attribution, { at: e.t, type: e.actionType, who: e.who }] };
    case 'REWOUND':
      // The run rewound: faults fired and contingencies settled after that second are undone with it, so they are due again.
      return entry(
        {
          ...s,
          // The console's log keeps the actions up to the rewound second; their attribution goes with them.
          attribution: s.attribution.filter((a) => a.at <= e.t),
          injects: s.injects.map((i) => (i.status === 'fired' && i.firedAt !== null && i.firedAt > e.t ? { ...i, status: 'scheduled', firedAt: null } : i)),
          contingencies: s.contingencies.map((c) => (c.status !== 'skipped' && c.settledAt !== null && c.settledAt > e.t ? { ...c, status: 'waiting', settledAt: null } : c)),
        },
        { t: e.t, kind: 'rewind', who: 'Facilitator', text: 'rewound the run to here' },
      );
    case 'CONTINGENCY': {
      const c = s.contingencies.find((x) => x.id === e.id);
      if (!c || c.status !== 'waiting') return s;
      return entry(
        { ...s, contingencies: s.contingencies.map((x) => (x.id === e.id ? { ...x, status: e.status, settledAt: e.status === 'skipped' ? null : e.t } : x)) },
        { t: e.t, kind: 'contingency', who: e.status === 'sent' ? c.from : 'Facilitator', text: `contingency ${c.id} ${CONTINGENCY_TEXT[e.status]}${e.status === 'sent' ? `: ${c.text}` : ''}` },
      );
    }
    case 'DISCUSSION':
      if (s.discussion === e.prompt) return s;
      return entry({ ...s, discussion: e.prompt }, { t: e.t, kind: 'discussion', who: 'Facilitator', text: e.prompt === null ? 'discussion over, back to the run' : `paused for discussion: ${e.prompt}` });
  }
}

/** Scheduled injects whose time has come at simulated second `t` (absolute). */
export function dueInjects(s: SessionState, t: number): SessionInject[] {
  return s.injects.filter((i) => i.status === 'scheduled' && s.warmupSeconds + i.at <= t);
}

/**
 * Whether a player in `role` may take an action of `type`. Unassigned players may do anything (roles
 * are optional); Observers watch; status updates belong to Comms once someone has a role.
 */
export function mayAct(role: TeamRole | null, type: string): { ok: true } | { ok: false; reason: string } {
  if (role === null) return { ok: true };
  if (role === 'Observer') return { ok: false, reason: 'Observers watch and take notes; ask the facilitator for a role to act.' };
  if (type === 'status-update' && role !== 'Comms') return { ok: false, reason: `Status updates belong to the Comms role; you are ${role}.` };
  return { ok: true };
}

/** The part of the session every player may see: names, roles and the discussion prompt, never injects, contingencies or notes. */
export function publicSession(s: SessionState, ended: boolean) {
  const roles: Record<string, TeamRole> = {};
  const names: Record<string, string> = {};
  for (const p of s.players) {
    names[p.playerId] = p.name;
    if (p.role) roles[p.playerId] = p.role;
  }
  return { kind: 'session' as const, roles, names, ended, discussion: s.discussion };
}
