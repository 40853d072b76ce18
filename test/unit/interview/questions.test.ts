import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countByLevel, getQuestion, interviewQuestionSchema, QUESTIONS, questionBankSchema, SEED_TOPICS } from '../../../src/interview/questions';
import { LEVELS } from '../../../src/schemas/lesson';

const root = join(import.meta.dirname, '../../..');
const lessonIds = readdirSync(join(root, 'lessons')).filter((d) => existsSync(join(root, 'lessons', d, 'index.mdx')));

describe('interview question bank', () => {
  it('has at least 40 questions, at every level of the path', () => {
    expect(QUESTIONS.length).toBeGreaterThanOrEqual(40);
    const counts = countByLevel();
    for (const level of LEVELS) expect(counts[level], level).toBeGreaterThanOrEqual(6);
  });

  it('every question has a model answer, a rubric of 3-6 points with red flags, and a follow-up', () => {
    for (const q of QUESTIONS) {
      expect(interviewQuestionSchema.safeParse(q).success, q.id).toBe(true);
      expect(q.rubric.covers.length, q.id).toBeGreaterThanOrEqual(3);
      expect(q.rubric.covers.length, q.id).toBeLessThanOrEqual(6);
      expect(q.rubric.redFlags.length, q.id).toBeGreaterThanOrEqual(1);
      expect(q.modelAnswer.length, q.id).toBeGreaterThan(200);
      expect(q.followUp, q.id).toMatch(/\?$|\.$/);
    }
  });

  it('names only lessons that exist in lessons/', () => {
    const known = new Set(lessonIds);
    const missing = QUESTIONS.flatMap((q) => q.lessons.filter((l) => !known.has(l)).map((l) => `${q.id} -> ${l}`));
    expect(missing).toEqual([]);
  });

  it('draws on every lesson (each lesson\'s "In an interview" section has a question here)', () => {
    const drawnOn = new Set(QUESTIONS.flatMap((q) => q.lessons));
    expect(lessonIds.filter((id) => !drawnOn.has(id))).toEqual([]);
    expect(lessonIds.length).toBeGreaterThanOrEqual(42);
  });

  it('answers every seed question', () => {
    const seeds = new Set(QUESTIONS.flatMap((q) => (q.seed ? [q.seed] : [])));
    expect([...seeds].sort()).toEqual([...SEED_TOPICS].sort());
  });

  it('has unique ids, and the schema refuses a duplicate, a short rubric or a missing seed', () => {
    expect(new Set(QUESTIONS.map((q) => q.id)).size).toBe(QUESTIONS.length);
    expect(getQuestion('idempotency-why')?.seed).toBe('idempotency');
    const dup = questionBankSchema.safeParse([...QUESTIONS, QUESTIONS[0]]);
    expect(dup.success).toBe(false);
    expect(dup.error?.issues.map((i) => i.message)).toContain(`duplicate question id "${QUESTIONS[0]!.id}"`);
    const short = interviewQuestionSchema.safeParse({ ...QUESTIONS[0], rubric: { covers: ['only one point here'], redFlags: ['a red flag here'] } });
    expect(short.error?.issues[0]).toMatchObject({ path: ['rubric', 'covers'], message: 'a rubric lists 3 to 6 points' });
    const noSeed = questionBankSchema.safeParse(QUESTIONS.filter((q) => q.seed !== 'payment-metrics'));
    expect(noSeed.error?.issues.map((i) => i.message)).toContain('no question answers the seed question "payment-metrics"');
  });
});
