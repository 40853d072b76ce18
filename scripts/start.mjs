#!/usr/bin/env node
// `npm start`: build the site when the build is missing or older than its sources, then serve it
// (static pages, Pagefind index and the on-demand routes of the local runner) on the loopback
// interface only: the local runner executes code, so it must never be reachable from the network.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'dist/server/entry.mjs');
const stamp = join(root, 'dist/.build-stamp');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`Blast Radius needs Node 22.12 or later; this is ${process.version}. See README.md, "Prerequisites".`);
  process.exit(1);
}

// Anything the build reads: a change to any of these makes `npm start` rebuild.
const SOURCES = ['src', 'lessons', 'sandboxes', 'public', 'scripts/headers.mjs', 'astro.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json'];
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

const built = existsSync(entry) && existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const sources = Math.max(...SOURCES.map((s) => newestMtime(join(root, s))));
if (process.env.BLAST_SKIP_BUILD !== '1' && sources > built) {
  console.log(built ? 'Sources changed since the last build: rebuilding...' : 'No build yet: building the site...');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('The build failed (see above); nothing was started.');
    process.exit(r.status ?? 1);
  }
  writeFileSync(stamp, new Date().toISOString());
}

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = await import(pathToFileURL(entry).href);
const { securityHeaders } = await import(pathToFileURL(join(root, 'scripts/headers.mjs')).href);

const port = Number(process.env.PORT ?? 4321);
const host = '127.0.0.1';
const server = http.createServer((req, res) => {
  for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
  handler(req, res);
});
server.on('error', (err) => {
  if (err.code === 'EADDRINUSE') console.error(`Port ${port} is already in use. Stop the other server or run PORT=4322 npm start.`);
  else console.error(err);
  process.exit(1);
});
server.listen(port, host, () => {
  console.log(`Blast Radius is running at http://localhost:${port} (listening on ${host} only). Ctrl+C stops it.`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
