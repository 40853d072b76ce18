/**
 * A database sandbox's run starts PostgreSQL in PGlite, and a fresh PGlite first runs initdb in
 * WebAssembly: about 4-5 s of CPU, most of the run. So the runner makes one freshly initialised,
 * empty cluster per PGlite version, keeps it as a tarball in the project's node_modules/.cache,
 * and hands it to database sandboxes read-only (BLAST_PGLITE_CLUSTER); their support code starts
 * PostgreSQL from it and skips initdb. It is the same empty database either way: a run without
 * it (an init'ed folder run with plain node, a WebContainer) only takes longer.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SandboxDependency } from '../sandbox/checks/workspace';

export const PGLITE = '@electric-sql/pglite';
export const CLUSTER_ENV = 'BLAST_PGLITE_CLUSTER';
const MAKE_TIMEOUT_MS = 180_000;

// Runs in a child process: initdb's WebAssembly memory is freed when it exits, not kept in the server.
const MAKE_SCRIPT = `
const [entry, out] = process.argv.slice(1);
const { PGlite } = await import(entry);
const pg = await PGlite.create();
await pg.query('select 1');
const tarball = await pg.dumpDataDir('gzip');
await (await import('node:fs/promises')).writeFile(out, Buffer.from(await tarball.arrayBuffer()), { flag: 'wx' });
await pg.close();
`;

const made = new Map<string, Promise<string | null>>();

/** The node_modules folder holding `packageDir` (scoped packages sit one level deeper). */
function nodeModulesOf(packageDir: string): string | null {
  for (let dir = dirname(packageDir); dir !== dirname(dir); dir = dirname(dir)) if (basename(dir) === 'node_modules') return dir;
  return null;
}

function makeCluster(nodePath: string, entry: string, target: string): Promise<boolean> {
  const partial = `${target}.${process.pid}.${Date.now()}.partial`;
  return new Promise<boolean>((resolveMade) => {
    const child = spawn(nodePath, ['--input-type=module', '-e', MAKE_SCRIPT, pathToFileURL(entry).href, partial], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-4096)));
    const timer = setTimeout(() => child.kill('SIGKILL'), MAKE_TIMEOUT_MS);
    child.on('error', () => resolveMade(false));
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) console.warn(`Could not prepare a PostgreSQL cluster for the database sandboxes (they still run, more slowly): ${err.trim() || `exit ${code}`}`);
      resolveMade(code === 0);
    });
  }).then(async (ok) => {
    // The rename is atomic, so a second server starting at the same time never reads half a file.
    if (ok) await rename(partial, target).catch(() => undefined);
    await rm(partial, { force: true });
    return ok && existsSync(target);
  });
}

/**
 * The path of the initialised cluster for the sandbox's PGlite, made on first use (once per
 * version, shared by every later run and server); null when the sandbox does not use PGlite or
 * the cluster could not be made (the run then starts PostgreSQL the slow way).
 */
export function pgliteCluster(dependencies: readonly SandboxDependency[], options: { nodePath?: string; cacheDir?: string } = {}): Promise<string | null> {
  const pglite = dependencies.find((d) => d.name === PGLITE);
  if (!pglite) return Promise.resolve(null);
  const modules = nodeModulesOf(pglite.dir);
  const cacheDir = options.cacheDir ?? (modules ? join(modules, '.cache', 'blast-radius') : null);
  if (!cacheDir) return Promise.resolve(null);
  // Keyed by package folder and cache, so a run reads nothing but one stat once the cluster exists;
  // a cluster deleted while the server runs (a cleared cache) is made again rather than named.
  const key = `${pglite.dir}\0${cacheDir}`;
  const pending = made.get(key);
  if (pending) return pending.then((target) => (target === null || existsSync(target) ? target : remake(key, pglite.dir, cacheDir, options.nodePath)));
  return remake(key, pglite.dir, cacheDir, options.nodePath);
}

function remake(key: string, packageDir: string, cacheDir: string, nodePath = process.execPath): Promise<string | null> {
  const pending = (async () => {
    const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
    const target = join(cacheDir, `pglite-${version}-cluster.tar.gz`);
    if (existsSync(target)) return target;
    await mkdir(cacheDir, { recursive: true });
    return (await makeCluster(nodePath, join(packageDir, 'dist', 'index.js'), target)) ? target : null;
  })().catch(() => null);
  made.set(key, pending);
  return pending;
}
