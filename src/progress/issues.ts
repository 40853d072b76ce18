import type { $ZodIssue } from 'zod/v4/core';

type PathSegment = PropertyKey;

/** One thing wrong with a document, located by its path from the document's root. */
export interface Problem {
  path: readonly PathSegment[];
  message: string;
}

/** `lessons.intro-to-slos.quiz.answers[2]`: the way a person would point at a field in the JSON file. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out || '(top level)';
}

export function problemsFromIssues(issues: readonly $ZodIssue[]): Problem[] {
  return issues.map((issue) => ({
    path: issue.path,
    // A bad record key reports "Invalid key in record"; the useful words are in the nested issue.
    message:
      issue.code === 'invalid_key' && issue.issues.length > 0
        ? `this key is not allowed: ${issue.issues[0]!.message}`
        : issue.message,
  }));
}

/**
 * One line per problem, each naming the field, capped so a badly broken file still gives a readable
 * message. `prefix` locates the document inside a larger one (an export file keeps it under "data").
 */
export function describeProblems(problems: readonly Problem[], prefix: readonly PathSegment[] = [], max = 5): string {
  const lines = problems.slice(0, max).map((p) => `${formatPath([...prefix, ...p.path])}: ${p.message}`);
  if (problems.length > max) lines.push(`...and ${problems.length - max} more`);
  return lines.join('\n');
}
