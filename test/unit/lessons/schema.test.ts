import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { lessonSchema, type LessonRefs } from '../../../src/schemas/lesson';
import { repoRefs } from '../../../src/schemas/refs';
import { lessonIds, readFrontmatter } from './frontmatter';

const root = join(import.meta.dirname, '../../..');
const fixtureRefs: LessonRefs = {
  lessonExists: (id) => ['intro', 'retries'].includes(id),
  sandboxExists: (id) => id === 'retries',
  scenarioIds: ['retry-storm'],
};
const schema = lessonSchema(fixtureRefs);

const good = {
  title: 'Retries with backoff',
  summary: 'Retry without making an outage worse.',
  concepts: ['retries', 'jitter'],
  level: 'junior',
  week: 2,
  order: 1,
  minutes: 30,
  objectives: ['Choose a retry policy'],
  prerequisites: ['intro'],
  sandbox: 'retries',
  scenario: 'retry-storm',
  quiz: [{ question: 'Why jitter?', choices: ['Spread retries', 'Look random'], answer: 0, explanation: 'Synchronised retries arrive together.' }],
};

/** The field paths zod names for a bad lesson, e.g. ["quiz.0.answer"]. */
function failingFields(data: unknown): string[] {
  const result = schema.safeParse(data);
  if (result.success) return [];
  return result.error.issues.map((i) => i.path.join('.'));
}

describe('lesson schema', () => {
  it('accepts a complete lesson and fills defaults', () => {
    const parsed = schema.parse({ ...good, prerequisites: undefined });
    expect(parsed.prerequisites).toEqual([]);
    expect(schema.parse(good).sandbox).toBe('retries');
  });

  it('accepts a staff lesson beyond day 90 with week null', () => {
    expect(failingFields({ ...good, level: 'staff', week: null })).toEqual([]);
  });

  it.each([
    ['level', { level: 'principal' }],
    ['week', { week: 13 }],
    ['week', { level: 'staff', week: 3 }],
    ['week', { week: null }],
    ['minutes', { minutes: 0 }],
    ['concepts', { concepts: [] }],
    ['objectives', { objectives: [] }],
    ['prerequisites.0', { prerequisites: ['no-such-lesson'] }],
    ['prerequisites.0', { prerequisites: ['Not Kebab'] }],
    ['sandbox', { sandbox: 'missing-sandbox' }],
    ['scenario', { scenario: 'no-such-drill' }],
    ['quiz', { quiz: [] }],
    ['quiz.0.answer', { quiz: [{ ...good.quiz[0], answer: 2 }] }],
    ['quiz.0.choices', { quiz: [{ ...good.quiz[0], choices: ['only one'] }] }],
    ['quiz.0.explanation', { quiz: [{ ...good.quiz[0], explanation: '' }] }],
    ['title', { title: undefined }],
    ['', { tittle: 'typo' }],
  ])('rejects a bad %s and names it', (field, patch) => {
    expect(failingFields({ ...good, ...patch })).toContain(field);
  });

  it('explains a missing prerequisite with the path it looked for', () => {
    const result = schema.safeParse({ ...good, prerequisites: ['ghost'] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toContain('lessons/ghost/index.mdx');
  });
});

describe('the course lessons', () => {
  const ids = lessonIds(root);
  const realSchema = lessonSchema(repoRefs(root));

  it('has lessons to check', () => {
    expect(ids.length).toBeGreaterThan(0);
  });

  it.each(ids)('%s has valid frontmatter', (id) => {
    const result = realSchema.safeParse(readFrontmatter(join(root, 'lessons', id, 'index.mdx')));
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });
});
