import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './schemas/lesson';
import { repoRefs } from './schemas/refs';
import { sandboxSchema } from './schemas/sandbox';

const lessons = defineCollection({
  // One folder per lesson; the folder name is the lesson id used in URLs and progress.
  loader: glob({ pattern: '*/index.mdx', base: './lessons', generateId: ({ entry }) => entry.split('/')[0]! }),
  schema: lessonSchema(repoRefs()),
});

const sandboxes = defineCollection({
  // One folder per sandbox; the folder name is the id (src/server/sandbox-disk.ts checks it matches sandbox.json's id).
  loader: glob({ pattern: '*/sandbox.json', base: './sandboxes', generateId: ({ entry }) => entry.split('/')[0]! }),
  schema: sandboxSchema,
});

export const collections = { lessons, sandboxes };
