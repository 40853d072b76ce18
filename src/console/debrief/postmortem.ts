/**
 * A blameless postmortem draft, written from what happened, not from what was clicked: the event
 * log of the run (alerts, milestones, every action), its measured effects and the scenario's root
 * cause. The learner edits it; this is where they start. Exported as Markdown and JSON.
 */
import type { SimulationSummary } from '../../sim/index';
import { isCommsAction, type LoggedAction } from '../protocol';
import type { ActionEffect } from './effects';

export interface TimelineEntry {
  /** Simulated seconds since the player joined (negative: during the warm-up). */
  t: number;
  kind: 'alert' | 'milestone' | 'action' | 'communication' | 'hint';
  text: string;
}

export interface ActionItem {
  text: string;
  /** The contributing factor this item addresses. */
  factor: string;
  owner: string;
}

export interface PostmortemDraft {
  title: string;
  summary: string;
  impact: { durationSeconds: number | null; failedRequests: number; shedRequests: number; budgetBurnedPercent: number; severity: string | null };
  timeline: TimelineEntry[];
  rootCause: string;
  contributingFactors: string[];
  wentWell: string[];
  wentBadly: string[];
  actionItems: ActionItem[];
}

export interface DraftInput {
  title: string;
  warmupSeconds: number;
  summary: SimulationSummary;
  log: readonly LoggedAction[];
  effects: readonly ActionEffect[] | null;
  rootCause: string;
  contributingFactors: readonly string[];
  hints?: readonly { at: number; rung: number; text: string }[];
}

