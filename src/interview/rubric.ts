/**
 * The live troubleshooting interview's rubric: five dimensions, four levels each, every level anchored
 * in behaviour the console's action log can show. Scoring reads the log (what the candidate did, said
 * and looked at, and when), the run's outcome (when users started and stopped being hurt) and, when
 * available, the measured effect of each action (src/console/debrief/effects.ts). Every level comes with
 * the evidence that earned it, pointing at a time in the run. No UI here.
 */
import type { ActionEffect } from '../console/debrief/effects';
import { describeAction } from '../console/debrief/postmortem';
import { isCommsAction, type LoggedAction, type ViewPanel } from '../console/protocol';

export const DIMENSIONS = ['triage', 'investigation', 'mitigation', 'verification', 'communication'] as const;
export type DimensionId = (typeof DIMENSIONS)[number];
export type Level = 1 | 2 | 3 | 4;

export const LEVEL_NAMES: Readonly<Record<Level, string>> = { 1: 'Not yet', 2: 'Developing', 3: 'Solid', 4: 'Strong' };

export interface Dimension {
  id: DimensionId;
  title: string;
  /** What the dimension is about, in one line. */
  question: string;
  /** The observable behaviour that earns each level. */
  levels: Readonly<Record<Level, string>>;
}

export const RUBRIC: readonly Dimension[] = [
  {
    id: 'triage',
    title: 'Triage and scope',
    question: 'Did they check who is hurt and what changed before acting?',
    levels: {
      1: 'Acted without looking at the impact or at recent changes.',
      2: 'Looked at the impact (dashboards or alerts) or at recent changes (the timeline), not both, before acting.',
      3: 'Looked at both the impact and recent changes before the first action.',
      4: 'Looked at both before acting, and stated the scope (who and what is affected) in the declaration or an update.',
    },
  },
  {
    id: 'investigation',
    title: 'Investigation',
    question: 'Did they look at the data that could prove their hypothesis wrong?',
    levels: {
      1: 'Acted blind: nothing was looked at before the first action.',
      2: 'Looked at one panel only before acting.',
      3: 'Looked at two or more panels before acting, including one beyond the headline charts (logs, service map or timeline) that could disprove the hypothesis.',
      4: 'As Solid, and wrote the hypothesis down (a note) before acting on it.',
    },
  },
  {
    id: 'mitigation',
    title: 'Mitigation and safety',
    question: 'Did they stabilise first, with reversible actions, and did each action help?',
    levels: {
      1: 'Users were still being hurt when the run ended, or nothing was done.',
      2: 'Users stopped being hurt, but an action measurably hurt them or was hard to undo.',
      3: 'Users stopped being hurt, with reversible actions only and none that hurt them.',
      4: 'As Solid, and the first action was measured to help, with one change at a time.',
    },
  },
  {
    id: 'verification',
    title: 'Verification',
    question: 'Did they confirm recovery before resolving?',
    levels: {
      1: 'Never looked at the data after acting, or resolved while users were still being hurt.',
      2: 'Looked after acting, but did not resolve, or resolved before confirming.',
      3: 'Confirmed recovery in the data after the last action, then resolved.',
      4: 'As Solid, and posted an all-clear update once users had stopped being hurt.',
    },
  },
  {
    id: 'communication',
    title: 'Communication and command',
    question: 'Did they declare, set a severity and keep people informed on a cadence?',
    levels: {
      1: 'No incident was declared.',
      2: 'Declared an incident with a severity.',
      3: 'Declared within 5 minutes of detection and posted at least one status update.',
      4: 'As Solid, kept every promised update time, and assigned roles.',
    },
  },
];

/** A piece of evidence: something the log shows, at a time in the run. */
export interface Evidence {
  /** Console time in seconds (warm-up included), for a link into the replay. */
  at: number;
  /** Seconds since the player joined (negative during the warm-up). */
  t: number;
  text: string;
  /** Whether it counts for the level or against a higher one. */
  kind: 'for' | 'against';
  /** Index of the log entry it comes from, when it comes from one. */
  logIndex?: number;
}

export interface DimensionScore {
  id: DimensionId;
  title: string;
  level: Level;
  levelName: string;
  /** The anchor of the level reached. */
  anchor: string;
  evidence: Evidence[];
}

