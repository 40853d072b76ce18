import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lessonIds, mermaidBlocks } from './frontmatter';

const root = join(import.meta.dirname, '../../..');

// The kinds of diagram the lessons draw (and the page's diagram script names for screen readers).
const KINDS = ['flowchart', 'graph', 'sequenceDiagram', 'stateDiagram-v2'];

// A content rule, checked here over the lesson files; that each diagram draws (mermaid needs a DOM) and the
// page around it are checked in a browser by site.spec.ts, which counts the diagrams against these blocks.
describe('lesson diagrams', () => {
  it('finds the blocks the way the page does', () => {
    const text = 'Intro\n\n```mermaid\nflowchart LR\n  a --> b\n```\n\n```js\nx()\n```\n\n```mermaid\nsequenceDiagram\n  A->>B: hi\n```\n';
    expect(mermaidBlocks(text)).toEqual(['flowchart LR\n  a --> b\n', 'sequenceDiagram\n  A->>B: hi\n']);
    expect(mermaidBlocks('```js\nmermaid()\n```\n')).toEqual([]);
  });

  it.each(lessonIds(root))('%s has at least one diagram, each of a kind the course draws', (id) => {
    const blocks = mermaidBlocks(readFileSync(join(root, 'lessons', id, 'index.mdx'), 'utf8'));
    expect(blocks.length, `${id} has no mermaid diagram`).toBeGreaterThan(0);
    expect(blocks.map((b) => b.trim().split(/\s/)[0]).filter((kind) => !KINDS.includes(kind!))).toEqual([]);
  });
});
