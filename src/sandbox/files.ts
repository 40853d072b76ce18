/**
 * File maps and the rules for names a learner may write. Browser-safe (no node:path): the same
 * checks run in the editor, in every runtime and in the local runner, so a name refused in one
 * place is refused everywhere.
 */

/** Workspace-relative path (forward slashes) -> UTF-8 text. */
export type FileMap = Record<string, string>;

/** Folders a runtime owns in the workspace; learner files never land there. */
export const RESERVED_DIRS = ['checks', 'scripts', '.blast', 'node_modules'] as const;

const MAX_PATH_LENGTH = 255;

/**
 * Why `path` is not a safe workspace-relative file name, or null when it is. Only canonical
 * forms pass (no "./", no "a//b", no trailing slash) so two spellings can never name one file.
 */
export function unsafePathReason(path: string): string | null {
  if (typeof path !== 'string' || path.length === 0) return 'the file name is empty';
  if (path.length > MAX_PATH_LENGTH) return `the file name is longer than ${MAX_PATH_LENGTH} characters`;
  if (path.includes('\0')) return 'the file name contains a NUL character';
  if (/[\u0001-\u001f\u007f]/.test(path)) return 'the file name contains a control character';
  if (path.includes('\\')) return 'the file name contains a backslash (use forward slashes)';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'the file name is an absolute path (use a path relative to the project)';
  const segments = path.split('/');
  if (segments.includes('..')) return 'the file name contains ".." (files must stay inside the project)';
  if (segments.some((s) => s === '' || s === '.')) return 'the file name has an empty or "." segment (write it as a/b.js)';
  return null;
}

/** Turns one `files` glob ("*.js", "lib/**", "src/?.ts") into an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // "**/" matches zero or more whole folders; a trailing "**" matches everything below.
        if (glob[i + 2] === '/') {
          out += '(?:[^/]+/)*';
          i += 2;
        } else {
          out += '.*';
          i += 1;
        }
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else {
      out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${out}$`);
}

/** A predicate telling whether a workspace path is one of the learner-editable files. */
export function learnerFileMatcher(globs: readonly string[]): (path: string) => boolean {
  const patterns = globs.map(globToRegExp);
  return (path) => patterns.some((re) => re.test(path));
}

/**
 * Why the learner may not write `path`, or null when they may. `globs` is the sandbox's `files`.
 */
export function learnerPathError(path: string, globs: readonly string[]): string | null {
  const unsafe = unsafePathReason(path);
  if (unsafe) return unsafe;
  const top = path.split('/')[0]!;
  if ((RESERVED_DIRS as readonly string[]).includes(top)) return `files under ${top}/ belong to the sandbox and are read-only`;
  if (!learnerFileMatcher(globs)(path)) return `it is not one of this sandbox's editable files (${globs.join(', ')})`;
  return null;
}

/** Splits `files` into the learner-editable ones and the rest. */
export function pickLearnerFiles(files: FileMap, globs: readonly string[]): FileMap {
  const picked: FileMap = {};
  for (const [path, text] of Object.entries(files)) {
    if (learnerPathError(path, globs) === null) picked[path] = text;
  }
  return picked;
}
