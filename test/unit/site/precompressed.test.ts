import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest, listenOnLoopback } from '../http-request';
import { precompress, servePrecompressed } from '../../../scripts/precompressed.mjs';

const dir = mkdtempSync(join(tmpdir(), 'precompressed-'));
const page = '<!doctype html><title>t</title>' + '<p>production engineering, learned by breaking things</p>'.repeat(200);
const script = 'export const x = ' + JSON.stringify('abc'.repeat(2000)) + ';';
let server: http.Server;
let base = '';

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => httpRequest(`${base}${path}`, headers, method);

beforeAll(async () => {
  mkdirSync(join(dir, 'lessons/idempotency'), { recursive: true });
  mkdirSync(join(dir, '_astro'));
  writeFileSync(join(dir, 'lessons/idempotency/index.html'), page);
  writeFileSync(join(dir, '_astro/app.abc123.js'), script);
  writeFileSync(join(dir, '_astro/tiny.js'), 'let a=1;');
  server = http.createServer((req, res) => {
    if (!servePrecompressed(dir, req, res)) {
      res.statusCode = 299; // stands for "passed on to Astro"
      res.end('fallthrough');
    }
  });
  base = await listenOnLoopback(server);
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('precompressed static files', () => {
  it('writes a .gz beside each compressible file that is worth it, and it unpacks to the same bytes', async () => {
    const result = await precompress(dir);
    expect(result.count).toBe(2);
    expect(result.after).toBeLessThan(result.before / 4);
    expect(gunzipSync(readFileSync(join(dir, 'lessons/idempotency/index.html.gz'))).toString()).toBe(page);
    expect(existsSync(join(dir, '_astro/tiny.js.gz'))).toBe(false); // under 1 KB: not worth a copy
  });

  it('serves the .gz copy, typed and marked, to a browser that accepts gzip', async () => {
    const r = await get('/lessons/idempotency/', { 'accept-encoding': 'gzip, deflate, br' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['vary']).toBe('Accept-Encoding');
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
    expect(gunzipSync(r.body).toString()).toBe(page);
    const js = await get('/_astro/app.abc123.js', { 'accept-encoding': 'gzip' });
    expect(js.headers['cache-control']).toMatch(/immutable/);
    expect(gunzipSync(js.body).toString()).toBe(script);
    const head = await get('/_astro/app.abc123.js', { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.body.length).toBe(0);
  });

  it('passes on what it should not answer: no gzip, no copy, other methods, paths outside the site', async () => {
    expect((await get('/lessons/idempotency/')).status).toBe(299);
    expect((await get('/_astro/tiny.js', { 'accept-encoding': 'gzip' })).status).toBe(299);
    expect((await get('/api/runner/session', { 'accept-encoding': 'gzip' })).status).toBe(299);
    expect((await get('/lessons/idempotency/', { 'accept-encoding': 'gzip' }, 'POST')).status).toBe(299);
    expect((await get('/%2e%2e/%2e%2e/etc/passwd', { 'accept-encoding': 'gzip' })).status).toBe(299);
    expect((await get('/%E0%A4%A', { 'accept-encoding': 'gzip' })).status).toBe(299);
  });
});
