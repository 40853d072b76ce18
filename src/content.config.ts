import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './schemas/lesson';
import { repoRefs } from './schemas/refs';

const lessons = defineCollection({
  // One folder per lesson; the folder name is the lesson id used in URLs and progress.
  loader: glob({ pattern: '*/index.mdx', base: './lessons', generateId: ({ entry }) => entry.split('/')[0]! }),
  schema: lessonSchema(repoRefs()),
});

export const collections = { lessons };
