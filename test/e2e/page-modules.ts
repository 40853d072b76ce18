/**
 * The JavaScript a built page can load, read from dist/client without a browser: the HTML's module
 * scripts, modulepreloads and islands (component and renderer URLs), then every module those import,
 * statically or dynamically, recursively. Web Worker entries are not followed: `new Worker(new URL(...))`
 * is not an import, and a worker's code never runs in the page (it may hold what the page must not).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

export interface PageModules {
  /** Site paths of the modules, e.g. /_astro/ConsoleApp.abc.js, with each module's text. */
  modules: Map<string, string>;
  /** Inline scripts of the HTML (they can hold code and data too). */
  inline: string[];
  /** For each module, the module that first pulled it in (for a readable failure). */
  importedBy: Map<string, string>;
}

const HTML_URL = /<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"|<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"|\b(?:component|renderer|before-hydration)-url="([^"]+)"/g;
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;
// Static `import ... from "x"`, bare `import "x"`, `export ... from "x"`, dynamic `import("x")`
// (with any quote), and Vite's preload lists (`__vite__mapDeps`, plain strings naming /_astro/ files).
const JS_IMPORT = /\b(?:from|import)\s*\(?\s*(["'`])([^"'`]+\.m?js)\1/g;
const PRELOAD_LIST = /__vite__mapDeps[\s\S]{0,80}?\[([^\]]*)\]/g;

function resolveUrl(from: string, spec: string): string | null {
  if (/^[a-z]+:/i.test(spec)) return null;
  return spec.startsWith('/') ? posix.normalize(spec) : posix.normalize(posix.join(posix.dirname(from), spec));
}

/** The site path of a page's HTML file: /drills/bad-deploy/ -> dist/client/drills/bad-deploy/index.html. */
export function pageModules(distClient: string, route: string): PageModules {
  const htmlFile = join(distClient, route, 'index.html');
  if (!existsSync(htmlFile)) throw new Error(`${htmlFile} does not exist: build the site first (npm run build)`);
  const html = readFileSync(htmlFile, 'utf8');
  const modules = new Map<string, string>();
  const importedBy = new Map<string, string>();
  const queue: string[] = [];
  const add = (url: string | null, by: string) => {
    if (!url || !url.endsWith('.js') || modules.has(url) || queue.includes(url)) return;
    importedBy.set(url, by);
    queue.push(url);
  };
  const pageUrl = posix.join(route, 'index.html');
  for (const m of html.matchAll(HTML_URL)) add(resolveUrl(pageUrl, (m[1] ?? m[2] ?? m[3])!.replaceAll('&amp;', '&')), route);
  const inline = [...html.matchAll(INLINE_SCRIPT)].map((m) => m[1]!);
  for (const code of inline) for (const m of code.matchAll(JS_IMPORT)) add(resolveUrl(pageUrl, m[2]!), `${route} (inline script)`);
  while (queue.length) {
    const url = queue.shift()!;
    const file = join(distClient, url);
    if (!existsSync(file)) throw new Error(`${url} (imported by ${importedBy.get(url)}) is not in ${distClient}`);
    const code = readFileSync(file, 'utf8');
    modules.set(url, code);
    for (const m of code.matchAll(JS_IMPORT)) add(resolveUrl(url, m[2]!), url);
    for (const list of code.matchAll(PRELOAD_LIST)) {
      for (const s of list[1]!.matchAll(/(["'`])([^"'`]+\.js)\1/g)) add(resolveUrl('/', s[2]!.startsWith('/') ? s[2]! : `/${s[2]!}`), url);
    }
  }
  return { modules, inline, importedBy };
}

/** The chain of imports from the page to a module, for failure messages. */
export function importChain(found: PageModules, url: string): string {
  const chain = [url];
  let at = found.importedBy.get(url);
  while (at && !chain.includes(at)) {
    chain.unshift(at);
    at = found.importedBy.get(at);
  }
  return chain.join(' -> ');
}

export const distClient = (root: string) => join(root, 'dist', 'client');
export { dirname };
