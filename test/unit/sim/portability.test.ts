import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../../../src/sim');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Source without comments and string contents, so prose that mentions Date.now does not count. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/`(?:\\.|[^`\\])*`/g, '``')
    .replace(/'(?:\\.|[^'\\])*'/g, "''");
}

describe('the engine runs in a Web Worker', () => {
  const sources = files(ROOT);

  it('finds the engine sources', () => {
    expect(sources.length).toBeGreaterThan(30);
  });

  it.each([
    ['Node built-in modules', /from\s+['"]node:|require\(/],
    ['process / Buffer', /\bprocess\.|\bBuffer\b/],
    ['the DOM', /\bdocument\.|\bwindow\.|\blocalStorage\b/],
    ['wall-clock time or Math.random', /Date\.now|new Date\(|performance\.now|Math\.random/],
    ['real timers', /\bsetTimeout\(|\bsetInterval\(|\bsetImmediate\(/],
  ])('uses no %s', (_what, pattern) => {
    const offenders = sources.filter((f) => pattern.test(code(readFileSync(f, 'utf8'))));
    expect(offenders).toEqual([]);
  });

  it('imports nothing from outside src/sim except xstate and zod', () => {
    for (const f of sources) {
      const imports = [...readFileSync(f, 'utf8').matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);
      for (const i of imports) expect(i.startsWith('.') || i === 'xstate' || i === 'zod', `${f} imports ${i}`).toBe(true);
    }
  });
});
