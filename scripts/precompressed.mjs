// Compressed static files. The built site is static text (HTML, JS, CSS, JSON): compressing each file
// once after the build and sending the .gz copy to browsers that accept gzip cuts what a phone
// downloads about four times, at no cost per request. Astro's Node adapter sends files as they are,
// so `npm start` answers from these copies first (servePrecompressed) and leaves the rest to Astro;
// the workshop relay's static pages (src/server/workshop/static-site.ts) do the same.
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** The types worth compressing, with the Content-Type each is served as. */
export const COMPRESSIBLE = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** Smaller files gain nothing worth a second copy. */
const MIN_BYTES = 1024;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

/**
 * Writes `<file>.gz` beside every compressible file of `dir` that compression makes at least 10%
 * smaller. Returns how many files were compressed and their bytes before and after.
 */
export async function precompress(dir) {
  const todo = [...files(dir)].filter((f) => extname(f) in COMPRESSIBLE && statSync(f).size >= MIN_BYTES);
  let count = 0;
  let before = 0;
  let after = 0;
  // A few at a time: the largest (the TypeScript worker) is megabytes.
  const queue = [...todo];
  const work = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const body = await readFile(file);
      const packed = await gzipAsync(body, { level: 9 });
      if (packed.length > body.length * 0.9) continue;
      await writeFile(`${file}.gz`, packed);
      count += 1;
      before += body.length;
      after += packed.length;
    }
  };
  await Promise.all([work(), work(), work(), work()]);
  return { count, before, after };
}

/**
 * Answers a GET or HEAD for a static file from its .gz copy when the browser accepts gzip; returns
 * false (and writes nothing) when the request is not one it can answer, so the caller passes it on.
 */
export function servePrecompressed(clientDir, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (!/\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''))) return false;
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    return false; // a malformed escape: Astro answers it
  }
  if (pathname.includes('\0')) return false;
  if (pathname.endsWith('/')) pathname += 'index.html';
  const root = resolve(clientDir);
  const file = resolve(root, `.${pathname}`);
  if (!file.startsWith(root + sep)) return false;
  const type = COMPRESSIBLE[extname(file)];
  if (!type) return false;
  let size;
  try {
    const stat = statSync(`${file}.gz`);
    if (!stat.isFile()) return false;
    size = stat.size;
  } catch {
    return false;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', size);
  res.setHeader('Vary', 'Accept-Encoding');
  // Hashed build assets never change under the same name (as Astro serves them).
  if (pathname.startsWith('/_astro/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  createReadStream(`${file}.gz`)
    .on('error', () => res.destroy())
    .pipe(res);
  return true;
}

// `node scripts/precompressed.mjs [dir]`: the last step of `npm run build`.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? fileURLToPath(new URL('../dist/client', import.meta.url));
  const t0 = performance.now();
  const { count, before, after } = await precompress(dir);
  const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
  console.log(`Compressed ${count} files: ${mb(before)} -> ${mb(after)} gzip (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
