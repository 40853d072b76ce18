/**
 * The interview question bank: every question validated by one schema (src/interview/questions/schema.ts)
 * when the module loads, so a bad question fails the build and the tests, naming the field.
 */
import { LEVELS, type Level } from '../../schemas/lesson';
import { JUNIOR_QUESTIONS } from './junior';
import { MID_QUESTIONS } from './mid';
import { questionBankSchema, type InterviewQuestion } from './schema';
import { SENIOR_QUESTIONS } from './senior';
import { STAFF_QUESTIONS } from './staff';

export * from './schema';

function parseBank(): InterviewQuestion[] {
  const parsed = questionBankSchema.safeParse([...JUNIOR_QUESTIONS, ...MID_QUESTIONS, ...SENIOR_QUESTIONS, ...STAFF_QUESTIONS]);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'bank'}: ${i.message}`).join('\n');
    throw new Error(`The interview question bank is invalid:\n${problems}`);
  }
  return parsed.data;
}

export const QUESTIONS: readonly InterviewQuestion[] = parseBank();

const BY_ID = new Map(QUESTIONS.map((q) => [q.id, q]));

export function getQuestion(id: string): InterviewQuestion | undefined {
  return BY_ID.get(id);
}

export function questionsAtLevel(level: Level): InterviewQuestion[] {
  return QUESTIONS.filter((q) => q.level === level);
}

/** How many questions each level has, in path order. */
export function countByLevel(): Record<Level, number> {
  return Object.fromEntries(LEVELS.map((l) => [l, questionsAtLevel(l).length])) as Record<Level, number>;
}
