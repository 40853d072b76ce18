/**
 * The workshop's debrief as data, without UI: the session timeline with the facilitator's notes
 * (private ones only for the facilitator), who took each action of the log, and "what we knew at
 * minute N": what the team could see at that second (alerts firing, status updates, actions,
 * stakeholder messages), never the hidden faults unless the facilitator chooses to reveal them.
 */
import type { AlertView, LoggedAction } from '../console/protocol';
import type { Attribution, SessionState, TimelineEntry } from './session';

export interface DebriefEntry {
  t: number;
  kind: 'action' | 'stakeholder' | 'note' | 'discussion' | 'inject' | 'refused' | 'contingency' | 'rewind';
  who: string;
  text: string;
  /** For notes: whether the team may see it. */
  shared?: boolean;
  /** Index in the session timeline (to share a note from the debrief). */
  index: number;
}

const FACILITATOR_ONLY = new Set(['inject', 'contingency', 'refused', 'rewind']);
const SHOWN = new Set<string>(['action', 'stakeholder', 'note', 'discussion', 'inject', 'refused', 'contingency', 'rewind']);

/**
 * The debrief's timeline. `audience: 'facilitator'` has everything the session logged that matters
 * to a debrief (notes marked private or shared); `'team'` (players, the projector) has the team's
 * actions, the messages they got, discussions and shared notes only. A contingency that was sent
 * reached the team as a stakeholder message, so the team sees it as one.
 */
export function debriefTimeline(session: Pick<SessionState, 'timeline' | 'contingencies'>, audience: 'facilitator' | 'team'): DebriefEntry[] {
  const out: DebriefEntry[] = [];
  session.timeline.forEach((e: TimelineEntry, index) => {
    if (!SHOWN.has(e.kind)) return;
    if (audience === 'team') {
      if (e.kind === 'note' && !e.shared) return;
      if (e.kind === 'contingency') {
        const sent = session.contingencies.find((c) => e.text.startsWith(`contingency ${c.id} sent`));
        if (sent) out.push({ t: e.t, kind: 'stakeholder', who: sent.from, text: sent.text, index });
        return;
      }
      if (FACILITATOR_ONLY.has(e.kind)) return;
    }
    const item: DebriefEntry = { t: e.t, kind: e.kind as DebriefEntry['kind'], who: e.who, text: e.text, index };
    if (e.kind === 'note') item.shared = e.shared ?? false;
    out.push(item);
  });
  return out.sort((a, b) => a.t - b.t || a.index - b.index);
}

/**
 * Who took each entry of the console's log, by position: the facilitator's page records one
 * attribution per applied action, in the order the simulation logged them. An entry without a
 * matching record (a run loaded from elsewhere) is the facilitator's.
 */
export function whoTook(log: readonly LoggedAction[], attribution: readonly Attribution[]): string[] {
  const left = [...attribution];
  return log.map((l) => {
    const i = left.findIndex((a) => a.at === l.at && a.type === l.action.type);
    if (i < 0) return 'Facilitator';
    return left.splice(i, 1)[0]!.who;
  });
}

export interface KnownAt {
  /** Absolute simulated second. */
  t: number;
  alerts: AlertView[];
  statusUpdates: { t: number; who: string; text: string }[];
  actions: { t: number; who: string; text: string; accepted: boolean }[];
  messages: { t: number; who: string; text: string }[];
  /** Faults fired by then: only when the facilitator reveals them. */
  faults: { t: number; text: string }[] | null;
}

/**
 * What the team knew at `second` (absolute): the alerts firing or acknowledged on that frame, and
 * everything said and done up to it. `describe` turns a log entry into words (the debrief's own).
 */
export function knownAt(input: {
  second: number;
  frameAt(t: number): { alerts: AlertView[] } | null | undefined;
  log: readonly LoggedAction[];
  who: readonly string[];
  session: Pick<SessionState, 'timeline' | 'contingencies' | 'injects'>;
  describe(l: LoggedAction): string;
  revealFaults: boolean;
}): KnownAt {
  const { second } = input;
  const alerts = (input.frameAt(second)?.alerts ?? []).filter((a) => a.state === 'firing');
  const statusUpdates: KnownAt['statusUpdates'] = [];
  const actions: KnownAt['actions'] = [];
  input.log.forEach((l, i) => {
    if (l.at > second || l.action.type === 'inject-fault' || l.action.type === 'viewed') return;
    const who = input.who[i] ?? 'Facilitator';
    if (l.action.type === 'status-update') {
      if (l.accepted) statusUpdates.push({ t: l.at, who, text: input.describe(l) });
    } else actions.push({ t: l.at, who, text: input.describe(l), accepted: l.accepted });
  });
  const messages = debriefTimeline(input.session, 'team')
    .filter((e) => e.kind === 'stakeholder' && e.t <= second)
    .map(({ t, who, text }) => ({ t, who, text }));
  const faults = input.revealFaults
    ? input.session.injects.filter((f) => f.fault !== null && f.status === 'fired' && f.firedAt !== null && f.firedAt <= second).map((f) => ({ t: f.firedAt!, text: `${f.id}: ${f.summary}` }))
    : null;
  return { t: second, alerts, statusUpdates, actions, messages, faults };
}
