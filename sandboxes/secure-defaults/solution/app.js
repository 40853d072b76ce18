// Ledgerly's web app. Routes:
//   GET  /                           the app's page (HTML)
//   GET  /users/search?email=...     find a user by email: [{ id, name }]
//   GET  /reports/invoices?customer=...&sort=date|total   a customer's invoices
//   POST /login      { email, password }   -> 200 { id, name } and a known-device cookie, 401, or 429
//   POST /admin/reindex   Authorization: Bearer <admin token>   -> 204 or 401
//
// createApp({ db, logger, clock, config }) returns a node:http server (not listening yet).
//   db       lib/sql.js: db.connect('owner' | 'app' | 'reporting')
//   logger   lib/logger.js
//   clock    { now() } in ms, for login throttling
//   config   { adminToken, deviceSecret }
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { clientIp, parseCookies, readBody, send } from './lib/http.js';
import { DUMMY_HASH, verifyPassword } from './lib/passwords.js';
import { deviceTokenUser, issueDeviceToken } from './lib/devices.js';
import { systemClock } from './lib/clock.js';
import { createLoginThrottle, safeLogger, sameSecret, securityHeaders } from './security.js';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const SORTS = { date: 'issued', total: 'total' }; // identifiers cannot be parameters: allowlist them

function problem(res, status, title, extra = {}) {
  send(res, status, { 'content-type': 'application/problem+json', ...extra }, JSON.stringify({ type: 'about:blank', title, status }));
}

function page(nonce) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ledgerly</title>
<script nonce="${nonce}">window.LEDGERLY = { release: '2026.03' };</script>
<script nonce="${nonce}" src="/static/app.js"></script>
</head>
<body><h1>Ledgerly</h1><p>Invoices for small businesses.</p></body>
</html>`;
}

export function createApp({ db, logger, clock = systemClock(), config } = {}) {
  if (!config?.adminToken || !config?.deviceSecret) throw new TypeError('createApp needs config { adminToken, deviceSecret }');
  const appDb = db.connect('app'); // reads and writes rows, owns nothing
  const reportsDb = db.connect('reporting'); // read-only, invoices only
  const log = safeLogger(logger);
  const throttle = createLoginThrottle({ clock });

  async function login(req, res) {
    let body;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return problem(res, 400, 'Send JSON: { "email": ..., "password": ... }');
    }
    const email = String(body?.email ?? '').trim().toLowerCase();
    const password = String(body?.password ?? '');
    const ip = clientIp(req);
    const device = deviceTokenUser(config.deviceSecret, parseCookies(req.headers.cookie).device);
    const [user] = appDb.query('SELECT id, name, password_hash FROM users WHERE email = $1', [email]).rows;
    const verdict = throttle.check({ ip, account: email, knownDevice: user !== undefined && device === user.id });
    if (!verdict.allowed) {
      log.warn({ ip, account: email, reason: verdict.reason }, 'login throttled');
      return problem(res, 429, 'Too many attempts: try again later', { 'retry-after': String(Math.ceil(verdict.retryAfterMs / 1000)) });
    }
    // An unknown email costs the same hash as a wrong password and gets the same answer.
    const ok = verifyPassword(user?.password_hash ?? DUMMY_HASH, password) && user !== undefined;
    if (!ok) {
      throttle.failure({ ip, account: email });
      log.warn({ ip, account: email }, 'login failed');
      return problem(res, 401, 'Wrong email or password');
    }
    throttle.success({ ip, account: email });
    const cookie = `device=${issueDeviceToken(config.deviceSecret, user.id)}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=31536000`;
    send(res, 200, { ...JSON_TYPE, 'set-cookie': cookie }, JSON.stringify({ id: user.id, name: user.name }));
  }

  async function route(req, res, nonce, url) {
    if (req.method === 'GET' && url.pathname === '/') {
      return send(res, 200, { 'content-type': 'text/html; charset=utf-8' }, page(nonce));
    }
    if (req.method === 'GET' && url.pathname === '/users/search') {
      const { rows } = appDb.query('SELECT id, name FROM users WHERE email = $1', [url.searchParams.get('email') ?? '']);
      return send(res, 200, JSON_TYPE, JSON.stringify(rows));
    }
    if (req.method === 'GET' && url.pathname === '/reports/invoices') {
      const column = SORTS[url.searchParams.get('sort') ?? 'date'];
      if (!column) return problem(res, 400, 'sort must be date or total');
      const { rows } = reportsDb.query(`SELECT id, customer, total, issued FROM invoices WHERE customer = $1 ORDER BY ${column} DESC`, [url.searchParams.get('customer') ?? '']);
      return send(res, 200, JSON_TYPE, JSON.stringify(rows));
    }
    if (req.method === 'POST' && url.pathname === '/login') return login(req, res);
    if (req.method === 'POST' && url.pathname === '/admin/reindex') {
      const [scheme, token] = String(req.headers.authorization ?? '').split(' ');
      if (!sameSecret(scheme === 'Bearer' ? token : '', config.adminToken)) return problem(res, 401, 'Unauthorized', { 'www-authenticate': 'Bearer' });
      return send(res, 204, {});
    }
    return problem(res, 404, 'Not found');
  }

  return http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://ledgerly.local');
    const nonce = securityHeaders(res); // first, so every response has them: errors and 404s too
    res.on('finish', () => log.info({ method: req.method, path: url.pathname, status: res.statusCode, ip: clientIp(req), headers: req.headers }, 'request'));
    try {
      await route(req, res, nonce, url);
    } catch (err) {
      log.error({ error: err.message }, 'request failed');
      if (!res.headersSent) problem(res, 500, 'Internal error');
      else res.end();
    }
  });
}

// `node app.js` serves on PORT (default 3000) with the sandbox's data, for trying it with curl.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { ledgerlyDatabase } = await import('./lib/data.js');
  const { createLogger } = await import('./lib/logger.js');
  const port = Number(process.env.PORT ?? 3000);
  const app = createApp({ db: ledgerlyDatabase(), logger: createLogger({ echo: true }), config: { adminToken: 'dev-admin-token', deviceSecret: 'dev-device-secret' } });
  app.listen(port, () => console.log(`Ledgerly on http://localhost:${port}/`));
}
