// Parcelry's tracking API: the work the service exists for. server.js puts the probes and the
// shutdown around it; you do not need to change anything here.
//
//   await app.warm()     loads the carrier routing table from the database into memory: takes
//                        warmupMs (3 s by default) once the database answers (it retries every second)
//   app.warmed           true once warm() has finished
//   app.handle(req, res) GET /track/<id>    answers from memory at once
//                        GET /export?ms=N   a CSV export that takes N ms (12,000 by default)
//   app.inFlight         requests started and not yet answered
//
// Time comes from the injected clock, so a 12-second export takes no real time in the checks.
import { systemClock } from './clock.js';

export function createParcelApp({ clock = systemClock(), db = null, warmupMs = 3_000 } = {}) {
  let warmed = false;
  let warming = null;
  let inFlight = 0;

  function send(res, status, type, body) {
    if (res.destroyed || res.writableEnded) return; // the connection was cut meanwhile
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  }

  return {
    warm() {
      warming ??= (async () => {
        for (;;) {
          try {
            await db?.query('SELECT carrier, depot, cutoff FROM routes');
            break;
          } catch {
            await clock.sleep(1_000); // no database, no routing table: try again
          }
        }
        await clock.sleep(warmupMs);
        warmed = true;
      })();
      return warming;
    },
    get warmed() {
      return warmed;
    },
    get inFlight() {
      return inFlight;
    },
    async handle(req, res) {
      const url = new URL(req.url, 'http://parcelry.internal');
      if (!warmed) {
        return send(res, 503, 'text/plain', 'warming up: the routing table is not loaded yet\n');
      }
      const track = /^\/track\/([\w-]{1,40})$/.exec(url.pathname);
      if (req.method === 'GET' && track) {
        const body = JSON.stringify({ id: track[1], status: 'in transit', depot: 'LHR-3' });
        return send(res, 200, 'application/json', body);
      }
      if (req.method === 'GET' && url.pathname === '/export') {
        const ms = Number(url.searchParams.get('ms') ?? 12_000);
        inFlight += 1;
        try {
          await clock.sleep(Number.isFinite(ms) && ms >= 0 ? ms : 12_000);
          send(res, 200, 'text/csv', 'parcel,status\nPX-1,delivered\nPX-2,in transit\n');
        } finally {
          inFlight -= 1;
        }
        return;
      }
      send(res, 404, 'text/plain', `no route for ${req.method} ${url.pathname}\n`);
    },
  };
}
