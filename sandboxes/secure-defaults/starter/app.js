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
//
// Right now it works, and it is the app from the lesson's incident: no security headers, queries
// built by pasting strings, one all-powerful database role, whole requests in the logs (passwords
// included), === for the admin token, no login throttling, and error messages that say which
// emails have accounts. Run node scripts/header-audit.js and node scripts/brute-force.js.
// Your job is the TODOs here and in security.js.
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { clientIp, parseCookies, readBody, send } from './lib/http.js';
import { DUMMY_HASH, verifyPassword } from './lib/passwords.js';
import { deviceTokenUser, issueDeviceToken } from './lib/devices.js';
import { systemClock } from './lib/clock.js';
import { createLoginThrottle, safeLogger, sameSecret, securityHeaders } from './security.js';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

function problem(res, status, title, extra = {}) {
  send(res, status, { 'content-type': 'application/problem+json', ...extra }, JSON.stringify({ type: 'about:blank', title, status }));
}

function page(nonce) {
  // TODO 1: every <script> tag of the page carries this response's nonce: <script nonce="...">.
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ledgerly</title>
<script>window.LEDGERLY = { release: '2026.03' };</script>
<script src="/static/app.js"></script>
</head>
<body><h1>Ledgerly</h1><p>Invoices for small businesses.</p></body>
</html>`;
}

export function createApp({ db, logger, clock = systemClock(), config } = {}) {
  if (!config?.adminToken || !config?.deviceSecret) throw new TypeError('createApp needs config { adminToken, deviceSecret }');
  // TODO 2: least privilege. The owner role can DROP tables; the app needs only the 'app' role
  //   (rows of users and invoices), and reports need only 'reporting' (read-only, invoices only).
  //   Use one connection of each, and never the owner.
  const conn = db.connect('owner');
  const log = logger; // TODO 3: log through safeLogger(logger), so every line is redacted.
  const throttle = createLoginThrottle({ clock });

  async function login(req, res) {
    const raw = await readBody(req);
    let body;
    try {
      body = JSON.parse(raw);
    } catch {
      return problem(res, 400, 'Send JSON: { "email": ..., "password": ... }');
    }
    log.info({ body }, 'login attempt'); // debug logging, left on
    const email = String(body?.email ?? '').trim().toLowerCase();
    const password = String(body?.password ?? '');
    const ip = clientIp(req);
    // TODO 4: parameterise this query ($1 and a parameter array) and every other one.
    const [user] = conn.query(`SELECT id, name, password_hash FROM users WHERE email = '${email}'`).rows;
    // TODO 5: throttle before checking the password: throttle.check({ ip, account: email, knownDevice }).
    //   knownDevice: the request's "device" cookie (parseCookies(req.headers.cookie).device) is a
    //   genuine token for this user: deviceTokenUser(config.deviceSecret, token) === user.id.
    //   Refused -> 429 with Retry-After (whole seconds, rounded up) and nothing evaluated.
    //   A wrong password -> throttle.failure(...); the right one -> throttle.success(...).
    // TODO 6: the same answer for an unknown email and a wrong password (401 "Wrong email or
    //   password"), and the same work: verify against DUMMY_HASH when there is no such user.
    if (!user) return problem(res, 401, 'No account with that email');
    if (!verifyPassword(user.password_hash, password)) return problem(res, 401, 'Wrong password');
    // TODO 7: on success, give this browser a known-device cookie: device=<issueDeviceToken(config.deviceSecret, user.id)>
    //   with Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=31536000.
    send(res, 200, JSON_TYPE, JSON.stringify({ id: user.id, name: user.name }));
  }

  async function route(req, res, nonce, url) {
    if (req.method === 'GET' && url.pathname === '/') {
      return send(res, 200, { 'content-type': 'text/html; charset=utf-8' }, page(nonce));
    }
    if (req.method === 'GET' && url.pathname === '/users/search') {
      const email = url.searchParams.get('email') ?? '';
      const { rows } = conn.query(`SELECT id, name FROM users WHERE email = '${email}'`);
      return send(res, 200, JSON_TYPE, JSON.stringify(rows));
    }
    if (req.method === 'GET' && url.pathname === '/reports/invoices') {
      // TODO 8: ORDER BY cannot take a parameter: map sort onto an allowlist
      //   ({ date: 'issued', total: 'total' }) and answer 400 for anything else.
      const sort = url.searchParams.get('sort') ?? 'issued';
      const customer = url.searchParams.get('customer') ?? '';
      const { rows } = conn.query(`SELECT id, customer, total, issued FROM invoices WHERE customer = '${customer}' ORDER BY ${sort === 'date' ? 'issued' : sort} DESC`);
      return send(res, 200, JSON_TYPE, JSON.stringify(rows));
    }
    if (req.method === 'POST' && url.pathname === '/login') return login(req, res);
    if (req.method === 'POST' && url.pathname === '/admin/reindex') {
      // TODO 9: compare the token with sameSecret() from security.js, never ===.
      const [scheme, token] = String(req.headers.authorization ?? '').split(' ');
      if (scheme !== 'Bearer' || token !== config.adminToken) return problem(res, 401, 'Unauthorized', { 'www-authenticate': 'Bearer' });
      return send(res, 204, {});
    }
    return problem(res, 404, 'Not found');
  }

  return http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://ledgerly.local');
    // TODO 10: securityHeaders(res) on EVERY response (404s and errors too), and pass its nonce to page().
    const nonce = '';
    // TODO 11: one line per request with method, path, status and ip, written when the response
    //   has been sent (res.on('finish', ...)), through the redacting logger.
    log.info({ method: req.method, url: req.url, headers: req.headers }, 'request');
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
