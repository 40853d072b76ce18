// Checks for the response headers: every response, whatever its status, carries a CSP that allows
// only the page's own scripts and no framing, HSTS for at least a year, nosniff and a
// Referrer-Policy. Each check starts the app on a loopback port and closes it afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withApp } from './helpers.js';

const REQUESTS = [
  ['GET / (the page)', { path: '/' }],
  ['GET /users/search (JSON)', { path: '/users/search?email=ana%40ledgerly.test' }],
  ['GET /nowhere (404)', { path: '/nowhere' }],
  ['POST /admin/reindex without a token (401)', { method: 'POST', path: '/admin/reindex' }],
  ['POST /login with a broken body (400)', { method: 'POST', path: '/login', body: '{not json' }],
  ['GET /reports/invoices?sort=bogus (an error)', { path: '/reports/invoices?customer=ana%40ledgerly.test&sort=bogus' }],
];

/** { directive: [sources] } from a Content-Security-Policy header. */
function directives(csp) {
  const out = {};
  for (const part of String(csp ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out[name.toLowerCase()] = sources;
  }
  return out;
}

test('every response carries the security headers: pages, JSON, errors and 404s', async () => {
  await withApp(async ({ call }) => {
    const missing = [];
    for (const [what, options] of REQUESTS) {
      const res = await call(options);
      for (const name of ['content-security-policy', 'strict-transport-security', 'x-content-type-options', 'referrer-policy']) {
        if (res.headers[name] === undefined) missing.push(`${what} -> ${res.status}: no ${name}`);
      }
    }
    assert.deepEqual(missing, [], `every response needs the four headers, whatever its status (set them before routing, not in each route):\n  ${missing.join('\n  ')}`);
  });
});

test('the CSP runs only the page\'s own scripts: a fresh nonce on every response, no unsafe-inline, no framing', async () => {
  await withApp(async ({ call }) => {
    const first = await call({ path: '/' });
    const second = await call({ path: '/' });
    const csp = directives(first.headers['content-security-policy']);
    const scripts = csp['script-src'] ?? csp['default-src'];
    assert.ok(scripts, `the CSP ${JSON.stringify(first.headers['content-security-policy'])} has neither script-src nor default-src: scripts from anywhere may run`);
    assert.ok(!scripts.includes("'unsafe-inline'"), `script-src is "${scripts.join(' ')}": 'unsafe-inline' lets injected inline scripts run, which is what XSS is; use a nonce`);
    assert.ok(!scripts.some((s) => s === '*' || s === 'http:' || s === 'https:' || s === 'data:'), `script-src "${scripts.join(' ')}" allows scripts from anywhere`);
    const nonces = scripts.filter((s) => /^'nonce-.+'$/.test(s)).map((s) => s.slice(7, -1));
    assert.equal(nonces.length, 1, `script-src should hold one 'nonce-...' source, got "${scripts.join(' ')}"`);
    const [nonce] = nonces;
    assert.ok(/^[A-Za-z0-9+/_=-]{22,}$/.test(nonce), `the nonce "${nonce}" is too short or not base64/hex: use at least 128 random bits (randomBytes(16))`);
    const tags = [...first.text.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    assert.ok(tags.length >= 2, `the page should still have its two scripts, found ${tags.length}`);
    for (const attrs of tags) {
      const m = /\bnonce="([^"]*)"/.exec(attrs);
      assert.equal(m?.[1], nonce, `the page's <script${attrs}> should carry nonce="${nonce}" from this response's CSP, or the browser will refuse to run it`);
    }
    const again = (directives(second.headers['content-security-policy'])['script-src'] ?? []).find((s) => s.startsWith("'nonce-"));
    assert.notEqual(again, `'nonce-${nonce}'`, 'two responses had the same nonce; a nonce must be new for every response, or an attacker who reads one can reuse it');
    const frames = csp['frame-ancestors'];
    assert.ok(frames && (frames.join(' ') === "'none'" || frames.join(' ') === "'self'"), `frame-ancestors should be 'none' (or 'self') to stop clickjacking, got ${frames ? `"${frames.join(' ')}"` : 'no frame-ancestors'}`);
    const objects = csp['object-src'] ?? csp['default-src'];
    assert.deepEqual(objects, ["'none'"], `object-src should be 'none' (plugins are an old script bypass), got ${objects ? `"${objects.join(' ')}"` : 'nothing'}`);
    const base = csp['base-uri'];
    assert.ok(base && ["'none'", "'self'"].includes(base.join(' ')), `base-uri should be 'none' (or 'self'), so an injected <base> cannot redirect the page's scripts; got ${base ? `"${base.join(' ')}"` : 'no base-uri'}`);
  });
});

test('HSTS lasts at least a year, nosniff is on, and the Referrer-Policy does not leak URLs', async () => {
  await withApp(async ({ call }) => {
    for (const options of [{ path: '/' }, { path: '/nowhere' }]) {
      const res = await call(options);
      const where = `${options.path} (${res.status})`;
      const hsts = String(res.headers['strict-transport-security'] ?? '');
      const maxAge = Number(/max-age=(\d+)/i.exec(hsts)?.[1]);
      assert.ok(maxAge >= 31_536_000, `${where}: Strict-Transport-Security is "${hsts}"; its max-age should be at least 31,536,000 s (a year)`);
      assert.equal(String(res.headers['x-content-type-options']).toLowerCase(), 'nosniff', `${where}: X-Content-Type-Options should be nosniff`);
      const referrer = String(res.headers['referrer-policy'] ?? '').toLowerCase();
      assert.ok(['strict-origin-when-cross-origin', 'no-referrer', 'same-origin', 'strict-origin'].includes(referrer), `${where}: Referrer-Policy "${referrer}" sends full URLs (ids, search terms, tokens) to other sites; use strict-origin-when-cross-origin or no-referrer`);
    }
  });
});
