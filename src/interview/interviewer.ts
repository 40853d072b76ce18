/**
 * The interviewer-led troubleshooting interview without UI: the nudge palette (prepared nudges per
 * rubric dimension, or free text), the nudge log (each nudge with its time, shown to the candidate),
 * the interviewer's own live scores and notes per dimension, and what of it goes into the report.
 * Nudges cost like solo hints: a point each, hints and nudges together capped at MAX_HELP_PENALTY.
 */
import type { Help, InterviewerScore } from './report';
import { DIMENSIONS, LEVEL_NAMES, RUBRIC, type DimensionId, type Level } from './rubric';

/** Prepared nudges per dimension: questions that point without giving the answer away. */
export const NUDGES: Readonly<Record<DimensionId, readonly string[]>> = {
  triage: ['Who is affected right now, and how badly?', 'What changed in the system shortly before this started?'],
  investigation: [
    'What would you expect to see if your hypothesis were wrong? Where could you check that?',
    'Is there a view that splits the errors by version or by instance?',
    'Say your hypothesis out loud, or write it down, before you act on it.',
  ],
  mitigation: ['What is the quickest reversible step that would stop the harm?', 'How will you know whether that action helped or hurt?'],
  verification: ['How do you know it is fixed, and not just quieter for a moment?', 'What would you check before you call it resolved?'],
  communication: ['Who needs to hear about this, and have they?', 'When did you promise the next update?'],
};

/** Free-text nudges are kept short enough to read at a glance in the candidate's window. */
export const NUDGE_MAX_CHARS = 300;

export interface Nudge extends Help {
  /** The rubric dimension the nudge is about, or null for a free-text nudge not tied to one. */
  dimension: DimensionId | null;
}

export interface LiveScore {
  level: Level | null;
  note: string;
}

export interface InterviewerState {
  nudges: Nudge[];
  scores: Record<DimensionId, LiveScore>;
  notes: string;
}

export function initialInterviewer(): InterviewerState {
  return { nudges: [], scores: Object.fromEntries(DIMENSIONS.map((d) => [d, { level: null, note: '' }])) as Record<DimensionId, LiveScore>, notes: '' };
}

export class NudgeError extends Error {
  override readonly name = 'NudgeError';
}

/** Checks a nudge before it is sent; throws a NudgeError saying what to change. */
export function makeNudge(text: string, dimension: DimensionId | null, at: number): Nudge {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t === '') throw new NudgeError('The nudge is empty: choose a prepared one or type what to say to the candidate.');
  if (t.length > NUDGE_MAX_CHARS) throw new NudgeError(`The nudge is ${t.length} characters; keep it under ${NUDGE_MAX_CHARS} so the candidate can read it at a glance.`);
  if (dimension !== null && !DIMENSIONS.includes(dimension)) throw new NudgeError(`There is no rubric dimension "${String(dimension)}".`);
  if (!Number.isFinite(at) || at < 0) throw new NudgeError('The nudge has no time in the run: start the run first.');
  return { at, text: t, dimension };
}

export type InterviewerEvent =
  | { type: 'NUDGED'; nudge: Nudge }
  | { type: 'SCORED'; dimension: DimensionId; level: Level | null }
  | { type: 'SCORE_NOTE'; dimension: DimensionId; note: string }
  | { type: 'NOTES'; notes: string };

export function interviewerReducer(s: InterviewerState, e: InterviewerEvent): InterviewerState {
  switch (e.type) {
    case 'NUDGED':
      return { ...s, nudges: [...s.nudges, e.nudge] };
    case 'SCORED':
      return { ...s, scores: { ...s.scores, [e.dimension]: { ...s.scores[e.dimension], level: e.level } } };
    case 'SCORE_NOTE':
      return { ...s, scores: { ...s.scores, [e.dimension]: { ...s.scores[e.dimension], note: e.note } } };
    case 'NOTES':
      return { ...s, notes: e.notes };
  }
}

/** What the interviewer adds to the report: nudges (tagged with their dimension), their scores, notes. */
export function interviewerReportPart(s: InterviewerState): { nudges: Help[]; interviewerScores: InterviewerScore[]; notes: string } {
  const title = (d: DimensionId | null) => (d ? RUBRIC.find((r) => r.id === d)!.title : null);
  return {
    nudges: s.nudges.map((n) => ({ at: n.at, text: title(n.dimension) ? `(${title(n.dimension)}) ${n.text}` : n.text })),
    interviewerScores: DIMENSIONS.flatMap((d) => {
      const sc = s.scores[d];
      return sc.level === null ? [] : [{ id: d, title: title(d)!, level: sc.level, levelName: LEVEL_NAMES[sc.level], note: sc.note.trim() }];
    }),
    notes: s.notes,
  };
}
