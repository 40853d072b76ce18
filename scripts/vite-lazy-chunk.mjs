// `import load from 'lazy-chunk:./Workbench'` gives `load()`, which loads ./Workbench with its CSS and
// resolves with the module: React.lazy(load) is an island part whose styles and scripts arrive when it
// is first rendered, not with the page.
//
// Why not a plain `import('./Workbench')`: Astro walks the module graph from every island, through
// dynamic imports too, and links every stylesheet it finds into the page's <head> (withastro/astro#9495).
// For the sandbox that made the editor's and the workbench's CSS (~180 KB) render-blocking on every
// lesson. Here the part is emitted as a chunk of its own, which no module imports, so Astro never
// reaches its CSS; the loader fetches that CSS (and preloads the chunk's imports) the way Vite's own
// dynamic-import preloading would, and resolves only once the stylesheets apply, so nothing renders
// unstyled. In dev and on the server the loader is a plain dynamic import.

import { posix } from 'node:path';

const PREFIX = 'lazy-chunk:';
const VIRTUAL = '\0lazy-chunk:';
const TOKEN = '__LAZY_CHUNK_DEPS_';

/** The loader's code; `deps` becomes the chunk's stylesheets and imports, relative to the loader's own chunk. */
function loaderCode(fileUrl, token) {
  return `
const deps = ${JSON.stringify(token)};
let loading;
function load() {
  const base = import.meta.url;
  const sheets = [];
  for (const file of deps) {
    const href = new URL(file, base).href;
    const css = file.endsWith('.css');
    const rel = css ? 'stylesheet' : 'modulepreload';
    if ([...document.querySelectorAll('link[rel="' + rel + '"]')].some((l) => l.href === href)) continue;
    const link = document.createElement('link');
    link.rel = rel;
    link.href = href;
    if (css) sheets.push(new Promise((resolve, reject) => {
      link.onload = resolve;
      link.onerror = () => reject(new Error('the stylesheet ' + file + ' did not load'));
    }));
    document.head.append(link);
  }
  return Promise.all([import(/* @vite-ignore */ ${fileUrl}), ...sheets]).then(([module]) => module);
}
export default function loadLazyChunk() {
  loading ??= load().catch((error) => {
    loading = undefined; // a later call tries again
    throw error;
  });
  return loading;
}
`;
}

/** @returns {import('vite').Plugin} */
export function lazyChunk() {
  let build = false;
  /** Per build environment: reference id of each emitted chunk -> the token its loader carries. */
  const emittedBy = new Map();
  const emitted = (environment) => {
    const name = environment?.name ?? '';
    if (!emittedBy.has(name)) emittedBy.set(name, new Map());
    return emittedBy.get(name);
  };
  return {
    name: 'blast:lazy-chunk',
    enforce: 'pre',
    configResolved(config) {
      build = config.command === 'build';
    },
    buildStart() {
      emitted(this.environment).clear();
    },
    async resolveId(source, importer) {
      if (!source.startsWith(PREFIX)) return null;
      const resolved = await this.resolve(source.slice(PREFIX.length), importer, { skipSelf: true });
      if (!resolved) this.error(`lazy-chunk: cannot resolve ${source.slice(PREFIX.length)} from ${importer}`);
      return VIRTUAL + resolved.id;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      const target = id.slice(VIRTUAL.length);
      const client = this.environment?.config.consumer !== 'server';
      if (!client) return `export default () => Promise.reject(new Error('lazy-chunk: ${posix.basename(target)} loads in the browser only'));`;
      if (!build) return `export default () => import(${JSON.stringify(target)});`;
      const ref = this.emitFile({ type: 'chunk', id: target });
      const token = `${TOKEN}${ref}__`;
      emitted(this.environment).set(ref, token);
      return loaderCode(`import.meta.ROLLUP_FILE_URL_${ref}`, token);
    },
    generateBundle(_options, bundle) {
      for (const [ref, token] of emitted(this.environment)) {
        const entry = this.getFileName(ref);
        // The chunk's static imports (depth first, as Vite orders preloads) and every stylesheet they carry.
        const scripts = [];
        const sheets = [];
        const seen = new Set();
        const visit = (fileName) => {
          if (seen.has(fileName)) return;
          seen.add(fileName);
          const chunk = bundle[fileName];
          if (!chunk || chunk.type !== 'chunk') return;
          for (const imported of chunk.imports) visit(imported);
          if (fileName !== entry) scripts.push(fileName);
          for (const css of chunk.viteMetadata?.importedCss ?? []) if (!sheets.includes(css)) sheets.push(css);
        };
        visit(entry);
        // Astro deletes stylesheets that no page links and no chunk lists as an asset: list them.
        const entryChunk = bundle[entry];
        for (const css of sheets) entryChunk.viteMetadata?.importedAssets.add(css);
        const pattern = new RegExp(`(["'\`])${token}\\1`, 'g');
        let found = 0;
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk' || !chunk.code.includes(token)) continue;
          const dir = posix.dirname(chunk.fileName);
          const deps = [...sheets, ...scripts].map((file) => posix.relative(dir, file));
          chunk.code = chunk.code.replace(pattern, () => (found++, JSON.stringify(deps)));
        }
        if (!found) this.error(`lazy-chunk: the loader of ${entry} lost its dependency list in minification`);
      }
    },
  };
}
