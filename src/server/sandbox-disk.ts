/**
 * Reads sandboxes and learner folders from disk (Node only). Shared by the local runner, the CLI
 * and the sandbox tests, so "what is a valid sandbox" has one answer. Symbolic links are refused
 * everywhere: a link could point a workspace at any file on the machine.
 */
import { lstat, readFile, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { sandboxSchema, type Sandbox } from '../schemas/sandbox';
import { KEBAB_ID } from '../schemas/common';
import { learnerFileMatcher, RESERVED_DIRS, type FileMap } from '../sandbox/files';
import type { SandboxDependency, SandboxSource } from '../sandbox/checks/workspace';

/** A sandbox that cannot be used as it is: missing folder, invalid manifest, missing files. */
export class SandboxError extends Error {
  override readonly name = 'SandboxError';
  constructor(
    message: string,
    readonly code: 'unknown-sandbox' | 'broken-sandbox' | 'bad-folder',
  ) {
    super(message);
  }
}

const ID = KEBAB_ID;
const MAX_TREE_FILES = 500;
const MAX_TREE_BYTES = 4 * 1024 * 1024;
/** Folders never read as part of a sandbox or a learner folder. */
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/** The folder of sandbox `id` under `root`; refuses ids that are not kebab-case (no path tricks). */
export function sandboxDir(root: string, id: string): string {
  if (!ID.test(id)) throw new SandboxError(`"${id}" is not a sandbox id: ids are lowercase kebab-case, like "idempotency".`, 'unknown-sandbox');
  return join(root, id);
}

/** Ids of the folders under `root` that hold a sandbox.json, sorted. */
export async function listSandboxIds(root: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return [];
  }
  const ids: string[] = [];
  for (const name of names.sort()) {
    if (!ID.test(name)) continue;
    try {
      if ((await lstat(join(root, name, 'sandbox.json'))).isFile()) ids.push(name);
    } catch {
      // Not a sandbox folder.
    }
  }
  return ids;
}

/** Every file under `dir` as text, keyed `${prefix}${relative path}`; refuses links and huge trees. */
export async function readTree(dir: string, prefix = ''): Promise<FileMap> {
  const files: FileMap = {};
  let count = 0;
  let bytes = 0;
  async function walk(abs: string, rel: string): Promise<void> {
    const entries = await readdir(abs, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const childAbs = join(abs, entry.name);
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) throw new SandboxError(`${childAbs} is a symbolic link; sandboxes and learner folders must hold plain files.`, 'bad-folder');
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) await walk(childAbs, childRel);
        continue;
      }
      if (!entry.isFile()) continue;
      count++;
      if (count > MAX_TREE_FILES) throw new SandboxError(`${dir} holds more than ${MAX_TREE_FILES} files; is it the right folder?`, 'bad-folder');
      const text = await readFile(childAbs, 'utf8');
      bytes += Buffer.byteLength(text);
      if (bytes > MAX_TREE_BYTES) throw new SandboxError(`${dir} holds more than ${MAX_TREE_BYTES / (1024 * 1024)} MB of files; is it the right folder?`, 'bad-folder');
      files[`${prefix}${childRel}`] = text;
    }
  }
  await walk(dir, '');
  return files;
}

async function isDir(path: string): Promise<boolean> {
  try {
    const st = await lstat(path);
    return st.isDirectory();
  } catch {
    return false;
  }
}

/**
 * Where a declared package lives: resolved like an import from the sandbox's folder, so it is the
 * project's own installed copy (no install at run time, works offline).
 */
function resolveDependency(name: string, sandboxFolder: string): SandboxDependency {
  let entry: string;
  try {
    // The entry point, not "<name>/package.json": packages with an exports map may not export it.
    entry = createRequire(join(sandboxFolder, 'sandbox.json')).resolve(name);
  } catch {
    throw new Error(`it needs ${name}, which is not installed. Run npm install in the project folder.`);
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return { name, dir: realpathSync(dir) };
  }
  throw new Error(`it needs ${name}, but no package.json of it was found above ${entry}.`);
}

