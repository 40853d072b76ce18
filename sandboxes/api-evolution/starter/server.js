// GET /v1/shipments and GET /v1/shipments/:id: Parcelwise's shipments API.
//
// On Tuesday the team "tidied up" v1 in place: weight is now in grams (same name), customer_name
// and city moved into a recipient object, created_at became a number (ms since the epoch), and
// the new status held_at_depot goes out as it is. To the team every change looked harmless. Every
// old v1 client broke (run the old-clients demo).
//
// The plan now: v1 goes back to exactly what it promised (new fields may be added, nothing else
// changes), the tidy shape moves to a new /v2/shipments, and v1 announces its retirement with
// Deprecation, Sunset and Link headers. Your job is the TODOs below.
//
// Support files (read-only): lib/shipments.js (the stored data, weights in grams),
// lib/v1-contract.js (what v1 documented), lib/clock.js (time), lib/client.js (used by checks and demos).
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { systemClock } from './lib/clock.js';
import { sampleShipments } from './lib/shipments.js';

/** v1's retirement plan: deprecated from 2026-01-01, gone after the end of 30 June 2026. */
export const DEPRECATION = {
  deprecatedAt: Date.UTC(2026, 0, 1), // ms since the epoch: 2026-01-01T00:00:00Z
  sunsetAt: Date.UTC(2026, 5, 30, 23, 59, 59), // 2026-06-30T23:59:59Z
  migrationGuide: 'https://developer.parcelwise.example/migrate/v2',
  sunsetPolicy: 'https://developer.parcelwise.example/policies/sunset',
};

export function createServer({ clock = systemClock(), shipments = sampleShipments(), deprecation = DEPRECATION } = {}) {
  // TODO 5: RFC 9745 says a resource must not be sunset before it is deprecated. Throw a
  //   RangeError here when deprecation.sunsetAt is earlier than deprecation.deprecatedAt.

  return http.createServer((req, res) => {
    try {
      send(res, handle(req));
    } catch (err) {
      console.error(err);
      send(res, problem(500, 'internal-error', 'Internal error', 'Something went wrong on our side.'));
    }
  });

  function handle(req) {
    if (req.method !== 'GET') {
      const reply = problem(405, 'method-not-allowed', 'Method not allowed', 'This API is read-only: use GET.');
      return { ...reply, headers: { ...reply.headers, allow: 'GET' } };
    }
    const { pathname } = new URL(req.url, 'http://localhost');
    const match = pathname.match(/^\/(v\d+)\/shipments(?:\/([^/]+))?\/?$/);
    if (!match) return problem(404, 'not-found', 'Not found', `No route for ${pathname}.`);
    const [, version, id] = match;

    if (version === 'v1') {
      // TODO 3: every v1 response announces the retirement:
      //   Deprecation: @<seconds since the epoch>       (RFC 9745, a Structured Fields date)
      //   Sunset: <HTTP-date, e.g. Tue, 30 Jun 2026 23:59:59 GMT>   (RFC 8594)
      //   Link: <migrationGuide>; rel="deprecation", <sunsetPolicy>; rel="sunset"   (RFC 8288)
      //   Take the dates from `deprecation`, not from constants: the checks pass other dates.
      // TODO 4: once clock.now() is past sunsetAt, v1 answers 410 Gone (problem+json) with the Link
      //   to the migration guide. Until then it must work exactly as before.
      return one(id, toJson);
    }

    // TODO 2: serve /v2/shipments and /v2/shipments/:id in the new shape (no deprecation headers).
    return problem(404, 'not-found', 'Not found', `There is no API ${version}.`);
  }

  /** The list ({ data: [...] }) or one shipment, rendered with `render`. */
  function one(id, render) {
    if (id === undefined) return json(200, { data: shipments.map(render) });
    const shipment = shipments.find((s) => s.id === id);
    if (!shipment) return problem(404, 'shipment-not-found', 'Shipment not found', `No shipment ${id}.`);
    return json(200, render(shipment));
  }
}

// The tidy shape the team put on v1 on Tuesday.
// TODO 1: v1 must answer what lib/v1-contract.js documents: id, status (one of the five v1
//   statuses: show held_at_depot as in_transit), weight in kilograms (a number), customer_name,
//   city, and created_at as an ISO 8601 string. Adding new fields (tracking_url) is fine; renaming,
//   removing or retyping one, or changing its unit, is not. Put the tidy shape below on v2, with
//   weight_grams as its name (a new name for a new meaning) and created_at as an ISO string.
function toJson(s) {
  return {
    id: s.id,
    status: s.status,
    weight: s.weightGrams,
    recipient: { name: s.recipient.name, city: s.recipient.city },
    created_at: Date.parse(s.createdAt),
    tracking_url: s.trackingUrl,
  };
}

function json(status, body, headers = {}) {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** An RFC 9457 problem+json reply. */
function problem(status, type, title, detail) {
  const body = { type: `https://developer.parcelwise.example/problems/${type}`, title, status, detail };
  return { status, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify(body) };
}

function send(res, { status, headers, body }) {
  res.writeHead(status, headers);
  res.end(body);
}

// `node server.js` serves on port 3000.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const server = createServer();
  server.listen(3000, () => console.log('shipments API on http://localhost:3000/v1/shipments'));
}
