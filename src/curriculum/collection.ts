import { getCollection, type CollectionEntry } from 'astro:content';
import { inReadingOrder, type LessonMeta } from './path';

/** Build-time access to the lessons collection, reduced to the metadata pages and islands need. */
export function toMeta(entry: CollectionEntry<'lessons'>): LessonMeta {
  const { title, summary, level, week, order, minutes, concepts, sandbox, scenario } = entry.data;
  return {
    id: entry.id,
    title,
    summary,
    level,
    week,
    order,
    minutes,
    concepts,
    ...(sandbox ? { sandbox } : {}),
    ...(scenario ? { scenario } : {}),
  };
}

export async function allLessons(): Promise<LessonMeta[]> {
  return inReadingOrder((await getCollection('lessons')).map(toMeta));
}