/** When users started and stopped being hurt, in console seconds (the run summary's incident). */
export interface RunOutcome {
  startedAt: number | null;
  detectedAt: number | null;
  mitigatedAt: number | null;
  /** The run's end, in console seconds. */
  endedAt: number;
}

export interface RubricInput {
  log: readonly LoggedAction[];
  warmupSeconds: number;
  outcome: RunOutcome;
  /** Measured effect of each log entry (same indexes), or null when not measured. */
  effects?: readonly ActionEffect[] | null;
}

/** System actions that change the system (acknowledging and resolving only change the incident's record). */
export function isIntervention(l: LoggedAction): boolean {
  return l.accepted && !isCommsAction(l.action) && l.action.type !== 'acknowledge' && l.action.type !== 'resolve-incident';
}

/** Actions that cannot simply be turned back: a new version, a failover, a flushed cache, a killed instance. */
export const HARD_TO_UNDO = new Set(['deploy', 'failover-db', 'flush-cache', 'restart-instance']);

/** Two interventions closer than this count as changing several things at once. */
export const ONE_AT_A_TIME_SECONDS = 60;
/** Recovery is confirmed by a look at least this long after the last intervention. */
export const SETTLE_SECONDS = 60;
/** Declaring within this long of detection counts as prompt. */
export const PROMPT_DECLARE_SECONDS = 300;
/** A promised update may be this late and still count as on time. */
export const UPDATE_GRACE_SECONDS = 60;

const HEADLINE: ReadonlySet<ViewPanel> = new Set(['dashboards', 'alerts']);
const CHANGES = /deploy|version|release|change|rollout|flag/i;

interface Indexed {
  i: number;
  l: LoggedAction;
}

