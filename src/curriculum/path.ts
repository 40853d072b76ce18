import { LEVELS, type Level } from '../schemas/levels';

/** What the pages need of a lesson: small enough to hand to a client island as props. */
export interface LessonMeta {
  id: string;
  title: string;
  summary: string;
  level: Level;
  week: number | null;
  order: number;
  minutes: number;
  concepts: string[];
  sandbox?: string;
  scenario?: string;
}

/** `drill`: the drill (src/sim/scenarios) that is the level's checkpoint, once it exists. */
export const LEVEL_INFO: Record<Level, { name: string; motto: string; checkpoint: string; drill?: string }> = {
  junior: {
    name: 'Junior',
    motto: 'Make it work, and keep it working when things go wrong.',
    checkpoint: 'An incident on your own: a crash loop after a deploy, resolved within the error budget.',
    drill: 'checkpoint-junior',
  },
  mid: {
    name: 'Mid',
    motto: 'Make it maintainable, scalable and safe to change.',
    checkpoint: 'A canary release that must be stopped, then a double-charge incident stopped by making retries safe.',
    drill: 'checkpoint-mid',
  },
  senior: {
    name: 'Senior',
    motto: 'Make it reliable: measure it, defend it, and learn from every failure.',
    checkpoint: 'A retry storm that outlives its trigger (only shedding or a breaker recovers it), followed by a postmortem.',
    drill: 'checkpoint-senior',
  },
  staff: {
    name: 'Staff',
    motto: 'Make the organisation effective at running production.',
    checkpoint: 'A game day you design and facilitate for others, in workshop mode.',
  },
};

export const MONTHS = [
  { number: 1, name: 'Foundation', weeks: [1, 2, 3, 4] },
  { number: 2, name: 'Scaling', weeks: [5, 6, 7, 8] },
  { number: 3, name: 'Production excellence', weeks: [9, 10, 11, 12] },
] as const;

/** The one reading order of the course: plan week, then level, then the lesson's own order. */
export function compareLessons(a: LessonMeta, b: LessonMeta): number {
  return (
    (a.week ?? 99) - (b.week ?? 99) ||
    LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) ||
    a.order - b.order ||
    a.id.localeCompare(b.id)
  );
}

export function inReadingOrder(lessons: readonly LessonMeta[]): LessonMeta[] {
  return [...lessons].sort(compareLessons);
}

export function lessonsByLevel(lessons: readonly LessonMeta[]): { level: Level; lessons: LessonMeta[] }[] {
  const ordered = inReadingOrder(lessons);
  return LEVELS.map((level) => ({ level, lessons: ordered.filter((l) => l.level === level) }));
}

export function lessonsByWeek(lessons: readonly LessonMeta[]): Map<number | null, LessonMeta[]> {
  const weeks = new Map<number | null, LessonMeta[]>();
  for (let w = 1; w <= 12; w++) weeks.set(w, []);
  weeks.set(null, []);
  for (const lesson of inReadingOrder(lessons)) weeks.get(lesson.week)!.push(lesson);
  return weeks;
}

export function neighbours(lessons: readonly LessonMeta[], id: string): { prev?: LessonMeta; next?: LessonMeta } {
  const ordered = inReadingOrder(lessons);
  const i = ordered.findIndex((l) => l.id === id);
  if (i < 0) return {};
  return { prev: ordered[i - 1], next: ordered[i + 1] };
}

/** The lesson to offer under "continue where you left off". */
export function nextToStudy(
  lessons: readonly LessonMeta[],
  isComplete: (id: string) => boolean,
  lastVisited?: string,
): LessonMeta | undefined {
  const ordered = inReadingOrder(lessons);
  if (lastVisited) {
    const visited = ordered.find((l) => l.id === lastVisited);
    if (visited && !isComplete(visited.id)) return visited;
  }
  return ordered.find((l) => !isComplete(l.id));
}
