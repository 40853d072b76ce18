import { z } from 'zod';

/**
 * sandboxes/<id>/sandbox.json. Paths are relative to the sandbox folder and use forward slashes.
 * The workspace a runtime mounts is: the learner's files (from starter/, then their edits) + checks/ + scripts/.
 */
const relPath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.split('/').includes('..') && !p.includes('\\'), {
    message: 'use a relative path inside the sandbox, with forward slashes and no ".."',
  });

export const sandboxSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use a lowercase kebab-case id'),
    title: z.string().min(1),
    /** Id of the lesson that hosts this sandbox (lessons/<lesson>/index.mdx). */
    lesson: z.string().min(1),
    /** Learner-editable files, as paths relative to starter/ (globs allowed: "*.js", "lib/**"). */
    files: z.array(relPath).min(1),
    /** Check files run by `node --test`, relative to the sandbox folder (e.g. "checks/payments.test.js"). */
    checks: z.array(relPath.refine((p) => p.startsWith('checks/'), 'check files live under checks/')).min(1),
    /** Demo scripts a learner can run from the terminal panel. */
    demos: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
            title: z.string().min(1),
            script: relPath.refine((p) => p.startsWith('scripts/'), 'demo scripts live under scripts/'),
            description: z.string().default(''),
          })
          .strict(),
      )
      .default([]),
    /** One hint per check, keyed by the check's test name (the behaviour it asserts). */
    hints: z
      .array(z.object({ check: z.string().min(1), hint: z.string().min(1) }).strict())
      .default([]),
    /** Wall-clock limit for one run (checks or a demo); the whole process tree is killed past it. */
    timeoutMs: z.number().int().min(1000).max(120_000).default(30_000),
  })
  .strict();

export type Sandbox = z.output<typeof sandboxSchema>;
