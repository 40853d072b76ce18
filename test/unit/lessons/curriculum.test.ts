import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ROADMAP } from '../../../src/curriculum/roadmap';
import { inReadingOrder, lessonsByWeek, neighbours, nextToStudy, type LessonMeta } from '../../../src/curriculum/path';
import { lessonIds, readFrontmatter } from './frontmatter';

const root = join(import.meta.dirname, '../../..');

function meta(id: string, level: LessonMeta['level'], week: number | null, order = 1): LessonMeta {
  return { id, title: id, summary: '', level, week, order, minutes: 10, concepts: [] };
}

describe('reading order', () => {
  const lessons = [meta('cap', 'senior', 12), meta('cache', 'junior', 4), meta('game-day', 'staff', null), meta('retry', 'junior', 2, 2), meta('health', 'junior', 2, 1)];

  it('runs by plan week, then order, with staff lessons last', () => {
    expect(inReadingOrder(lessons).map((l) => l.id)).toEqual(['health', 'retry', 'cache', 'cap', 'game-day']);
  });

  it('gives previous and next along that order', () => {
    expect(neighbours(lessons, 'cache')).toMatchObject({ prev: { id: 'retry' }, next: { id: 'cap' } });
    expect(neighbours(lessons, 'health').prev).toBeUndefined();
    expect(neighbours(lessons, 'game-day').next).toBeUndefined();
  });

  it('groups lessons by week, staff under null', () => {
    const weeks = lessonsByWeek(lessons);
    expect(weeks.get(2)!.map((l) => l.id)).toEqual(['health', 'retry']);
    expect(weeks.get(null)!.map((l) => l.id)).toEqual(['game-day']);
    expect(weeks.get(7)).toEqual([]);
  });

  it('continues with the last visited lesson if unfinished, else the first unfinished one', () => {
    const done = new Set(['health']);
    expect(nextToStudy(lessons, (id) => done.has(id))?.id).toBe('retry');
    expect(nextToStudy(lessons, (id) => done.has(id), 'cap')?.id).toBe('cap');
    expect(nextToStudy(lessons, (id) => done.has(id), 'health')?.id).toBe('retry');
    expect(nextToStudy(lessons, () => true)).toBeUndefined();
  });
});

describe('the roadmap and the lessons agree', () => {
  const written = lessonIds(root);

  it.each(written)('%s is on the roadmap at its own level and week', (id) => {
    const data = readFrontmatter(join(root, 'lessons', id, 'index.mdx')) as { level: string; week: number | null };
    const topic = ROADMAP.find((t) => t.lesson === id);
    expect(topic, `add "${id}" to src/curriculum/roadmap.ts`).toBeDefined();
    expect({ level: topic!.level, week: topic!.week }).toEqual({ level: data.level, week: data.week });
  });

  it('names only lessons that exist', () => {
    const named = ROADMAP.flatMap((t) => (t.lesson ? [t.lesson] : []));
    expect(named.filter((id) => !written.includes(id))).toEqual([]);
  });

  it('puts every week of the plan on the map, junior to senior in order', () => {
    for (let w = 1; w <= 12; w++) expect(ROADMAP.some((t) => t.week === w)).toBe(true);
    const levelOfWeek = (w: number) => ROADMAP.find((t) => t.week === w)!.level;
    expect([1, 4, 5, 8, 9, 12].map(levelOfWeek)).toEqual(['junior', 'junior', 'mid', 'mid', 'senior', 'senior']);
  });
});
