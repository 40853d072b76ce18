/**
 * `import load from 'lazy-chunk:./Part'` (scripts/vite-lazy-chunk.mjs): `load()` loads ./Part with its
 * stylesheets and resolves with its module once they apply. Cast it to `() => Promise<typeof import('./Part')>`
 * where it is used (a type-only import, so the part stays out of the importer's bundle).
 */
declare module 'lazy-chunk:*' {
  const load: () => Promise<unknown>;
  export default load;
}