function clock(t: number): string {
  const sign = t < 0 ? '-' : '+';
  const s = Math.abs(Math.round(t));
  return `T${sign}${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

export { clock as clockText };

function views(entries: readonly Indexed[]): (Indexed & { panel: ViewPanel; focus?: string })[] {
  return entries.flatMap((e) => (e.l.action.type === 'viewed' ? [{ ...e, panel: e.l.action.panel, ...(e.l.action.focus ? { focus: e.l.action.focus } : {}) }] : []));
}

function viewText(v: { panel: string; focus?: string }): string {
  return `looked at ${v.panel}${v.focus ? ` (${v.focus})` : ''}`;
}

/** Scores one run on every dimension, with the evidence for each level. */
export function scoreRun(input: RubricInput): DimensionScore[] {
  const w = input.warmupSeconds;
  const all: Indexed[] = input.log.map((l, i) => ({ i, l }));
  const ev = (e: Indexed, text: string, kind: Evidence['kind'] = 'for'): Evidence => ({ at: e.l.at, t: e.l.at - w, text, kind, logIndex: e.i });
  const evAt = (at: number, text: string, kind: Evidence['kind']): Evidence => ({ at, t: at - w, text, kind });
  const interventions = all.filter((e) => isIntervention(e.l));
  const first = interventions[0];
  // Everything before the first intervention (or the whole run when there was none).
  const before = first ? all.filter((e) => e.i < first.i) : all;
  const beforeViews = views(before);
  const out = input.outcome;
  const mitigated = out.mitigatedAt !== null || (out.startedAt === null && interventions.length > 0);

  const score = (id: DimensionId, level: Level, evidence: Evidence[]): DimensionScore => {
    const d = RUBRIC.find((r) => r.id === id)!;
    return { id, title: d.title, level, levelName: LEVEL_NAMES[level], anchor: d.levels[level], evidence: evidence.sort((a, b) => a.at - b.at) };
  };
  const firstActionText = first ? `first action: ${describeAction(first.l)} at ${clock(first.l.at - w)}` : 'no action changed the system';

  // Triage and scope.
  const triage = (() => {
    const evidence: Evidence[] = [];
    const impact = beforeViews.find((v) => HEADLINE.has(v.panel));
    const changes = beforeViews.find((v) => v.panel === 'timeline' || CHANGES.test(v.focus ?? ''));
    const scope = all.find(
      (e) => (e.l.action.type === 'declare-incident' && e.l.action.summary.trim() !== '') || (e.l.action.type === 'status-update' && e.l.action.scope.trim() !== ''),
    );
    if (impact) evidence.push(ev(impact, `checked the impact: ${viewText(impact)}`));
    if (changes) evidence.push(ev(changes, `checked recent changes: ${viewText(changes)}`));
    if (scope) evidence.push(ev(scope, `stated the scope: ${describeAction(scope.l)}`));
    if (!impact) evidence.push(first ? ev(first, `did not look at the impact before the ${firstActionText}`, 'against') : evAt(out.endedAt, 'never looked at the impact', 'against'));
    if (!changes) evidence.push(first ? ev(first, `did not look at recent changes before the ${firstActionText}`, 'against') : evAt(out.endedAt, 'never looked at recent changes', 'against'));
    const level: Level = impact && changes ? (scope ? 4 : 3) : impact || changes ? 2 : 1;
    return score('triage', level, evidence);
  })();

  // Investigation.
  const investigation = (() => {
    const evidence: Evidence[] = [];
    const panels = new Set(beforeViews.map((v) => v.panel));
    const disproving = beforeViews.find((v) => !HEADLINE.has(v.panel));
    const hypothesis = before.find((e) => e.l.action.type === 'note');
    for (const v of beforeViews) evidence.push(ev(v, viewText(v)));
    if (hypothesis && hypothesis.l.action.type === 'note') evidence.push(ev(hypothesis, `wrote a hypothesis: "${hypothesis.l.action.text.slice(0, 120)}"`));
    if (first && beforeViews.length === 0) evidence.push(ev(first, `acted blind: nothing was looked at before the ${firstActionText}`, 'against'));
    else if (first && !disproving) evidence.push(ev(first, `only the headline charts were looked at before the ${firstActionText}`, 'against'));
    let level: Level = beforeViews.length === 0 ? 1 : panels.size < 2 ? 2 : disproving ? 3 : 2;
    if (level === 3 && hypothesis) level = 4;
    return score('investigation', level, evidence);
  })();

  // Mitigation and safety.
  const mitigation = (() => {
    const evidence: Evidence[] = [];
    const effects = input.effects ?? null;
    const hurt = effects ? effects.filter((e) => e.verdict === 'hurt') : [];
    const hard = interventions.filter((e) => HARD_TO_UNDO.has(e.l.action.type));
    const crowded = interventions.filter((e, k) => k > 0 && e.l.at - interventions[k - 1]!.l.at < ONE_AT_A_TIME_SECONDS);
    const firstEffect = first && effects ? effects[first.i] : undefined;
    if (out.mitigatedAt !== null) evidence.push(evAt(out.mitigatedAt, `users stopped being hurt ${out.startedAt !== null ? `${Math.round(out.mitigatedAt - out.startedAt)} s after impact began` : ''}`.trim(), 'for'));
    else if (out.startedAt !== null) evidence.push(evAt(out.endedAt, 'users were still being hurt when the run ended', 'against'));
    for (const h of hurt) {
      const e = all[h.index]!;
      evidence.push(ev(e, `${describeAction(e.l)} hurt users: ${(-h.failedSaved).toLocaleString('en')} more failed requests than without it`, 'against'));
    }
    for (const e of hard) evidence.push(ev(e, `${describeAction(e.l)} is hard to undo`, 'against'));
    for (const e of crowded) evidence.push(ev(e, `${describeAction(e.l)} came less than ${ONE_AT_A_TIME_SECONDS} s after the previous change`, 'against'));
    if (firstEffect?.verdict === 'helped') evidence.push(ev(first!, `the first action, ${describeAction(first!.l)}, saved ${firstEffect.failedSaved.toLocaleString('en')} failed requests`));
    else if (first && firstEffect) evidence.push(ev(first, `the first action, ${describeAction(first.l)}, had ${firstEffect.verdict === 'hurt' ? 'a harmful' : 'no measurable'} effect`, 'against'));
    let level: Level;
    if (!mitigated || interventions.length === 0) level = 1;
    else if (hurt.length > 0 || hard.length > 0) level = 2;
    else if (firstEffect?.verdict === 'helped' && crowded.length === 0) level = 4;
    else level = 3;
    return score('mitigation', level, evidence);
  })();

  // Verification.
  const verification = (() => {
    const evidence: Evidence[] = [];
    const last = interventions.at(-1);
    const settleAt = Math.max(last ? last.l.at + SETTLE_SECONDS : -Infinity, out.mitigatedAt ?? -Infinity);
    const checks = views(all).filter((v) => HEADLINE.has(v.panel) && last && v.l.at >= last.l.at);
    const confirmed = checks.find((v) => v.l.at >= settleAt);
    const resolve = all.find((e) => e.l.accepted && e.l.action.type === 'resolve-incident');
    const resolvedWhileHurt = resolve && (out.mitigatedAt === null ? out.startedAt !== null : resolve.l.at < out.mitigatedAt);
    const allClear = out.mitigatedAt !== null ? all.find((e) => e.l.action.type === 'status-update' && e.l.at >= out.mitigatedAt!) : undefined;
    if (confirmed) evidence.push(ev(confirmed, `confirmed recovery: ${viewText(confirmed)}`));
    else if (checks[0]) evidence.push(ev(checks[0], `${viewText(checks[0])} before the system had settled`, 'against'));
    if (resolve) evidence.push(ev(resolve, resolvedWhileHurt ? 'resolved while users were still being hurt' : 'resolved the incident', resolvedWhileHurt ? 'against' : 'for'));
    else evidence.push(evAt(out.endedAt, 'the incident was never resolved', 'against'));
    if (allClear) evidence.push(ev(allClear, 'posted an update after recovery'));
    let level: Level;
    if (resolvedWhileHurt || checks.length === 0) level = 1;
    else if (!confirmed || !resolve || resolve.l.at < confirmed.l.at) level = 2;
    else level = allClear ? 4 : 3;
    return score('verification', level, evidence);
  })();

  // Communication and command.
  const communication = (() => {
    const evidence: Evidence[] = [];
    const declare = all.find((e) => e.l.action.type === 'declare-incident');
    const updates = all.filter((e) => e.l.action.type === 'status-update');
    const roles = all.filter((e) => e.l.action.type === 'assign-role');
    const detectedAt = out.detectedAt ?? all.find((e) => e.l.action.type === 'acknowledge')?.l.at ?? null;
    const resolveAt = all.find((e) => e.l.accepted && e.l.action.type === 'resolve-incident')?.l.at ?? out.endedAt;
    if (declare && declare.l.action.type === 'declare-incident') {
      const late = detectedAt !== null && declare.l.at - detectedAt > PROMPT_DECLARE_SECONDS;
      evidence.push(ev(declare, `declared SEV-${declare.l.action.severity}${detectedAt !== null ? `, ${Math.round(declare.l.at - detectedAt)} s after detection` : ''}`, late ? 'against' : 'for'));
    } else evidence.push(evAt(out.endedAt, 'no incident was declared', 'against'));
    for (const r of roles) evidence.push(ev(r, describeAction(r.l)));
    // Each promised update time must be met by the next update, unless the incident was resolved first.
    let cadenceKept = updates.length > 0;
    updates.forEach((u, k) => {
      if (u.l.action.type !== 'status-update') return;
      const due = u.l.at + u.l.action.nextUpdateMinutes * 60;
      const next = updates[k + 1];
      const onTime = next ? next.l.at <= due + UPDATE_GRACE_SECONDS : resolveAt <= due + UPDATE_GRACE_SECONDS;
      evidence.push(ev(u, `status update, next promised in ${u.l.action.nextUpdateMinutes} min${onTime ? '' : ': the promise was missed'}`, onTime ? 'for' : 'against'));
      if (!onTime) cadenceKept = false;
    });
    if (declare && updates.length === 0) evidence.push(ev(declare, 'no status update followed the declaration', 'against'));
    const prompt = declare !== undefined && (detectedAt === null || declare.l.at - detectedAt <= PROMPT_DECLARE_SECONDS);
    let level: Level;
    if (!declare) level = 1;
    else if (!prompt || updates.length === 0) level = 2;
    else level = cadenceKept && roles.length > 0 ? 4 : 3;
    return score('communication', level, evidence);
  })();

  return [triage, investigation, mitigation, verification, communication];
}

/** Each hint (solo) or nudge (interviewer) costs a point, up to this many. */
export const MAX_HELP_PENALTY = 5;

export interface Total {
  points: number;
  max: number;
  penalty: number;
}

export function totalPoints(scores: readonly DimensionScore[], helpUsed: number): Total {
  const raw = scores.reduce((s, d) => s + d.level, 0);
  const penalty = Math.min(MAX_HELP_PENALTY, Math.max(0, helpUsed));
  return { points: Math.max(scores.length, raw - penalty), max: scores.length * 4, penalty };
}
