/**
 * The simulator's modules form no import cycle (type-only imports included: a cycle of types is still
 * two modules that cannot be read or changed one at a time). A tiny resolver follows relative
 * `import`/`export ... from` specifiers inside src/sim; packages are leaves.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../../src/sim');
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

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

function importGraph(files: string[], ROOT: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const deps: string[] = [];
    for (const m of text.matchAll(SPECIFIER)) {
      const target = resolveImport(file, (m[1] ?? m[2])!);
      if (target && target.startsWith(ROOT)) deps.push(target);
    }
    graph.set(file, deps);
  }
  return graph;
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

  it('and no module of src/ is in an import cycle either', () => {
    const cycle = findCycle(importGraph(sources(SRC), SRC));
    expect(cycle && cycle.map((f) => relative(SRC, f)).join(' -> '), 'import cycle in src').toBeNull();
  });
});
