// Parcelry's tracking service: the tracking API (lib/app.js) wrapped in the probes Kubernetes asks
// about and in what happens on SIGTERM.
//
// Right now it is the service from the lesson's incident. /livez and /readyz both run a query
// against the shared database, so a database blip makes every pod fail its liveness probe and get
// restarted. It only starts listening once warm-up is over, so probes meanwhile get "connection
// refused". And on SIGTERM it exits at once, so every deploy drops the requests in flight and the
// ones still being routed to it. Your job is the TODOs below. Run the checks to see what is missing,
// and the demos (node scripts/rolling-deploy.js, node scripts/database-blip.js) to see what it costs.
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
 *   clock     time (fakeClock() in checks, real time by default): use clock.setInterval,
 *             clock.setTimeout and clock.sleep, never the global timers or Date.now()
 *   db        the database this service cannot serve without
 *   app       the tracking API (createParcelApp): app.warm(), app.warmed, app.handle(req, res)
 *   signals   where SIGTERM arrives (process in real life, an EventEmitter in checks)
 *   exit      how the process ends (process.exit in real life, a recorder in checks): call it
 *             exactly once, with 0 for a clean shutdown
 *   drainDelayMs, shutdownTimeoutMs, dbCheckIntervalMs: see DEFAULTS
 * returns { server, listen(port, host) -> Promise<port>, shutdown(signal) -> Promise<exit code> }
 * (`server` must exist as soon as createService returns: the checks watch its connections)
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
  const server = http.createServer(async (req, res) => {
    const path = req.url.split('?')[0];

    // One check for both probes, "so that we know the whole thing works".
    // TODO 1: /livez answers "should this process be restarted?". Only the process itself counts:
    //   no database, no I/O. If this handler runs, answer 200.
    // TODO 2: /readyz answers "should traffic be sent here?": 503 while warming up (app.warmed is
    //   false), while the database is unusable, and from the moment SIGTERM arrives; 200 otherwise.
    //   Read a stored database status (TODO 3); a probe must not query the database itself.
    if (path === '/livez' || path === '/readyz') {
      try {
        await db.ping();
        return reply(res, 200, { status: 'ok' });
      } catch (err) {
        return reply(res, 503, { status: 'down', reason: err.message });
      }
    }

    // TODO 5 (with TODO 4): count the requests in flight (res 'close' fires when one is done,
    //   answered or cut), and once shutdown has begun answer with Connection: close, so that a
    //   keep-alive client opens its next connection to another pod.
    app.handle(req, res);
  });

  async function listen(port = 0, host = '127.0.0.1') {
    // TODO 3: listen first and warm up afterwards (app.warm() takes a few seconds), so that probes
    //   meanwhile get a 503 instead of "connection refused". Check the database now and then every
    //   dbCheckIntervalMs with clock.setInterval, and keep the result for /readyz.
    await app.warm();
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, resolve);
    });
    return server.address().port;
  }

  async function shutdown(signal = 'SIGTERM') {
    // TODO 4: a graceful shutdown, started once however many signals arrive:
    //   1. from now on /readyz answers 503;
    //   2. keep serving normally for drainDelayMs (the proxies are still catching up);
    //   3. stop accepting new connections (server.close()) and close the idle keep-alive ones
    //      (server.closeIdleConnections(), again each time a request finishes);
    //   4. wait for the requests in flight, but no longer than shutdownTimeoutMs (clock.setTimeout):
    //      past it, cut what is left (server.closeAllConnections());
    //   5. exit(0) if everything finished, exit(1) if requests had to be cut.
    exit(0);
    return 0;
  }

  signals.on('SIGTERM', () => shutdown('SIGTERM'));

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
