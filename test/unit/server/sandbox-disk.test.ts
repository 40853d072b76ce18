import { cp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listSandboxIds, loadSandbox, readLearnerDir, sandboxDir, SandboxError } from '../../../src/server/sandbox-disk';
import { adderDir, fixturesDir } from '../sandbox/helpers';
import { tempRoot } from './helpers';

let tmp: string;
let copy: string;

beforeEach(async () => {
  tmp = await tempRoot();
  copy = join(tmp, 'adder');
  await cp(adderDir, copy, { recursive: true });
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function loadError(dir: string): Promise<SandboxError> {
  try {
    await loadSandbox(dir);
  } catch (error) {
    if (error instanceof SandboxError) return error;
    throw error;
  }
  throw new Error('expected loadSandbox to fail');
}

describe('loadSandbox', () => {
  it('loads starter, solution, checks and scripts', async () => {
    const source = await loadSandbox(adderDir);
    expect(source.manifest.id).toBe('adder');
    expect(Object.keys(source.starter).sort()).toEqual(['adder.js', 'format.js', 'package.json']);
    expect(Object.keys(source.solution)).toEqual(['adder.js']);
    expect(Object.keys(source.checks)).toEqual(['checks/adder.test.js']);
    expect(Object.keys(source.scripts)).toEqual(['scripts/sum.js']);
  });

  it('refuses a symbolic link anywhere in the sandbox', async () => {
    await symlink('/etc/hostname', join(copy, 'starter/hostname.js'));
    const error = await loadError(copy);
    expect(error.code).toBe('broken-sandbox');
    expect(error.message).toMatch(/hostname\.js is a symbolic link/);
  });

  it('says which manifest field is wrong', async () => {
    const error = await loadError(join(fixturesDir, '_broken/bad-manifest'));
    expect(error.code).toBe('broken-sandbox');
    expect(error.message).toMatch(/does not match the sandbox format/);
    expect(error.message).toMatch(/checks/);
  });

  it('reports a listed check file that is missing', async () => {
    expect((await loadError(join(fixturesDir, '_broken/missing-check'))).message).toMatch(/check file checks\/gone\.test\.js is listed in sandbox\.json but missing/);
  });

  it('refuses an id that does not match the folder, invalid JSON, and a missing folder', async () => {
    await writeFile(join(copy, 'sandbox.json'), JSON.stringify({ id: 'other', title: 't', lesson: 'l', files: ['adder.js'], checkFiles: ['checks/adder.test.js'], checks: [{ name: 'adds', hint: 'add' }] }));
    expect((await loadError(copy)).message).toMatch(/its id is "other" but its folder is "adder"/);
    await writeFile(join(copy, 'sandbox.json'), '{');
    expect((await loadError(copy)).message).toMatch(/not valid JSON/);
    expect((await loadError(join(tmp, 'nothing'))).code).toBe('unknown-sandbox');
  });

  it('refuses a solution with files the learner cannot edit, and a missing demo script', async () => {
    await writeFile(join(copy, 'solution/format.js'), 'x');
    expect((await loadError(copy)).message).toMatch(/solution\/ holds files the learner cannot edit: format\.js/);
    await rm(join(copy, 'solution/format.js'));
    await rm(join(copy, 'scripts/sum.js'));
    expect((await loadError(copy)).message).toMatch(/demo "sum" runs scripts\/sum\.js, which is missing/);
  });
});

describe('sandboxDir and listSandboxIds', () => {
  it('refuses ids that could be paths', () => {
    for (const id of ['../etc', 'a/b', '', 'Adder', '.hidden']) expect(() => sandboxDir('/s', id), id).toThrow(SandboxError);
    expect(sandboxDir('/s', 'adder')).toBe(join('/s', 'adder'));
  });

  it('lists only kebab-case folders with a sandbox.json', async () => {
    expect(await listSandboxIds(fixturesDir)).toEqual(['adder']);
    expect(await listSandboxIds(join(tmp, 'none'))).toEqual([]);
  });
});

describe('readLearnerDir', () => {
  it('reads the editable files and ignores checks/ and scripts/ of an init-ed folder', async () => {
    const dir = join(tmp, 'work');
    await mkdir(join(dir, 'checks'), { recursive: true });
    await writeFile(join(dir, 'adder.js'), 'mine');
    await writeFile(join(dir, 'format.js'), 'support');
    await writeFile(join(dir, 'checks/adder.test.js'), 'edited check');
    const { manifest } = await loadSandbox(adderDir);
    expect(await readLearnerDir(dir, manifest)).toEqual({ 'adder.js': 'mine' });
  });

  it('refuses a link and a folder without the files', async () => {
    const { manifest } = await loadSandbox(adderDir);
    const dir = join(tmp, 'linked');
    await mkdir(dir);
    await symlink('/etc/hostname', join(dir, 'adder.js'));
    await expect(readLearnerDir(dir, manifest)).rejects.toThrow(/symbolic link/);
    await expect(readLearnerDir(join(tmp, 'adder/checks'), manifest)).rejects.toThrow(/has none of the files this sandbox checks \(adder\.js\)/);
    await expect(readLearnerDir(join(tmp, 'missing'), manifest)).rejects.toThrow(/is not a folder/);
  });
});
