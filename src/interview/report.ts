/**
 * The live interview's one-page result: rubric scores with their evidence (each pointing at a time in
 * the run), time to mitigate, error budget burned, hints and nudges used, and the interviewer's notes.
 * Exported as Markdown and JSON. Light enough for the browser: replaying a log headless is in replay.ts.
 */
import type { ActionEffect } from '../console/debrief/effects';
import type { LoggedAction } from '../console/protocol';
import type { SimulationSummary } from '../sim/index';
import { clockText, RUBRIC, scoreRun, totalPoints, type DimensionId, type DimensionScore, type Level, type RunOutcome } from './rubric';

export const REPORT_FORMAT = 'blast-radius-interview-report';
export const REPORT_VERSION = 1;

/** What the report needs from a run's summary. */
export type RunSummaryPart = Pick<SimulationSummary, 'durationSeconds' | 'errors' | 'shed' | 'errorBudget' | 'incident' | 'success'>;

export interface Help {
  /** Console seconds. */
  at: number;
  text: string;
}

/** The interviewer's score of one dimension (interviewer-led mode), listed next to the log's. */
export interface InterviewerScore {
  id: DimensionId;
  title: string;
  level: Level;
  levelName: string;
  note: string;
}

export interface InterviewReportInput {
  scenario: { id: string; title: string };
  seed: number;
  warmupSeconds: number;
  log: readonly LoggedAction[];
  summary: RunSummaryPart;
  effects?: readonly ActionEffect[] | null;
  /** Hints the candidate asked for (solo mode). */
  hints?: readonly Help[];
  /** Nudges the interviewer gave. */
  nudges?: readonly Help[];
  notes?: string;
  /** The interviewer's own scores, given live (interviewer-led mode). */
  interviewerScores?: readonly InterviewerScore[];
  candidate?: string;
  /** ISO time the report was made. */
  generatedAt: string;
}

export interface InterviewReport {
  format: typeof REPORT_FORMAT;
  version: typeof REPORT_VERSION;
  candidate: string;
  generatedAt: string;
  scenario: { id: string; title: string; seed: number; warmupSeconds: number };
  scores: DimensionScore[];
  points: number;
  maxPoints: number;
  /** Points taken off for hints and nudges. */
  penalty: number;
  /** Seconds from the start of impact until users stopped being hurt; null when they never stopped. */
  timeToMitigateSeconds: number | null;
  budgetBurnedPercent: number;
  failedRequests: number;
  /** Whether the scenario's win conditions were all met. */
  passed: boolean;
  criteria: { text: string; passed: boolean }[];
  hints: Help[];
  nudges: Help[];
  notes: string;
  /** The interviewer's live scores with their notes (empty in solo mode). Added in place: older readers ignore it. */
  interviewerScores: InterviewerScore[];
}

export function outcomeOf(summary: RunSummaryPart): RunOutcome {
  const inc = summary.incident;
  return { startedAt: inc.startedAt, detectedAt: inc.detectedAt, mitigatedAt: inc.mitigatedAt, endedAt: summary.durationSeconds };
}

export function buildInterviewReport(input: InterviewReportInput): InterviewReport {
  const scores = scoreRun({ log: input.log, warmupSeconds: input.warmupSeconds, outcome: outcomeOf(input.summary), effects: input.effects ?? null });
  const hints = [...(input.hints ?? [])];
  const nudges = [...(input.nudges ?? [])];
  const total = totalPoints(scores, hints.length + nudges.length);
  const criteria = input.summary.success.map((c) => ({ text: c.detail, passed: c.passed }));
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    candidate: input.candidate?.trim() || 'Candidate',
    generatedAt: input.generatedAt,
    scenario: { id: input.scenario.id, title: input.scenario.title, seed: input.seed, warmupSeconds: input.warmupSeconds },
    scores,
    points: total.points,
    maxPoints: total.max,
    penalty: total.penalty,
    timeToMitigateSeconds: input.summary.incident.mttm,
    budgetBurnedPercent: Math.round(input.summary.errorBudget.burnedPercent * 100) / 100,
    failedRequests: input.summary.errors + input.summary.shed,
    passed: criteria.length > 0 && criteria.every((c) => c.passed),
    criteria,
    hints,
    nudges,
    notes: input.notes ?? '',
    interviewerScores: [...(input.interviewerScores ?? [])],
  };
}

function minutes(seconds: number | null): string {
  if (seconds === null) return 'not mitigated';
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

export interface MarkdownOptions {
  /** Builds a link into the replay for a console time; without it, times are plain text. */
  replayHref?: (at: number) => string;
}

export function reportMarkdown(r: InterviewReport, options: MarkdownOptions = {}): string {
  const w = r.scenario.warmupSeconds;
  const time = (at: number) => (options.replayHref ? `[${clockText(at - w)}](${options.replayHref(at)})` : clockText(at - w));
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    `# Troubleshooting interview: ${r.scenario.title}`,
    '',
    `${r.candidate} · scenario \`${r.scenario.id}\`, seed ${r.scenario.seed} · ${r.generatedAt.slice(0, 10)}`,
    '',
    `**Score: ${r.points} / ${r.maxPoints}**${r.penalty > 0 ? ` (${r.penalty} off for hints and nudges)` : ''}`,
    '',
    `- Time to mitigate: ${minutes(r.timeToMitigateSeconds)}`,
    `- Error budget burned: ${r.budgetBurnedPercent.toFixed(2)}% of 30 days`,
    `- Failed or shed requests: ${r.failedRequests.toLocaleString('en')}`,
    `- Win conditions: ${r.passed ? 'all met' : 'not all met'}`,
    ...r.criteria.map((c) => `  - ${c.passed ? '✓' : '✗'} ${c.text}`),
    `- Hints used: ${r.hints.length}; nudges: ${r.nudges.length}`,
    '',
    '## Scores',
    '',
    '| dimension | level | what it means |',
    '|---|---|---|',
    ...r.scores.map((s) => `| ${s.title} | ${s.level} · ${s.levelName} | ${esc(s.anchor)} |`),
    '',
    '## Evidence',
    '',
  ];
  for (const s of r.scores) {
    lines.push(`### ${s.title}: ${s.levelName}`, '');
    lines.push(...(s.evidence.length ? s.evidence.map((e) => `- ${time(e.at)} ${e.kind === 'for' ? '✓' : '✗'} ${e.text}`) : ['- (nothing in the log)']), '');
  }
  if (r.hints.length || r.nudges.length) {
    lines.push('## Hints and nudges', '');
    lines.push(...r.hints.map((h) => `- ${time(h.at)} hint: ${h.text}`), ...r.nudges.map((n) => `- ${time(n.at)} nudge: ${n.text}`), '');
  }
  if (r.interviewerScores.length) {
    lines.push("## The interviewer's scores", '', '| dimension | interviewer | from the log | note |', '|---|---|---|---|');
    for (const s of r.interviewerScores) {
      const logged = r.scores.find((x) => x.id === s.id);
      lines.push(`| ${s.title} | ${s.level} · ${s.levelName} | ${logged ? `${logged.level} · ${logged.levelName}` : ''} | ${esc(s.note)} |`);
    }
    lines.push('');
  }
  lines.push('## Interviewer notes', '', r.notes.trim() || '(none)', '');
  lines.push('## The rubric', '');
  for (const d of RUBRIC) {
    lines.push(`**${d.title}**: ${d.question}`, '');
    lines.push(...([1, 2, 3, 4] as const).map((l) => `${l}. ${d.levels[l]}`), '');
  }
  return lines.join('\n');
}

export function reportJson(r: InterviewReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
