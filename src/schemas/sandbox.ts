import { z } from 'zod';
import { kebabId, relativePath } from './common';

/**
 * The packages a sandbox may name under `dependencies`: only a real database, where the lesson is
 * about what a database does (../shared/DESIGN.md, "Sandboxes that need a real database"). The
 * runtime provides them from the project's own node_modules; sandboxes never install anything.
 */
export const SANDBOX_DEPENDENCIES = ['@electric-sql/pglite'] as const;

/**
 * sandboxes/<id>/sandbox.json. Paths are relative to the sandbox folder and use forward slashes.
 * The workspace a runtime mounts is: the learner's files (from starter/, then their edits) + checks/ + scripts/.
 */
export const sandboxSchema = z
  .object({
    id: kebabId('use a lowercase kebab-case id'),
    title: z.string().min(1),
    /** Id of the lesson that hosts this sandbox (lessons/<lesson>/index.mdx). */
    lesson: kebabId(),
    /** Learner-editable files, as paths relative to starter/ (globs allowed: "*.js", "lib/**"). */
    files: z.array(relativePath).min(1),
    /** The node:test files, relative to the sandbox folder (e.g. "checks/payments.test.js"). */
    checkFiles: z.array(relativePath.refine((p) => p.startsWith('checks/'), 'check files live under checks/')).min(1),
    /**
     * The behaviours the checks assert, one per top-level test, named exactly as the test is
     * ("a retried payment is charged once"), each with the hint a learner sees when it fails.
     */
    checks: z
      .array(z.object({ name: z.string().min(1), hint: z.string().min(1) }).strict())
      .min(1, 'list every check (one per top-level test) with its hint')
      .superRefine((checks, ctx) => {
        const seen = new Set<string>();
        checks.forEach((c, i) => {
          if (seen.has(c.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `"${c.name}" is listed twice; test names must be unique` });
          seen.add(c.name);
        });
      }),
    /** Demo scripts a learner can run from the terminal panel. */
    demos: z
      .array(
        z
          .object({
            id: kebabId('a demo id is lowercase kebab-case'),
            title: z.string().min(1),
            script: relativePath.refine((p) => p.startsWith('scripts/'), 'demo scripts live under scripts/'),
            description: z.string().default(''),
          })
          .strict(),
      )
      .default([]),
    /** Packages the runtime provides (a real database only; see SANDBOX_DEPENDENCIES). */
    dependencies: z.array(z.enum(SANDBOX_DEPENDENCIES)).default([]),
    /** Wall-clock limit for one run (checks or a demo); the whole process tree is killed past it. */
    timeoutMs: z.number().int().min(1000).max(120_000).default(30_000),
  })
  .strict();

export type Sandbox = z.output<typeof sandboxSchema>;
