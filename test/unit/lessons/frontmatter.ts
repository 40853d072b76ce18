import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

/** The YAML frontmatter of an MDX file, parsed the way Astro's loader sees it. */
export function readFrontmatter(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!match) throw new Error(`${file} has no frontmatter`);
  return load(match[1]!);
}

export function lessonIds(root: string): string[] {
  return readdirSync(join(root, 'lessons')).filter((d) => existsSync(join(root, 'lessons', d, 'index.mdx')));
}

/** The ```mermaid blocks of a lesson's body, as the page's diagram script reads them (the code block's text). */
export function mermaidBlocks(mdx: string): string[] {
  return [...mdx.matchAll(/^```mermaid[^\S\r\n]*\r?\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
}
