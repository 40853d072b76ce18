import { lstat, mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adderDir, fixturesDir, repoRoot } from '../sandbox/helpers';
import { runCli } from './run-cli';

describe('npm run sandbox -- init', () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'blast-init-'));
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('copies starter, checks and scripts (not the solution) and prints next steps', async () => {
    const dir = join(tmp, 'work');
    const r = await runCli('sandbox', ['init', 'adder', dir]);
    expect(r.code).toBe(0);
    expect((await readdir(dir, { recursive: true })).sort()).toEqual(['adder.js', 'checks', 'checks/adder.test.js', 'format.js', 'package.json', 'scripts', 'scripts/sum.js']);
    expect(await readFile(join(dir, 'adder.js'), 'utf8')).toBe(await readFile(join(adderDir, 'starter/adder.js'), 'utf8'));
    expect(r.stdout).toContain('Your files:   adder.js');
    expect(r.stdout).toContain(`npm run check -- adder --dir ${dir}`);
    expect(r.stdout).toContain('node --test checks/adder.test.js');
  });

  it('makes a folder that npm run check accepts', async () => {
    const dir = join(tmp, 'work');
    expect((await runCli('sandbox', ['init', 'adder', dir])).code).toBe(0);
    expect((await runCli('check', ['adder', '--dir', dir])).code).toBe(1);
    await writeFile(join(dir, 'adder.js'), await readFile(join(adderDir, 'solution/adder.js'), 'utf8'));
    expect((await runCli('check', ['adder', '--dir', dir])).code).toBe(0);
  });

  it('links a declared package (PGlite) into the folder, so its demos run there', async () => {
    const dir = join(tmp, 'work');
    const r = await runCli('sandbox', ['init', 'pgsum', dir], { BLAST_SANDBOXES_DIR: join(fixturesDir, '_deps') });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('node_modules/@electric-sql/pglite');
    const link = join(dir, 'node_modules/@electric-sql/pglite');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await realpath(link)).toBe(await realpath(join(repoRoot, 'node_modules/@electric-sql/pglite')));
  });

  it('accepts an existing empty folder and refuses a non-empty one without touching it', async () => {
    const empty = join(tmp, 'empty');
    await mkdir(empty);
    expect((await runCli('sandbox', ['init', 'adder', empty])).code).toBe(0);
    const full = join(tmp, 'full');
    await mkdir(full);
    await writeFile(join(full, 'notes.txt'), 'mine');
    const r = await runCli('sandbox', ['init', 'adder', full]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not empty; refusing to write over it/);
    expect(await readdir(full)).toEqual(['notes.txt']);
  });
});

describe('npm run sandbox -- bad usage', () => {
  // Each case fails before anything is written, so they share no folder and run side by side.
  it.each([
    [[], /Usage/],
    [['make', 'adder', 'x'], /Unknown command "make"/],
    [['init', 'adder'], /init needs exactly a sandbox id and a folder/],
    [['init', 'nope', 'x'], /No sandbox "nope"/],
  ])('exits 2: %j', { concurrent: true }, async (args, message) => {
    const r = await runCli('sandbox', args as string[], { INIT_CWD: tmpdir() });
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(message);
  });
});
