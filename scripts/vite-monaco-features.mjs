// monaco-editor 0.5x's ESM build hoists editor.main's feature imports (every editor contribution, inline
// completions included) into `internal/common/workers.js`, which the TypeScript and JSON modes import to
// start their workers. Whatever features an app picks, loading a language mode would pull them all back
// in (~90 KB gzip more here). This drops those side-effect-only imports from that one module, so the
// features are the ones src/components/sandbox/monaco.ts imports. The module's own code is untouched.

const WORKERS = /[\\/]monaco-editor[\\/]esm[\\/]vs[\\/]internal[\\/]common[\\/]workers\.js$/;

/** @returns {import('vite').Plugin} */
export function monacoFeatures() {
  return {
    name: 'blast:monaco-features',
    enforce: 'pre',
    transform(code, id) {
      if (!WORKERS.test(id.split('?')[0])) return null;
      return { code: code.replace(/^import '[^']+';\r?\n/gm, ''), map: null };
    },
  };
}
