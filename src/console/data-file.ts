/**
 * Reading a data file a person wrote by hand (JSON or YAML): scenario files (scenario-file.ts) and
 * workshop packs (src/workshop/pack.ts). Every problem is worded for the file's author: bad syntax
 * gives the line and column, a schema problem its field path (and its line, in YAML, via
 * yaml-lines.ts). The caller wraps the problems in its own error, which names the file.
 */
import { load, YAMLException } from 'js-yaml';
import type { z } from 'zod';
import { yamlLine } from './yaml-lines';

export interface DataFileKind<T> {
  schema: z.ZodType<T>;
  maxBytes: number;
  /** What a file of this kind is called in the size problem: "a scenario file", "a pack". */
  noun: string;
  /** What the file must hold, for when it holds no object: "one pack: an object with …". */
  holds: string;
  /** The caller's error for this file (it names the file). */
  refuse: (problems: string[]) => Error;
}

/** The problem for a file over the cap, also for callers that refuse a file before reading it. */
export function sizeProblem(bytes: number, maxBytes: number, noun: string): string {
  return `it is ${Math.ceil(bytes / 1024)} KB; ${noun} may be at most ${maxBytes / 1024} KB`;
}

function isJson(fileName: string, text: string): boolean {
  return /\.json$/i.test(fileName) || (!/\.ya?ml$/i.test(fileName) && /^\s*[{[]/.test(text));
}

function syntax(fileName: string, text: string, json: boolean, refuse: (problems: string[]) => Error): unknown {
  if (json) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw refuse([`it is not valid JSON (${(error as Error).message}); check commas and quotes near that position`]);
    }
  }
  try {
    // The default schema: plain data only (no custom tags), as in lesson frontmatter.
    return load(text, { filename: fileName });
  } catch (error) {
    if (error instanceof YAMLException) {
      const where = error.mark ? `line ${error.mark.line + 1}, column ${error.mark.column + 1}` : 'somewhere in the file';
      throw refuse([`it is not valid YAML at ${where}: ${error.reason}`]);
    }
    throw error;
  }
}

/** Parses and validates a file's text as `kind`; throws kind.refuse(problems) listing every problem. */
export function readDataFile<T>(fileName: string, text: string, kind: DataFileKind<T>): T {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > kind.maxBytes) throw kind.refuse([sizeProblem(bytes, kind.maxBytes, kind.noun)]);
  const json = isJson(fileName, text);
  const data = syntax(fileName, text, json, kind.refuse);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw kind.refuse([`it must hold ${kind.holds}`]);
  const result = kind.schema.safeParse(data);
  if (result.success) return result.data;
  const at = (path: readonly PropertyKey[], message: string) => {
    const line = json ? null : yamlLine(text, path);
    return `${path.length ? path.join('.') : '(root)'}: ${message}${line === null ? '' : ` (line ${line})`}`;
  };
  throw kind.refuse(
    result.error.issues.flatMap((issue) =>
      // An extra key is most often a misspelt one: point at it, not at the object around it.
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => at([...issue.path, key], `${kind.noun} has no such field here; check its spelling, or remove it`))
        : [at(issue.path, issue.message)],
    ),
  );
}
