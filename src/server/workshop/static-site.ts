/**
 * Serves the built site's files (dist/client) read-only, so players on other laptops can open the
 * players' page from the facilitator's machine. Files only: no server routes, so no local runner.
 * Compressed copies go out the way `npm start` sends them (scripts/precompressed.mjs): a player on
 * a classroom's shared Wi-Fi downloads the page and the console's scripts about four times smaller.
 */
import { createReadStream, statSync } from 'node:fs';
import type http from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { COMPRESSIBLE, servePrecompressed } from '../../../scripts/precompressed.mjs';

const TYPES: Record<string, string> = {
  ...COMPRESSIBLE,
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export function staticSite(root: string, headers: Record<string, string>) {
  const base = normalize(root + sep);
  const file = (path: string): string | null => {
    try {
      const st = statSync(path);
      if (st.isFile()) return path;
      if (st.isDirectory() && statSync(join(path, 'index.html')).isFile()) return join(path, 'index.html');
    } catch {
      /* not there */
    }
    return null;
  };
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD' }).end();
    if (servePrecompressed(root, req, res)) return;
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://relay').pathname);
    } catch {
      return void res.writeHead(400).end('bad path');
    }
    const target = normalize(join(base, pathname));
    if (!target.startsWith(base) && target + sep !== base) return void res.writeHead(404).end('not found');
    const found = file(target);
    if (!found) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found. The workshop pages are /workshop/ (facilitator) and /workshop/play/ (players).\n');
    const type = TYPES[extname(found)];
    // A cache between here and a player must not hand this raw copy to a browser that asked for gzip, or the other way round.
    if (extname(found) in COMPRESSIBLE) res.setHeader('vary', 'Accept-Encoding');
    res.writeHead(200, { 'content-type': type ?? 'application/octet-stream' });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(found).pipe(res);
  };
}
