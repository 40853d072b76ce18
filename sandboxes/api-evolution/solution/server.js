// GET /v1/shipments[/:id] and GET /v2/shipments[/:id]: Parcelwise's shipments API.
//
// v1 answers exactly what it promised at launch (plus one additive field), announces its
// retirement with Deprecation, Sunset and Link headers, and answers 410 Gone after the sunset.
// v2 carries the tidy shape: weight_grams, a recipient object, an open list of statuses.
//
// Support files (read-only): lib/shipments.js (the stored data, weights in grams),
// lib/v1-contract.js (what v1 documented), lib/clock.js (time), lib/client.js (used by checks and demos).
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { systemClock } from './lib/clock.js';
import { sampleShipments } from './lib/shipments.js';
import { V1_STATUSES } from './lib/v1-contract.js';

/** v1's retirement plan: deprecated from 2026-01-01, gone after the end of 30 June 2026. */
export const DEPRECATION = {
  deprecatedAt: Date.UTC(2026, 0, 1), // ms since the epoch: 2026-01-01T00:00:00Z
  sunsetAt: Date.UTC(2026, 5, 30, 23, 59, 59), // 2026-06-30T23:59:59Z
  migrationGuide: 'https://developer.parcelwise.example/migrate/v2',
  sunsetPolicy: 'https://developer.parcelwise.example/policies/sunset',
};

export function createServer({ clock = systemClock(), shipments = sampleShipments(), deprecation = DEPRECATION } = {}) {
  const { deprecatedAt, sunsetAt, migrationGuide, sunsetPolicy } = deprecation;
  if (!Number.isFinite(deprecatedAt) || !Number.isFinite(sunsetAt)) {
    throw new TypeError('deprecation.deprecatedAt and deprecation.sunsetAt are times in ms since the epoch');
  }
  if (sunsetAt < deprecatedAt) {
    throw new RangeError(`the sunset (${new Date(sunsetAt).toISOString()}) must not be before the deprecation (${new Date(deprecatedAt).toISOString()})`);
  }
  const v1Headers = {
    deprecation: `@${Math.floor(deprecatedAt / 1000)}`,
    sunset: new Date(sunsetAt).toUTCString(),
    link: `<${migrationGuide}>; rel="deprecation"; type="text/html", <${sunsetPolicy}>; rel="sunset"; type="text/html"`,
  };

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
      if (clock.now() > sunsetAt) {
        const gone = problem(410, 'version-retired', 'API version retired', `v1 was retired at ${v1Headers.sunset}. Use /v2/shipments: ${migrationGuide}`);
        return { ...gone, headers: { ...gone.headers, link: `<${migrationGuide}>; rel="deprecation"; type="text/html"` } };
      }
      const reply = one(id, toV1);
      return { ...reply, headers: { ...reply.headers, ...v1Headers } };
    }
    if (version === 'v2') return one(id, toV2);
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

// v1 as documented at launch, plus one additive field (tracking_url). v1's clients treat the
// status list as closed, so a status v1 never documented is shown as the nearest one it did.
const V1_STATUS = { held_at_depot: 'in_transit' };
const V1_KNOWN = new Set(V1_STATUSES);

function toV1(s) {
  return {
    id: s.id,
    status: V1_KNOWN.has(s.status) ? s.status : (V1_STATUS[s.status] ?? 'in_transit'),
    weight: s.weightGrams / 1000,
    customer_name: s.recipient.name,
    city: s.recipient.city,
    created_at: s.createdAt,
    tracking_url: s.trackingUrl,
  };
}

// v2: the tidy shape. New names for new meanings; the status list is declared open.
function toV2(s) {
  return {
    id: s.id,
    status: s.status,
    weight_grams: s.weightGrams,
    recipient: { name: s.recipient.name, city: s.recipient.city },
    created_at: s.createdAt,
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
