/**
 * The simulator's modules form no import cycle (type-only imports included: a cycle of types is still
 * two modules that cannot be read or changed one at a time). A tiny resolver follows relative
 * `import`/`export ... from` specifiers inside src/sim; packages are leaves. The rest of src/ keeps
 * the same rule but for the type-only imports named in TYPE_CYCLES_ALLOWED, each with its reason.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../../src/sim');
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s+(type\s)?[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

/**
 * Type-only imports (`import type`, erased at runtime) that may close a cycle, relative to src/.
 * protocol -> checkpoints: a finished run's Reveal carries the checkpoints it kept to the debrief,
 * and a checkpoint holds the log and the frame builder's state, which are the protocol's types.
 */
const TYPE_CYCLES_ALLOWED: readonly (readonly [from: string, to: string])[] = [['console/protocol.ts', 'console/checkpoints.ts']];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

const SRC = resolve(__dirname, '../../../src');

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  // Styles, Astro components and Vite's `?worker` imports are leaves for this check.
  if (/\.(css|astro|json|mjs)$|\?/.test(spec)) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${relative(SRC, from)} imports "${spec}", which does not resolve to a file`);
}

interface Edge {
  to: string;
  typeOnly: boolean;
}

function importEdges(files: string[], ROOT: string): Map<string, Edge[]> {
  const edges = new Map<string, Edge[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const out: Edge[] = [];
    for (const m of text.matchAll(SPECIFIER)) {
      const target = resolveImport(file, (m[2] ?? m[3])!);
      if (target && target.startsWith(ROOT)) out.push({ to: target, typeOnly: m[1] !== undefined });
    }
    edges.set(file, out);
  }
  return edges;
}

/** The graph of `edges`, leaving out the type-only ones `skip` names (paths relative to `ROOT`). */
function importGraph(files: string[], ROOT: string, skip: readonly (readonly [string, string])[] = []): Map<string, string[]> {
  const skipped = (from: string, e: Edge) => e.typeOnly && skip.some(([a, b]) => join(ROOT, a) === from && join(ROOT, b) === e.to);
  return new Map([...importEdges(files, ROOT)].map(([from, out]) => [from, out.filter((e) => !skipped(from, e)).map((e) => e.to)]));
}

/** The first cycle found by depth-first search, as a list of files (first = last), or null. */
function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const s = state.get(next);
      if (s === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (s === undefined) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of [...graph.keys()].sort()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return null;
}

function reaches(graph: Map<string, string[]>, from: string, to: string): boolean {
  const seen = new Set([from]);
  const todo = [from];
  for (let node = todo.pop(); node !== undefined; node = todo.pop()) {
    if (node === to) return true;
    for (const next of graph.get(node) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      todo.push(next);
    }
  }
  return false;
}

describe('src/sim imports', () => {
  it('finds a cycle when there is one (the checker itself works)', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(findCycle(g)).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(new Map([['a', ['b']], ['b', []]]))).toBeNull();
  });

  it('reads the real graph (imports are found and resolved)', () => {
    const graph = importGraph(sources(ROOT), ROOT);
    const sim = graph.get(join(ROOT, 'core/simulation.ts'))!;
    expect(sim.map((f) => relative(ROOT, f))).toContain('core/controlplane.ts');
  });

  it('has no import cycle', () => {
    const cycle = findCycle(importGraph(sources(ROOT), ROOT));
    expect(cycle && cycle.map((f) => relative(ROOT, f)).join(' -> '), 'import cycle in src/sim').toBeNull();
  });

  it('and no module of src/ is in an import cycle either (but for the type-only imports allowed above)', () => {
    const cycle = findCycle(importGraph(sources(SRC), SRC, TYPE_CYCLES_ALLOWED));
    expect(cycle && cycle.map((f) => relative(SRC, f)).join(' -> '), 'import cycle in src').toBeNull();
  });

  it('each allowed type-only import is still there, still type-only, and still closes a cycle', () => {
    const files = sources(SRC);
    const edges = importEdges(files, SRC);
    for (const [from, to] of TYPE_CYCLES_ALLOWED) {
      expect(edges.get(join(SRC, from))?.find((e) => e.to === join(SRC, to)), `${from} imports ${to}`).toEqual({ to: join(SRC, to), typeOnly: true });
      const back = reaches(importGraph(files, SRC, TYPE_CYCLES_ALLOWED), join(SRC, to), join(SRC, from));
      expect(back, `${to} does not import ${from} (even through others): the cycle is gone, drop it from TYPE_CYCLES_ALLOWED`).toBe(true);
    }
  });
});
