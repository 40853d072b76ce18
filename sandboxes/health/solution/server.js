// Parcelry's tracking service: the tracking API (lib/app.js) wrapped in the probes Kubernetes asks
// about and a shutdown that lets a deploy go by without a single failed request.
//
// Support files (read-only): lib/clock.js (time), lib/database.js (the shared database),
// lib/app.js (the tracking API), lib/process.js (a stand-in process for checks and demos),
// lib/client.js (HTTP helpers for checks and demos).
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { systemClock } from './lib/clock.js';
import { fakeDatabase } from './lib/database.js';
import { createParcelApp } from './lib/app.js';

export const DEFAULTS = {
  drainDelayMs: 5_000, // after SIGTERM, keep serving while the proxies stop routing here
  shutdownTimeoutMs: 20_000, // then give in-flight requests this long (5 + 20 s fit in the 30 s grace period)
  dbCheckIntervalMs: 2_000, // how often readiness re-checks the database, in the background
};

/**
 * options:
 *   clock     time (fakeClock() in checks, real time by default)
 *   db        the database this service cannot serve without
 *   app       the tracking API (createParcelApp)
 *   signals   where SIGTERM arrives (process in real life, an EventEmitter in checks)
 *   exit      how the process ends (process.exit in real life, a recorder in checks)
 *   drainDelayMs, shutdownTimeoutMs, dbCheckIntervalMs: see DEFAULTS
 * returns { server, listen(port, host) -> Promise<port>, shutdown(signal) -> Promise<exit code> }
 */
export function createService({
  clock = systemClock(),
  db = fakeDatabase(),
  app = createParcelApp({ clock, db }),
  signals = process,
  exit = (code) => process.exit(code),
  drainDelayMs = DEFAULTS.drainDelayMs,
  shutdownTimeoutMs = DEFAULTS.shutdownTimeoutMs,
  dbCheckIntervalMs = DEFAULTS.dbCheckIntervalMs,
} = {}) {
  let draining = false; // from SIGTERM on
  let closing = false; // from the moment the server stops accepting
  let dbUsable = false; // refreshed in the background, read by /readyz
  let dbTimer = null;
  let inFlight = 0;
  let whenIdle = null; // called when the last in-flight request is done
  let stopping = null; // the one shutdown, once started

  const server = http.createServer((req, res) => {
    // While draining, every answer tells a keep-alive client to open its next connection elsewhere.
    if (draining) res.setHeader('connection', 'close');
    const path = req.url.split('?')[0];
    if (path === '/livez') return reply(res, 200, { status: 'alive' }); // the process answered: alive
    if (path === '/readyz') {
      const reason = notReadyBecause();
      return reply(res, reason ? 503 : 200, reason ? { status: 'not ready', reason } : { status: 'ready' });
    }
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (closing) server.closeIdleConnections(); // a connection that just finished its request
      if (inFlight === 0) whenIdle?.();
    });
    app.handle(req, res);
  });

  function notReadyBecause() {
    if (draining) return 'shutting down';
    if (!app.warmed) return 'warming up';
    if (!dbUsable) return 'database unreachable';
    return null;
  }

  async function checkDatabase() {
    try {
      await db.ping();
      dbUsable = true;
    } catch {
      dbUsable = false;
    }
  }

  async function listen(port = 0, host = '127.0.0.1') {
    // Listen first: while warming up, probes get a 503 rather than "connection refused".
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    checkDatabase();
    dbTimer = clock.setInterval(checkDatabase, dbCheckIntervalMs);
    app.warm();
    return server.address().port;
  }

  function shutdown(signal = 'SIGTERM') {
    stopping ??= drain(signal);
    return stopping;
  }

  async function drain() {
    draining = true; // /readyz answers 503 from now on
    clock.clearInterval(dbTimer);
    await clock.sleep(drainDelayMs); // requests routed here meanwhile are still served
    closing = true;
    server.close(); // stop accepting; closes the idle keep-alive connections
    server.closeIdleConnections(); // (Node 18 and older do not do it in close())
    let code = 0;
    if (inFlight > 0) {
      let timer;
      const finished = new Promise((resolve) => (whenIdle = () => resolve('finished')));
      const outOfTime = new Promise((resolve) => (timer = clock.setTimeout(() => resolve('deadline'), shutdownTimeoutMs)));
      const outcome = await Promise.race([finished, outOfTime]);
      clock.clearTimeout(timer);
      if (outcome === 'deadline') {
        server.closeAllConnections(); // out of time: cut what is left
        code = 1; // and say so in the pod's last state
      }
    }
    exit(code);
    return code;
  }

  signals.on('SIGTERM', () => shutdown('SIGTERM'));
  signals.on('SIGINT', () => shutdown('SIGINT'));

  return { server, listen, shutdown };
}

function reply(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

// `node server.js` serves on PORT (default 3000) in real time; stop it with Ctrl+C or kill -TERM <pid>.
//   curl -i localhost:3000/readyz   curl localhost:3000/track/PX-1   curl localhost:3000/export?ms=8000
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const service = createService();
  const port = await service.listen(Number(process.env.PORT ?? 3000));
  console.log(`parcelry on http://localhost:${port} (probes: /livez, /readyz)`);
}
