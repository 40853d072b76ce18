/**
 * Builds the file map a runtime mounts: starter/ with the learner's versions of the editable files
 * written over it, then checks/, scripts/ and the reporter. Checks and scripts are written last, so
 * no learner file can replace them even if a sandbox's `files` glob were too wide.
 */
import type { Sandbox } from '../../schemas/sandbox';
import { learnerPathError, pickLearnerFiles, type FileMap } from '../files';
import { GUARD_PATH, GUARD_SOURCE, REPORTER_PATH, REPORTER_SOURCE } from './reporter';

/** A sandbox as loaded from its folder (server side) or from the content collection (site). */
export interface SandboxSource {
  manifest: Sandbox;
  /** starter/, keyed relative to starter/ ("server.js", "package.json"). */
  starter: FileMap;
  /** checks/, keyed relative to the sandbox folder ("checks/payments.test.js"). */
  checks: FileMap;
  /** scripts/, keyed relative to the sandbox folder ("scripts/double-click.js"). */
  scripts: FileMap;
  /** solution/, keyed like starter; only the learner-editable files. */
  solution: FileMap;
  /** Server side only: the packages named under `dependencies` and the installed folder of each. */
  dependencies?: SandboxDependency[];
}

export interface SandboxDependency {
  name: string;
  /** Real path of the installed package (the run may read it, never write it). */
  dir: string;
}

export class WorkspaceError extends Error {
  override readonly name = 'WorkspaceError';
  constructor(
    message: string,
    /** Each refused file name with the reason. */
    readonly problems: { path: string; reason: string }[] = [],
  ) {
    super(message);
  }
}

/** Refuses the learner's file names that are unsafe or not editable; lists every problem at once. */
export function validateLearnerFiles(files: unknown, sandbox: Sandbox): FileMap {
  if (typeof files !== 'object' || files === null || Array.isArray(files)) {
    throw new WorkspaceError('The learner files must be an object mapping file names to their text.');
  }
  const problems: { path: string; reason: string }[] = [];
  // No prototype: a learner file named "__proto__" or "constructor" is a key like any other.
  const out: FileMap = Object.create(null) as FileMap;
  for (const [path, text] of Object.entries(files)) {
    const reason = typeof text !== 'string' ? 'its content is not text' : learnerPathError(path, sandbox.files);
    if (reason) problems.push({ path, reason });
    else out[path] = text as string;
  }
  if (problems.length > 0) {
    const list = problems.map((p) => `"${p.path}": ${p.reason}`).join('; ');
    throw new WorkspaceError(`Refused ${problems.length === 1 ? 'a file' : `${problems.length} files`}: ${list}.`, problems);
  }
  return out;
}

/** The learner-editable files as the learner first sees them. */
export function starterLearnerFiles(source: SandboxSource): FileMap {
  return pickLearnerFiles(source.starter, source.manifest.files);
}

/** The whole workspace for `learnerFiles` (validated here; throws WorkspaceError). */
export function buildWorkspace(source: SandboxSource, learnerFiles: FileMap): FileMap {
  const learner = validateLearnerFiles(learnerFiles, source.manifest);
  const files: FileMap = { ...source.starter, ...learner, ...source.checks, ...source.scripts };
  files[REPORTER_PATH] = REPORTER_SOURCE;
  files[GUARD_PATH] = GUARD_SOURCE;
  // A file and a folder cannot share a name ("lib" and "lib/a.js"); say so before any disk is touched.
  const names = new Set(Object.keys(files));
  for (const name of names) {
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      if (names.has(folder)) throw new WorkspaceError(`"${folder}" is both a file and the folder of "${name}".`, [{ path: folder, reason: 'a file cannot also be a folder' }]);
    }
  }
  return files;
}
