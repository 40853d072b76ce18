#!/usr/bin/env node
// `npm start`: build the site when the build is missing or older than its sources, then serve it
// (static pages, Pagefind index and the on-demand routes of the local runner) on the loopback
// interface only: the local runner executes code, so it must never be reachable from the network.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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
const SOURCES = ['src', 'lessons', 'sandboxes', 'public', 'scripts', 'astro.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json'];
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

// The local runner's token: made here, printed only in the link below, handed to the server
// through the environment (runs never see this environment). New at every start.
const token = process.env.BLAST_RUNNER_TOKEN || randomBytes(32).toString('base64url');
// Refused here, before anything is printed, rather than as an error on every request later.
const { RUNNER_TOKEN_PATTERN, RUNNER_TOKEN_RULE } = await import(pathToFileURL(join(root, 'scripts/runner-token.mjs')).href);
if (!RUNNER_TOKEN_PATTERN.test(token)) {
  console.error(`BLAST_RUNNER_TOKEN must be ${RUNNER_TOKEN_RULE}. Unset it and npm start makes a fresh one.`);
  process.exit(2);
}
process.env.BLAST_RUNNER_TOKEN = token;
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = await import(pathToFileURL(entry).href);
const { securityHeaders } = await import(pathToFileURL(join(root, 'scripts/headers.mjs')).href);
const { servePrecompressed } = await import(pathToFileURL(join(root, 'scripts/precompressed.mjs')).href);
const clientDir = join(root, 'dist/client');

const port = Number(process.env.PORT ?? 4321);
const host = '127.0.0.1';
const server = http.createServer((req, res) => {
  for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
  if (!servePrecompressed(clientDir, req, res)) handler(req, res);
});
server.on('error', (err) => {
  if (err.code === 'EADDRINUSE') console.error(`Port ${port} is already in use. Stop the other server or run PORT=4322 npm start.`);
  else console.error(err);
  process.exit(1);
});
function openInBrowser(url) {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => console.log('Could not open a browser; open the link above yourself.'));
  child.unref();
}

server.listen(port, host, () => {
  const link = `http://localhost:${port}/#runner=${token}`;
  console.log(`Blast Radius is running at http://localhost:${port} (listening on ${host} only). Ctrl+C stops it.`);
  console.log('');
  console.log(`  Open this link to read the course and run sandboxes on this machine:`);
  console.log(`  ${link}`);
  console.log('');
  console.log('  The link carries a key that lets that browser run code here; it changes at every start.');
  console.log('  Without it, lessons read normally and sandboxes can use WebContainer instead.');
  if (process.argv.includes('--open')) openInBrowser(link);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
