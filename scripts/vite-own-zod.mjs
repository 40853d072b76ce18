// The progress store (src/progress) runs on every page and validates with zod/mini. When the same zod
// modules are also bundled for the workbench and the simulator (full zod), the bundler keeps one copy of
// zod's core that serves both, with everything the full zod uses in it: ~8 KB gzip more on every page than
// zod/mini needs. This gives the progress store its own copy of the zod modules it reaches (a query suffix
// makes them distinct modules), tree-shaken to what it uses. Pages that open the workbench load both
// copies; the progress store uses only its own (its schemas never meet the full zod's).

const SUFFIX = '?progress-zod';
const PROGRESS = /[\\/]src[\\/]progress[\\/]/;
const ZOD = /[\\/]node_modules[\\/]zod[\\/]/;

/** @returns {import('vite').Plugin} */
export function ownZodForProgress() {
  return {
    name: 'blast:own-zod-for-progress',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer) return null;
      const fromProgress = PROGRESS.test(importer.split('?')[0]) && /^zod(\/|$)/.test(source);
      const withinCopy = importer.endsWith(SUFFIX) && ZOD.test(importer);
      if (!fromProgress && !withinCopy) return null;
      const resolved = await this.resolve(source, importer.split('?')[0], { ...options, skipSelf: true });
      if (!resolved || resolved.external || !ZOD.test(resolved.id)) return resolved;
      return { ...resolved, id: resolved.id.split('?')[0] + SUFFIX };
    },
  };
}
