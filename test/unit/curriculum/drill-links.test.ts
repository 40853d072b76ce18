/**
 * Drills and lessons link both ways: the catalogue's "Practises" link of a drill is its scenario's
 * lesson, and that lesson's "Try it in the simulator" lists the drill; a lesson's front matter
 * `scenario` never points at a drill that practises another lesson.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drillCatalogue, drillsForLesson } from '../../../src/console/drill-catalogue';
import { lessonIds, readFrontmatter } from '../lessons/frontmatter';

const root = join(import.meta.dirname, '../../..');
const lessons = lessonIds(root);

describe.each(drillCatalogue().map((d) => [d.id, d] as const))('drill %s', (_id, d) => {
  it('practises a lesson that exists, and that lesson offers it', () => {
    expect(d.lesson, 'drill.lesson').not.toBeNull();
    expect(lessons).toContain(d.lesson);
    expect(drillsForLesson({ id: d.lesson! }).map((x) => x.id)).toContain(d.id);
  });
});

it('every drill a lesson offers practises that lesson, and front matter agrees', () => {
  for (const id of lessons) {
    for (const d of drillsForLesson({ id })) expect(d.lesson).toBe(id);
    const scenario = (readFrontmatter(join(root, 'lessons', id, 'index.mdx')) as { scenario?: string }).scenario;
    if (scenario) expect(drillsForLesson({ id }).map((d) => d.id), `lessons/${id}: scenario ${scenario}`).toContain(scenario);
  }
});
