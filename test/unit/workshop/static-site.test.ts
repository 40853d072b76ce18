/**
 * The relay's static pages with a real server on a free port: the .gz copies the build writes go to
 * browsers that accept gzip (as `npm start` sends them), the raw files to the rest, nothing outside
 * the site to anyone.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest, listenOnLoopback } from '../http-request';
import { precompress } from '../../../scripts/precompressed.mjs';
import { staticSite } from '../../../src/server/workshop/static-site';

const parent = mkdtempSync(join(tmpdir(), 'relay-site-'));
const dir = join(parent, 'client');
const page = '<!doctype html><title>Join a workshop</title>' + '<p>the players follow the facilitator’s clock</p>'.repeat(200);
const script = 'export const console = ' + JSON.stringify('frames'.repeat(1000)) + ';';
let server: http.Server;
let base = '';

const request = (path: string, headers: Record<string, string> = {}, method = 'GET') => httpRequest(`${base}${path}`, headers, method);

beforeAll(async () => {
  mkdirSync(join(dir, 'workshop/play'), { recursive: true });
  mkdirSync(join(dir, '_astro'));
  writeFileSync(join(dir, 'workshop/play/index.html'), page);
  writeFileSync(join(dir, '_astro/PlayerApp.abc123.js'), script);
  writeFileSync(join(dir, '_astro/tiny.js'), 'let a=1;');
  writeFileSync(join(parent, 'secret.txt'), 'outside the site');
  expect((await precompress(dir)).count).toBe(2);
  server = http.createServer(staticSite(dir, { 'x-content-type-options': 'nosniff' }));
  base = await listenOnLoopback(server);
});
afterAll(() => {
  server.close();
  rmSync(parent, { recursive: true, force: true });
});

describe("the workshop relay's static pages", () => {
  it('sends the .gz copy, marked, with the security headers, to a browser that accepts gzip', async () => {
    const r = await request('/workshop/play/', { 'accept-encoding': 'gzip, deflate, br' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(r.headers['vary']).toBe('Accept-Encoding');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.body.length).toBeLessThan(page.length / 4);
    expect(gunzipSync(r.body).toString()).toBe(page);
    const js = await request('/_astro/PlayerApp.abc123.js', { 'accept-encoding': 'gzip' });
    expect(js.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(js.body).toString()).toBe(script);
  });

  it('sends the raw file to a browser that does not accept gzip, and for files without a copy', async () => {
    const r = await request('/workshop/play/');
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers['vary']).toBe('Accept-Encoding');
    expect(r.body.toString()).toBe(page);
    const identity = await request('/workshop/play/index.html', { 'accept-encoding': 'identity' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body.toString()).toBe(page);
    const tiny = await request('/_astro/tiny.js', { 'accept-encoding': 'gzip' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe('let a=1;');
  });

  it('answers HEAD with the headers and no body, compressed or not', async () => {
    const gz = await request('/workshop/play/', { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(gz.status).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(Number(gz.headers['content-length'])).toBeGreaterThan(0);
    expect(gz.body.length).toBe(0);
    const raw = await request('/workshop/play/', {}, 'HEAD');
    expect(raw.status).toBe(200);
    expect(raw.headers['content-encoding']).toBeUndefined();
    expect(raw.body.length).toBe(0);
  });

  it('refuses paths outside the site and other methods, with or without gzip', async () => {
    for (const headers of [{}, { 'accept-encoding': 'gzip' }] as Record<string, string>[]) {
      const escaped = await request('/%2e%2e/secret.txt', headers);
      expect(escaped.status).toBe(404);
      expect(escaped.body.toString()).not.toContain('outside the site');
      expect((await request('/../secret.txt', headers)).status).toBe(404);
      expect((await request('/workshop/play/', headers, 'POST')).status).toBe(405);
      expect((await request('/nowhere/', headers)).status).toBe(404);
    }
  });
});
