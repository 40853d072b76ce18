import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../../..');

/**
 * A copy of the project's content pipeline (config, schemas, collections) with one broken lesson:
 * Astro's own content sync must refuse it and name the file and the fields.
 */
function syncWithLesson(frontmatter: string) {
  const dir = mkdtempSync(join(tmpdir(), 'blast-lessons-'));
  try {
    for (const f of ['astro.config.mjs', 'tsconfig.json', 'package.json']) cpSync(join(root, f), join(dir, f));
    cpSync(join(root, 'scripts'), join(dir, 'scripts'), { recursive: true });
    cpSync(join(root, 'src'), join(dir, 'src'), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    mkdirSync(join(dir, 'sandboxes'));
    mkdirSync(join(dir, 'lessons/broken'), { recursive: true });
    writeFileSync(join(dir, 'lessons/broken/index.mdx'), `---\n${frontmatter}\n---\n\nBody.\n`);
    const r = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'sync'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const valid = readFileSync(join(import.meta.dirname, '../../fixtures/lessons/valid.yaml'), 'utf8').trim();

describe('an invalid lesson fails the build', () => {
  it('accepts the valid fixture (so a failure below is about the broken field)', () => {
    const r = syncWithLesson(valid);
    expect(r.output).not.toMatch(/InvalidContentEntryDataError/);
    expect(r.status).toBe(0);
  });

  it('names the file and every bad field', () => {
    const broken = valid
      .replace('level: junior', 'level: principal')
      .replace('answer: 1', 'answer: 7')
      .replace('prerequisites: []', 'prerequisites: [no-such-lesson]');
    const r = syncWithLesson(broken);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('lessons/broken/index.mdx');
    expect(r.output).toMatch(/level: Invalid option/);
    expect(r.output).toMatch(/quiz\.0\.answer: answer must be the 0-based index/);
    expect(r.output).toMatch(/prerequisites\.0: no lesson "no-such-lesson"/);
  });
});
