// POST /orders: Kestrel Outdoor's checkout. Reserve the stock, charge the card, buy a shipping
// label, email a confirmation: four side effects, and only after everything about the request has
// been checked. A rejected request leaves nothing behind to undo.
//
// Support files (read-only): lib/world.js (stock, card processor, carrier, mail server: the side
// effects), lib/client.js (HTTP helpers for checks and demos).
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { CATALOGUE, createWorld } from './lib/world.js';
import { parseOrder } from './validate.js';
import { ConfigError, loadConfig } from './config.js';

const PROBLEMS = 'https://kestrel.example/problems/';

/**
 * config: { maxBodyBytes, paymentApiKey, mailFrom } (what loadConfig returns; checks pass their own)
 * world:  the side effects (createWorld())
 */
export function createServer({ world = createWorld(), config = {} } = {}) {
  const { maxBodyBytes = 16_384, paymentApiKey, mailFrom } = config;
  let orders = 0;

  return http.createServer(async (req, res) => {
    try {
      const path = req.url.split('?')[0];
      if (path !== '/orders') return send(res, problem(404, 'not-found', 'Not found', `There is nothing at ${path}.`));
      if (req.method !== 'POST') return send(res, problem(405, 'method-not-allowed', 'Method not allowed', 'Use POST to place an order.'), { allow: 'POST' });

      // The cheap checks first, before reading anything.
      if (!isJson(req.headers['content-type'])) {
        return send(res, problem(415, 'unsupported-media-type', 'Unsupported media type', 'Send the order as JSON, with Content-Type: application/json.'), { accept: 'application/json' });
      }
      if (Number(req.headers['content-length']) > maxBodyBytes) return tooLarge(res, maxBodyBytes);
      const text = await readBody(req, maxBodyBytes);
      if (text === null) return tooLarge(res, maxBodyBytes);

      let body;
      try {
        body = JSON.parse(text);
      } catch {
        return send(res, invalid([{ pointer: '#', detail: 'is not valid JSON' }]));
      }
      const { value: order, errors } = parseOrder(body);
      if (errors) return send(res, invalid(errors));

      // Everything below may change the world; only a valid, parsed order gets here.
      const id = `ord_${++orders}`;
      const total = order.items.reduce((sum, item) => sum + CATALOGUE[item.sku] * item.quantity, 0);
      await world.stock.reserve(order.items);
      await world.payments.charge({ amount: total, currency: 'gbp', email: order.email, apiKey: paymentApiKey });
      const label = await world.carrier.label(order.address);
      await world.mailer.send({ from: mailFrom, to: order.email, subject: `Your order ${id}`, text: order.giftNote ?? 'Thank you for your order.' });
      return send(res, { status: 201, type: 'application/json', body: { id, total, currency: 'gbp', tracking: label.tracking } });
    } catch {
      // A bug or an outage on our side: never a stack trace in the answer.
      return send(res, problem(500, 'internal-error', 'Internal error', 'Something went wrong on our side.'));
    }
  });
}

/**
 * Starts the service: configuration first, then the server. With a bad configuration it writes one
 * line naming every problem and exits 1, before anything listens.
 */
export async function main({
  env = process.env,
  exit = (code) => process.exit(code),
  write = (line) => process.stderr.write(line),
  listen = (server, port) => new Promise((resolve) => server.listen(port, () => resolve(server))),
  world = createWorld(),
} = {}) {
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    write(`${JSON.stringify({ severity_text: 'FATAL', body: 'invalid configuration', attributes: { problems: err.problems } })}\n`);
    exit(1);
    return null;
  }
  const server = createServer({ world, config });
  await listen(server, config.port);
  return server;
}

function isJson(contentType) {
  return typeof contentType === 'string' && contentType.split(';')[0].trim().toLowerCase() === 'application/json';
}

/** The body as text, or null as soon as it passes `limit` bytes (the rest is never read). */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      if (size > limit) return;
      size += chunk.length;
      if (size > limit) return resolve(null);
      chunks.push(chunk);
    });
    req.on('end', () => size <= limit && resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function tooLarge(res, limit) {
  // We stop reading, so this connection cannot carry another request.
  return send(res, problem(413, 'body-too-large', 'Request body too large', `An order must be at most ${limit} bytes.`), { connection: 'close' });
}

function invalid(errors) {
  const n = errors.length;
  return problem(400, 'invalid-order', 'The order is not valid', `${n} ${n === 1 ? 'field is' : 'fields are'} invalid; nothing was reserved, charged or sent.`, { errors });
}

/** An RFC 9457 problem details response. */
function problem(status, slug, title, detail, extensions = {}) {
  return { status, type: 'application/problem+json', body: { type: `${PROBLEMS}${slug}`, title, status, detail, ...extensions } };
}

function send(res, { status, type, body }, headers = {}) {
  res.writeHead(status, { 'content-type': type, ...headers });
  res.end(JSON.stringify(body));
}

// `node server.js` reads its configuration from the environment, e.g.
//   PORT=3000 DATABASE_URL=postgres://shop@localhost/shop PAYMENT_API_KEY=sk_test_123 MAIL_FROM=orders@kestrel.example node server.js
//   curl -i localhost:3000/orders -H 'content-type: application/json' \
//     -d '{"items":[{"sku":"TENT-2P","quantity":1}],"email":"ana@example.com","address":{"country":"GB","postcode":"SW1A 1AA"}}'
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await main();
  if (server) console.log(`checkout on http://localhost:${server.address().port}/orders`);
}
