// Starts your app (app.js) on a loopback port and audits the security headers of four responses:
// the page, a JSON answer, a 404 and a refused login. Prints PASS or FAIL for each header and what
// the response sent. Run it before and after your changes.
import { createApp } from '../app.js';
import { ledgerlyDatabase } from '../lib/data.js';
import { createLogger } from '../lib/logger.js';
import { fakeClock } from '../lib/clock.js';
import { close, listen, request } from '../lib/client.js';

const directives = (csp) => Object.fromEntries(String(csp ?? '').split(';').map((p) => p.trim().split(/\s+/)).filter(([n]) => n).map(([n, ...v]) => [n.toLowerCase(), v]));

const AUDITS = [
  ['CSP: script-src without unsafe-inline, with a nonce', (h) => {
    const d = directives(h['content-security-policy']);
    const s = d['script-src'] ?? d['default-src'];
    if (!h['content-security-policy']) return [false, 'no Content-Security-Policy'];
    if (!s) return [false, 'no script-src: any script may run'];
    if (s.includes("'unsafe-inline'")) return [false, `script-src ${s.join(' ')}`];
    return [s.some((x) => x.startsWith("'nonce-")), `script-src ${s.map((x) => (x.startsWith("'nonce-") ? "'nonce-...'" : x)).join(' ')}`];
  }],
  ['CSP: frame-ancestors none or self', (h) => {
    const f = directives(h['content-security-policy'])['frame-ancestors'];
    return [Boolean(f) && ["'none'", "'self'"].includes(f.join(' ')), f ? `frame-ancestors ${f.join(' ')}` : 'no frame-ancestors: any site may frame it'];
  }],
  ['CSP: object-src none', (h) => {
    const d = directives(h['content-security-policy']);
    const o = d['object-src'] ?? d['default-src'];
    return [o?.join(' ') === "'none'", o ? `object-src ${o.join(' ')}` : 'no object-src'];
  }],
  ['Strict-Transport-Security >= 1 year', (h) => {
    const v = h['strict-transport-security'];
    const age = Number(/max-age=(\d+)/i.exec(v ?? '')?.[1]);
    return [age >= 31_536_000, v ?? 'missing'];
  }],
  ['X-Content-Type-Options: nosniff', (h) => [String(h['x-content-type-options']).toLowerCase() === 'nosniff', h['x-content-type-options'] ?? 'missing']],
  ['Referrer-Policy that does not leak URLs', (h) => {
    const v = String(h['referrer-policy'] ?? '').toLowerCase();
    return [['strict-origin-when-cross-origin', 'no-referrer', 'same-origin', 'strict-origin'].includes(v), v || 'missing'];
  }],
];

const server = createApp({ db: ledgerlyDatabase(), logger: createLogger(), clock: fakeClock(), config: { adminToken: 'demo-admin-token', deviceSecret: 'demo-device-secret' } });
const port = await listen(server);
try {
  const responses = [
    ['GET /', await request(port, { path: '/' })],
    ['GET /users/search', await request(port, { path: '/users/search?email=ana%40ledgerly.test' })],
    ['GET /nowhere', await request(port, { path: '/nowhere' })],
    ['POST /admin/reindex', await request(port, { method: 'POST', path: '/admin/reindex' })],
  ];
  let passed = 0;
  let total = 0;
  for (const [name, res] of responses) {
    console.log(`${name} -> ${res.status}`);
    for (const [what, audit] of AUDITS) {
      const [ok, detail] = audit(res.headers);
      total += 1;
      if (ok) passed += 1;
      console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${what.padEnd(52)} ${String(detail).slice(0, 70)}`);
    }
  }
  const page = responses[0][1];
  const csp = page.headers['content-security-policy'] ?? '';
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  const tags = [...page.text.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
  const withNonce = tags.filter((attrs) => nonce && attrs.includes(`nonce="${nonce}"`)).length;
  console.log('');
  console.log(`The page's <script> tags carrying this response's nonce: ${withNonce} of ${tags.length}`);
  console.log(`Header audit: ${passed} of ${total} pass`);
} finally {
  await close(server);
}
