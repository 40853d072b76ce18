// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import node from '@astrojs/node';

import { securityHeaders } from './scripts/headers.mjs';
import { lazyChunk } from './scripts/vite-lazy-chunk.mjs';
import { monacoFeatures } from './scripts/vite-monaco-features.mjs';
import { ownZodForProgress } from './scripts/vite-own-zod.mjs';
import { satteri } from '@astrojs/markdown-satteri';
import { lessonSections } from './scripts/lesson-sections.mjs';

export default defineConfig({
  site: 'http://localhost:4321',
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  integrations: [mdx(), react()],
  server: { host: '127.0.0.1', port: 4321, headers: securityHeaders },
  devToolbar: { enabled: false },
  // Inside the project, not node_modules/.astro: checkouts that share one node_modules (git worktrees)
  // must not share one content store.
  cacheDir: './.astro/cache',
  markdown: {
    // Mermaid sources are rendered in the browser (src/components/lesson/mermaid.ts), not highlighted.
    syntaxHighlight: { type: 'shiki', excludeLangs: ['mermaid'] },
    shikiConfig: { themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } },
    // Each h2 section of a lesson in its own box, so a phone lays out only the part on screen. Astro's
    // default processor, with one hast plugin (@astrojs/markdown-satteri comes with astro).
    processor: satteri({ hastPlugins: [lessonSections] }),
  },
  vite: {
    // The sandbox workbench (monaco, xterm and their CSS) loads when the panel opens, not with the lesson,
    // with the editor features monaco.ts picks; the progress store on every page has its own small zod.
    plugins: [lazyChunk(), monacoFeatures(), ownZodForProgress()],
    // Every worker is started with { type: 'module' }: ES workers can split chunks, so the simulation
    // worker loads the built-in scenarios only when a drill needs them (src/console/scenario-catalogue.ts).
    worker: { format: 'es' },
    server: { headers: securityHeaders },
    preview: { headers: securityHeaders },
  },
});