export function clockText(t: number): string {
  const sign = t < 0 ? '-' : '+';
  const s = Math.abs(Math.round(t));
  return `T${sign}${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** The run's events in time order: what the postmortem timeline lists, entry for entry. */
export function eventLog(input: Pick<DraftInput, 'summary' | 'log' | 'warmupSeconds' | 'hints'>): TimelineEntry[] {
  const w = input.warmupSeconds;
  const inc = input.summary.incident;
  const entries: TimelineEntry[] = [];
  const milestone = (at: number | null, text: string) => at !== null && entries.push({ t: at - w, kind: 'milestone', text });
  milestone(inc.startedAt, 'impact began');
  milestone(inc.detectedAt, `detected${inc.detectedBy ? ` by ${inc.detectedBy}` : ''}`);
  milestone(inc.acknowledgedAt, 'acknowledged');
  milestone(inc.mitigatedAt, 'mitigated: users no longer hurt');
  milestone(inc.resolvedAt, 'resolved');
  for (const a of input.summary.alerts) {
    entries.push({ t: a.firedAt - w, kind: 'alert', text: `${a.severity === 'page' ? 'page' : 'ticket'} ${a.id} fired` });
    if (a.resolvedAt !== null) entries.push({ t: a.resolvedAt - w, kind: 'alert', text: `${a.id} resolved` });
  }
  for (const l of input.log) {
    // Looking is not an event of the incident; the interview rubric reads views, the postmortem does not list them.
    if (l.action.type === 'viewed') continue;
    const what = describeAction(l);
    entries.push({ t: l.at - w, kind: isCommsAction(l.action) ? 'communication' : 'action', text: l.accepted ? what : `${what} (refused: ${l.message})` });
  }
  for (const h of input.hints ?? []) entries.push({ t: h.at - w, kind: 'hint', text: `hint ${h.rung} shown: ${h.text}` });
  const order = { milestone: 0, alert: 1, hint: 2, communication: 3, action: 4 } as const;
  return entries.sort((a, b) => a.t - b.t || order[a.kind] - order[b.kind]);
}

export function describeAction(l: LoggedAction): string {
  const a = l.action as Record<string, unknown> & { type: string };
  switch (a.type) {
    case 'deploy':
      return `deploy ${a.version} (${a.strategy})`;
    case 'scale':
      return `scale to ${a.replicas} instances`;
    case 'set-flag':
      return `flag ${a.flag}: ${a.killed ? 'killed' : `${a.percentage ?? '?'}%`}`;
    case 'declare-incident':
      return `incident declared, SEV-${a.severity}`;
    case 'status-update':
      return `status update: ${a.impact}`;
    case 'assign-role':
      return `${a.role}: ${a.person}`;
    case 'silence-alert':
      return `silenced ${a.alert} for ${a.minutes} min`;
    default:
      return a.type.replace(/-/g, ' ');
  }
}

export function draftPostmortem(input: DraftInput): PostmortemDraft {
  const s = input.summary;
  const inc = s.incident;
  const w = input.warmupSeconds;
  const duration = inc.startedAt !== null ? (inc.mitigatedAt ?? s.durationSeconds) - inc.startedAt : null;
  const wentWell: string[] = [];
  const wentBadly: string[] = [];
  if (inc.mttd !== null) (inc.mttd <= 300 ? wentWell : wentBadly).push(`Detection took ${Math.round(inc.mttd)} s (${inc.detectedBy ?? 'an alert'}).`);
  if (inc.mtta !== null) (inc.mtta <= 300 ? wentWell : wentBadly).push(`The page was acknowledged ${Math.round(inc.mtta)} s after it fired.`);
  else if (inc.detectedAt !== null) wentBadly.push('The page was never acknowledged.');
  if (inc.mttm === null && inc.startedAt !== null) wentBadly.push('Users were still being hurt when the run ended.');
  for (const e of input.effects ?? []) {
    const l = input.log[e.index]!;
    const what = `${describeAction(l)} at ${clockText(l.at - w)}`;
    if (e.verdict === 'helped') wentWell.push(`${what} saved ${e.failedSaved.toLocaleString('en')} failed requests (${e.budgetSaved.toFixed(2)} points of error budget).`);
    if (e.verdict === 'hurt') wentBadly.push(`${what} caused ${(-e.failedSaved).toLocaleString('en')} more failed requests than not doing it.`);
  }
  const comms = input.log.filter((l) => isCommsAction(l.action));
  if (comms.some((l) => l.action.type === 'declare-incident')) wentWell.push('An incident was declared, so everyone knew who was in charge.');
  else if (inc.detectedAt !== null) wentBadly.push('No incident was declared.');
  if (!comms.some((l) => l.action.type === 'status-update') && inc.detectedAt !== null) wentBadly.push('No status update reached stakeholders.');
  for (const q of s.stakeholders.unanswered) wentBadly.push(`${q.from} asked "${q.question}" at ${clockText(q.askedAt - w)} and got no status update in time.`);
  const factors = input.contributingFactors.length > 0 ? [...input.contributingFactors] : ['(name the conditions that let this happen)'];
  return {
    title: `Postmortem: ${input.title}`,
    summary:
      `${input.title}. ` +
      (inc.startedAt !== null ? `Impact began at ${clockText(inc.startedAt - w)}` : 'No user impact was recorded') +
      (inc.detectedAt !== null ? `, was detected at ${clockText(inc.detectedAt - w)}` : '') +
      (inc.mitigatedAt !== null ? ` and mitigated at ${clockText(inc.mitigatedAt - w)}` : inc.startedAt !== null ? ' and was not mitigated before the run ended' : '') +
      `. ${s.errors.toLocaleString('en')} requests failed and ${s.shed.toLocaleString('en')} were shed; ${s.errorBudget.burnedPercent.toFixed(2)}% of the 30-day error budget was burned.`,
    impact: { durationSeconds: duration, failedRequests: s.errors, shedRequests: s.shed, budgetBurnedPercent: s.errorBudget.burnedPercent, severity: inc.severity },
    timeline: eventLog(input),
    rootCause: input.rootCause,
    contributingFactors: factors,
    wentWell,
    wentBadly,
    actionItems: factors.map((factor) => ({ text: `Address: ${factor}`, factor, owner: '' })),
  };
}

export function postmortemMarkdown(d: PostmortemDraft): string {
  const list = (items: readonly string[]) => (items.length ? items.map((i) => `- ${i}`).join('\n') : '- (none)');
  const i = d.impact;
  return [
    `# ${d.title}`,
    '',
    '*Blameless: this describes what the system and the people in it did, and why it made sense at the time.*',
    '',
    '## Summary',
    '',
    d.summary,
    '',
    '## Impact',
    '',
    `- Duration of impact: ${i.durationSeconds === null ? 'none recorded' : `${Math.round(i.durationSeconds / 60)} min`}`,
    `- Users affected (failed requests): ${i.failedRequests.toLocaleString('en')}; shed: ${i.shedRequests.toLocaleString('en')}`,
    `- Error budget burned: ${i.budgetBurnedPercent.toFixed(2)}% of 30 days`,
    `- Severity (measured): ${i.severity ?? 'none'}`,
    '',
    '## Timeline',
    '',
    '| time | what |',
    '|---|---|',
    ...d.timeline.map((e) => `| ${clockText(e.t)} | ${e.kind}: ${e.text.replace(/\|/g, '\\|')} |`),
    '',
    '## Root cause',
    '',
    d.rootCause || '(to be written)',
    '',
    '## Contributing factors',
    '',
    list(d.contributingFactors),
    '',
    '## What went well',
    '',
    list(d.wentWell),
    '',
    '## What went badly',
    '',
    list(d.wentBadly),
    '',
    '## Action items',
    '',
    '| action | addresses | owner |',
    '|---|---|---|',
    ...d.actionItems.map((a) => `| ${a.text} | ${a.factor} | ${a.owner || '(unassigned)'} |`),
    '',
  ].join('\n');
}
