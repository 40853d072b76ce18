// Checks for secrets: nothing that grants access is ever logged, every request still is, and the
// admin token is compared in constant time. The constant-time check watches crypto.timingSafeEqual
// (a spy on node:crypto, removed afterwards) while the admin endpoint is called.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import { ADMIN_TOKEN, DEVICE_SECRET, login, withApp } from './helpers.js';
import { CUSTOMERS } from '../lib/data.js';

const [ANA] = CUSTOMERS;

test('passwords, tokens, cookies and Authorization headers never reach the logs', async () => {
  await withApp(async ({ logger, call }) => {
    const wrong = 'Tr0ub4dor&3-guess';
    await login(call, { email: ANA.email, password: wrong });
    const ok = await login(call, { email: ANA.email, password: ANA.password, ip: '198.51.100.8' });
    const cookie = String(ok.headers['set-cookie'] ?? '').split(';')[0];
    await login(call, { email: ANA.email, password: ANA.password, ip: '198.51.100.8', cookie: cookie || 'device=none' });
    await call({ method: 'POST', path: '/admin/reindex', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    await call({ method: 'POST', path: '/admin/reindex', headers: { authorization: 'Bearer adm_guessed-token-1234' } });
    await call({ path: '/', headers: { cookie: 'session=sess_8f2KqzP01xYt' } });
    const text = logger.text();
    const secrets = [
      ['a correct password', ANA.password],
      ['a wrong password', wrong],
      ['the admin token', ADMIN_TOKEN],
      ['a guessed admin token', 'adm_guessed-token-1234'],
      ['a session cookie', 'sess_8f2KqzP01xYt'],
      ['the device cookie', cookie.split('=')[1]],
      ['the device secret', DEVICE_SECRET],
      ['a password hash', 'scrypt$'],
    ].filter(([, s]) => s);
    const leaked = secrets.filter(([, s]) => text.includes(s)).map(([what]) => what);
    assert.deepEqual(leaked, [], `the logs contain ${leaked.join(', ')}. Redact by field name in the logger (password, token, authorization, cookie, secret ...) and log fields, not whole requests; ${logger.lines.length} lines were written`);
  });
});

test('every request is still logged with its method, path and status', async () => {
  await withApp(async ({ logger, call }) => {
    await call({ path: '/users/search?email=ana%40ledgerly.test' });
    await call({ path: '/nowhere' });
    await call({ method: 'POST', path: '/admin/reindex', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const want = [
      ['GET', '/users/search', 200],
      ['GET', '/nowhere', 404],
      ['POST', '/admin/reindex', 204],
    ];
    for (const [method, path, status] of want) {
      const found = logger.lines.some((l) => l.method === method && (l.path === path || String(l.url ?? '').split('?')[0] === path) && Number(l.status) === status);
      assert.ok(found, `no log line has method ${method}, path ${path} and status ${status}; log one line per request when it finishes (res.on('finish')), with method, path, status and ip. Lines written: ${JSON.stringify(logger.lines.slice(-4))}`);
    }
  });
});

/** Calls fn while spying on crypto.timingSafeEqual; returns the byte lengths of each call's inputs. */
async function watchTimingSafeEqual(fn) {
  const original = crypto.timingSafeEqual;
  const calls = [];
  crypto.timingSafeEqual = (a, b) => {
    calls.push([a?.length, b?.length]);
    return original(a, b);
  };
  syncBuiltinESMExports();
  try {
    await fn();
  } finally {
    crypto.timingSafeEqual = original;
    syncBuiltinESMExports();
  }
  return calls;
}

test('the admin token is compared with crypto.timingSafeEqual on equal-length digests', async () => {
  await withApp(async ({ call }) => {
    const presented = ['x', ADMIN_TOKEN.slice(0, 10), `${ADMIN_TOKEN.slice(0, -1)}X`, `${ADMIN_TOKEN}0`, 'y'.repeat(200), ADMIN_TOKEN];
    const seen = [];
    for (const token of presented) {
      const calls = await watchTimingSafeEqual(() => call({ method: 'POST', path: '/admin/reindex', headers: { authorization: `Bearer ${token}` } }));
      seen.push({ length: token.length, calls });
    }
    const without = seen.filter((s) => s.calls.length === 0).map((s) => s.length);
    assert.deepEqual(without, [], `for presented tokens of length ${without.join(', ')}, crypto.timingSafeEqual was never called: compare with it every time (an early return on a wrong length leaks the length, and === leaks the matching prefix)`);
    const lengths = new Set(seen.flatMap((s) => s.calls.flat()));
    assert.equal(lengths.size, 1, `timingSafeEqual compared buffers of ${[...lengths].join(', ')} bytes for presented tokens of ${presented.map((t) => t.length).join(', ')} characters; the compared length must not depend on the presented token: hash both sides first (SHA-256 digests are always 32 bytes)`);
  });
});

test('the admin token check accepts the right token and rejects wrong, shorter, longer and missing ones', async () => {
  await withApp(async ({ call }) => {
    const right = await call({ method: 'POST', path: '/admin/reindex', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    assert.equal(right.status, 204, `the right admin token should get 204, got ${right.status} ${right.text}`);
    const wrongs = [
      ['no Authorization header', {}],
      ['an empty bearer token', { authorization: 'Bearer ' }],
      ['a prefix of the token', { authorization: `Bearer ${ADMIN_TOKEN.slice(0, 12)}` }],
      ['the token plus one character', { authorization: `Bearer ${ADMIN_TOKEN}x` }],
      ['one character changed', { authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}h` }],
      ['the token under another scheme', { authorization: `Basic ${ADMIN_TOKEN}` }],
    ];
    for (const [what, headers] of wrongs) {
      const res = await call({ method: 'POST', path: '/admin/reindex', headers });
      assert.equal(res.status, 401, `${what} should get 401, got ${res.status} ${res.text}`);
    }
  });
});
