// Starts a real PostgreSQL 18 in this process (PGlite, compiled to WebAssembly).
// A fresh PGlite first runs initdb, seconds of CPU. The local runner keeps one freshly initialised,
// empty cluster and names it in BLAST_PGLITE_CLUSTER (read-only); starting from it skips initdb.
// Without it (plain `node` in your own folder) PostgreSQL initialises itself: same empty database, slower.
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';

export function startPostgres() {
  const cluster = process.env.BLAST_PGLITE_CLUSTER;
  if (!cluster) return PGlite.create();
  let tarball;
  try {
    tarball = readFileSync(cluster);
  } catch {
    return PGlite.create();
  }
  return PGlite.create({ loadDataDir: new Blob([tarball]) });
}