/** Loads and checks one sandbox folder. Throws SandboxError saying exactly what is wrong. */
export async function loadSandbox(dir: string): Promise<SandboxSource> {
  const folder = basename(dir);
  let raw: string;
  try {
    raw = await readFile(join(dir, 'sandbox.json'), 'utf8');
  } catch {
    throw new SandboxError(`No sandbox "${folder}": expected ${join(dir, 'sandbox.json')}.`, 'unknown-sandbox');
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new SandboxError(`${join(dir, 'sandbox.json')} is not valid JSON: ${(error as Error).message}`, 'broken-sandbox');
  }
  const parsed = sandboxSchema.safeParse(json);
  if (!parsed.success) {
    throw new SandboxError(`${join(dir, 'sandbox.json')} does not match the sandbox format:\n${z.prettifyError(parsed.error)}`, 'broken-sandbox');
  }
  const manifest: Sandbox = parsed.data;
  const broken = (what: string) => new SandboxError(`Sandbox "${folder}" is broken: ${what}`, 'broken-sandbox');
  if (manifest.id !== folder) throw broken(`its id is "${manifest.id}" but its folder is "${folder}"; they must match.`);

  for (const sub of ['starter', 'solution', 'checks']) {
    if (!(await isDir(join(dir, sub)))) throw broken(`it has no ${sub}/ folder.`);
  }
  let starter: FileMap, solution: FileMap, checks: FileMap, scripts: FileMap;
  try {
    starter = await readTree(join(dir, 'starter'));
    solution = await readTree(join(dir, 'solution'));
    checks = await readTree(join(dir, 'checks'), 'checks/');
    scripts = (await isDir(join(dir, 'scripts'))) ? await readTree(join(dir, 'scripts'), 'scripts/') : {};
  } catch (error) {
    if (error instanceof SandboxError) throw broken(error.message);
    throw error;
  }

  for (const check of manifest.checkFiles) if (!(check in checks)) throw broken(`check file ${check} is listed in sandbox.json but missing.`);
  for (const demo of manifest.demos) if (!(demo.script in scripts)) throw broken(`demo "${demo.id}" runs ${demo.script}, which is missing.`);
  const isLearner = learnerFileMatcher(manifest.files);
  const reserved = Object.keys(starter).filter((p) => (RESERVED_DIRS as readonly string[]).includes(p.split('/')[0]!));
  if (reserved.length > 0) throw broken(`starter/ must not contain ${reserved.join(', ')} (those folders belong to the runtime).`);
  if (!Object.keys(starter).some(isLearner)) throw broken(`none of the starter files matches "files" (${manifest.files.join(', ')}).`);
  const stray = Object.keys(solution).filter((p) => !isLearner(p));
  if (stray.length > 0) throw broken(`solution/ holds files the learner cannot edit: ${stray.join(', ')} (solution/ has only files matched by "files").`);
  let dependencies: SandboxDependency[];
  try {
    dependencies = manifest.dependencies.map((name) => resolveDependency(name, dir));
  } catch (error) {
    throw broken((error as Error).message);
  }
  return { manifest, starter, checks, scripts, solution, dependencies };
}

/**
 * The learner-editable files of `manifest` found in `dir` (a folder made by `sandbox init`, or a
 * starter/ or solution/ folder).
 */
export async function readLearnerDir(dir: string, manifest: Sandbox): Promise<FileMap> {
  if (!(await isDir(dir))) throw new SandboxError(`${dir} is not a folder.`, 'bad-folder');
  const isLearner = learnerFileMatcher(manifest.files);
  const all = await readTreeSkipping(dir);
  const files: FileMap = {};
  for (const [path, text] of Object.entries(all)) if (isLearner(path)) files[path] = text;
  if (Object.keys(files).length === 0) {
    throw new SandboxError(`${dir} has none of the files this sandbox checks (${manifest.files.join(', ')}).`, 'bad-folder');
  }
  return files;
}

/** Like readTree, but skips the folders the runtime owns (checks/, scripts/ in an init'ed folder). */
async function readTreeSkipping(dir: string): Promise<FileMap> {
  const out: FileMap = {};
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const abs = join(dir, entry.name);
    if (entry.isSymbolicLink()) throw new SandboxError(`${abs} is a symbolic link; learner folders must hold plain files.`, 'bad-folder');
    if (entry.isDirectory()) {
      if ((RESERVED_DIRS as readonly string[]).includes(entry.name) || SKIPPED_DIRS.has(entry.name)) continue;
      Object.assign(out, await readTree(abs, `${entry.name}/`));
    } else if (entry.isFile()) {
      out[entry.name] = await readFile(abs, 'utf8');
    }
  }
  return out;
}
