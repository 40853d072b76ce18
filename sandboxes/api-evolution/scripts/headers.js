// What a client sees on v1 and v2 on 1 March 2026 (v1 deprecated since 1 January, sunset at the
// end of 30 June), and what v1 answers one second after its sunset.
import { createServer, DEPRECATION } from '../server.js';
import { fakeClock } from '../lib/clock.js';
import { close, get, listen, parseLink } from '../lib/client.js';

const clock = fakeClock(Date.UTC(2026, 2, 1));
const server = createServer({ clock });
const port = await listen(server);

function decodeDeprecation(value) {
  const m = /^@(-?\d+)$/.exec(value ?? '');
  return m ? new Date(Number(m[1]) * 1000).toISOString() : 'not a Structured Fields date (@<seconds>)';
}

function decodeSunset(value) {
  if (value === undefined) return '';
  const ms = Date.parse(value);
  return Number.isNaN(ms) || new Date(ms).toUTCString() !== value ? 'not an HTTP-date' : new Date(ms).toISOString();
}

async function show(path) {
  const res = await get(port, path);
  console.log(`GET ${path} -> ${res.status}`);
  console.log(`  Deprecation: ${res.headers.deprecation ?? '(none)'}${res.headers.deprecation ? `   = ${decodeDeprecation(res.headers.deprecation)}` : ''}`);
  console.log(`  Sunset:      ${res.headers.sunset ?? '(none)'}${res.headers.sunset ? `   = ${decodeSunset(res.headers.sunset)}` : ''}`);
  const links = parseLink(res.headers.link);
  if (links.length === 0) console.log('  Link:        (none)');
  for (const l of links) console.log(`  Link:        <${l.href}>; rel="${l.rel.join(' ')}"`);
  return res;
}

try {
  console.log(`plan: deprecated ${new Date(DEPRECATION.deprecatedAt).toISOString()}, sunset ${new Date(DEPRECATION.sunsetAt).toISOString()}`);
  console.log(`expected on v1: Deprecation: @${DEPRECATION.deprecatedAt / 1000}, Sunset: ${new Date(DEPRECATION.sunsetAt).toUTCString()}`);
  console.log('');
  await show('/v1/shipments/shp_1001');
  await show('/v2/shipments/shp_1001');
  console.log('');
  clock.set(DEPRECATION.sunsetAt + 1000);
  console.log(`one second after the sunset (${new Date(clock.now()).toISOString()}):`);
  const gone = await show('/v1/shipments/shp_1001');
  console.log(`  body: ${gone.text.slice(0, 160)}`);
  const v2 = await get(port, '/v2/shipments/shp_1001');
  console.log(`GET /v2/shipments/shp_1001 -> ${v2.status}`);
} finally {
  await close(server);
}
