/**
 * The import graph of the built site's scripts (dist/client/_astro), read from the files themselves,
 * so the bench can say whose code a fetched file is (a diagram's or an island's) rather than guess
 * from when it was fetched: islands and diagrams both load on scroll, often in the same moment.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// A reference to another built script: static `from"./x.js"`, dynamic import(`./x.js`), and the
// "_astro/x.js" lists Vite preloads with a dynamic import. Over-reaching (a string that only names a
// file) can only widen a closure, never drop a real import.
const REFERENCE = /["'`](?:\.\/|\/?_astro\/)([\w.~-]+\.m?js)["'`]/g;

/** The file name of a fetched URL or path (`/_astro/x.js` -> `x.js`). */
export const chunkName = (url: string) => url.split('?')[0]!.split('/').pop()!;

export class ChunkGraph {
  readonly #imports = new Map<string, string[]>();

  constructor(astroDir: string) {
    if (!existsSync(astroDir)) throw new Error(`no built scripts in ${astroDir}: build the site first`);
    for (const name of readdirSync(astroDir).filter((n) => /\.m?js$/.test(n))) {
      const text = readFileSync(join(astroDir, name), 'utf8');
      this.#imports.set(name, [...new Set([...text.matchAll(REFERENCE)].map((m) => m[1]!))].filter((n) => n !== name));
    }
  }

  /** The one built script whose name matches; an error names the pattern when there is none or several. */
  find(pattern: RegExp): string {
    const found = [...this.#imports.keys()].filter((n) => pattern.test(n));
    if (found.length !== 1) throw new Error(`expected one built script matching ${pattern}, found ${found.length}${found.length ? `: ${found.join(', ')}` : ''}`);
    return found[0]!;
  }

  /** Every script `entries` load, statically or on demand, themselves included. */
  closure(entries: Iterable<string>): Set<string> {
    const seen = new Set<string>();
    const todo = [...entries];
    while (todo.length) {
      const name = todo.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      todo.push(...(this.#imports.get(name) ?? []));
    }
    return seen;
  }
}
