/**
 * The drill library against the curriculum: every drill in the curriculum's "D" column (kept as
 * CURRICULUM_DRILLS) is a built-in scenario or a page feature; each names a lesson that exists, at the lesson's own level and week; and no built-in
 * drill is missing from the map.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getScenario, SCENARIO_IDS } from '../../../src/sim/index';
import { CURRICULUM_DRILLS } from '../../../src/sim/scenarios/curriculum';

const root = join(__dirname, '../../..');

/** level and week from a lesson's frontmatter. */
function lessonMeta(id: string): { level: string; week: number | null } | null {
  const file = join(root, 'lessons', id, 'index.mdx');
  if (!existsSync(file)) return null;
  const front = readFileSync(file, 'utf8').split(/^---$/m)[1] ?? '';
  const level = /^level:\s*(\S+)/m.exec(front)?.[1] ?? '';
  const week = /^week:\s*(\S+)/m.exec(front)?.[1] ?? '';
  return { level, week: week === 'null' ? null : Number(week) };
}

it('lists the 31 drills of the curriculum, each once', () => {
  expect(CURRICULUM_DRILLS).toHaveLength(31);
  expect(new Set(CURRICULUM_DRILLS.map((d) => d.name)).size).toBe(31);
  const ids = CURRICULUM_DRILLS.flatMap((d) => ('scenario' in d ? [d.scenario] : []));
  expect(new Set(ids).size).toBe(ids.length);
});

describe.each(CURRICULUM_DRILLS.map((d) => [d.name, d] as const))('curriculum drill "%s"', (_name, d) => {
  it('names a lesson that exists, at that lesson\'s level and week', () => {
    const meta = lessonMeta(d.lesson);
    expect(meta, `lessons/${d.lesson}/index.mdx`).not.toBeNull();
    expect(meta).toEqual({ level: d.level, week: d.week });
  });

  if ('scenario' in d) {
    it('is a built-in scenario whose drill metadata agrees', () => {
      expect(SCENARIO_IDS).toContain(d.scenario);
      const drill = getScenario(d.scenario).drill;
      expect(drill).toBeDefined();
      expect({ lesson: drill!.lesson, level: drill!.level, week: drill!.week }).toEqual({ lesson: d.lesson, level: d.level, week: d.week });
    });
  } else {
    it('says which page provides it', () => {
      expect(d.page.length).toBeGreaterThan(10);
    });
  }
});

it('maps every built-in drill (checkpoints aside) to a curriculum entry', () => {
  const mapped = new Set(CURRICULUM_DRILLS.flatMap((d) => ('scenario' in d ? [d.scenario] : [])));
  const drills = SCENARIO_IDS.filter((id) => {
    const drill = getScenario(id).drill;
    return drill !== undefined && drill.checkpoint === undefined;
  });
  expect(drills.filter((id) => !mapped.has(id))).toEqual([]);
});

it('has the Junior, Mid and Senior checkpoints as scenarios on existing lessons, at their level', () => {
  for (const level of ['junior', 'mid', 'senior'] as const) {
    const id = SCENARIO_IDS.find((s) => getScenario(s).drill?.checkpoint === level);
    expect(id, `a scenario with drill.checkpoint = ${level}`).toBeDefined();
    const drill = getScenario(id!).drill!;
    expect(drill.level).toBe(level);
    expect(lessonMeta(drill.lesson)).not.toBeNull();
  }
});
