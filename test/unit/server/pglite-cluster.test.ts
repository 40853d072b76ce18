import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxDependency } from '../../../src/sandbox/checks/workspace';
import { CLUSTER_ENV, pgliteCluster } from '../../../src/server/pglite-cluster';
import { loadSandbox } from '../../../src/server/sandbox-disk';
import { runTask } from '../../../src/server/task-runner';
import { repoRoot } from '../sandbox/helpers';
import { tempRoot } from './helpers';

// Starting PostgreSQL in WebAssembly takes seconds of CPU, more on a busy machine.
const SLOW = 240_000;
let pglite: SandboxDependency[];
let tmp: string;

beforeAll(async () => {
  pglite = (await loadSandbox(join(repoRoot, 'sandboxes', 'n-plus-one'))).dependencies ?? [];
  tmp = await tempRoot();
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('the initialised PostgreSQL cluster database sandboxes start from', () => {
  it('is not made for a sandbox without PGlite', async () => {
    expect(await pgliteCluster([], { cacheDir: join(tmp, 'none') })).toBeNull();
    expect(existsSync(join(tmp, 'none'))).toBe(false);
  });

  it('is made once per PGlite version, as a gzip tarball, and shared by concurrent runs', async () => {
    const cacheDir = join(tmp, 'cache');
    const [a, b] = await Promise.all([pgliteCluster(pglite, { cacheDir }), pgliteCluster(pglite, { cacheDir })]);
    expect(a).toMatch(/pglite-\d+\.\d+\.\d+-cluster\.tar\.gz$/);
    expect(b).toBe(a);
    const bytes = readFileSync(a!);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(bytes.length).toBeGreaterThan(100_000);
    // A cache cleared while the server runs: the next run gets a cluster made again, not a missing path.
    await rm(a!);
    expect(await pgliteCluster(pglite, { cacheDir })).toBe(a);
    expect(existsSync(a!)).toBe(true);
  }, SLOW);

  it('reaches a confined run read-only: PostgreSQL starts from it, and the run cannot change it', async () => {
    const source = await loadSandbox(join(repoRoot, 'sandboxes', 'n-plus-one'));
    const probe = `
import { readFileSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
const cluster = process.env.${CLUSTER_ENV};
const pg = await PGlite.create({ loadDataDir: new Blob([readFileSync(cluster)]) });
const { rows } = await pg.query("select current_setting('server_version_num')::int >= 170000 as modern");
console.log('started from the cluster:', rows[0].modern);
try { writeFileSync(cluster, 'x'); console.log('wrote the cluster'); } catch (e) { console.log('write refused:', e.code); }
await pg.close();
`;
    const withProbe = { ...source, scripts: { ...source.scripts, 'scripts/queries-per-page.js': probe } };
    let output = '';
    const exit = await runTask(withProbe, { ...source.solution }, { kind: 'demo', id: 'queries-per-page' }, {
      limits: { timeoutMs: SLOW - 10_000, maxOutputBytes: 1024 * 1024 },
      tmpRoot: tmp,
      onOutput: (c) => (output += c),
    }).exit;
    expect(output).toContain('started from the cluster: true');
    expect(output).toContain('write refused: ERR_ACCESS_DENIED');
    expect(output).not.toContain('wrote the cluster');
    expect(exit, output).toMatchObject({ exitCode: 0, killed: false });
  }, SLOW);
});
