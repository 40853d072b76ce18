// POST /orders: Kestrel Outdoor's checkout. Reserve the stock, charge the card, buy a shipping
// label, email a confirmation.
//
// Right now it is the handler from the lesson: it trusts the body and lets each downstream system
// find the problems. A postcode the carrier rejects is found after the card was charged, so the
// charge has to be refunded (the processor keeps its fee) and the stock released; a missing field
// is a TypeError deep in the code and a 500; a client with three mistakes learns about them one
// request at a time. Your job is the TODOs here and in validate.js and config.js. Run the checks to
// see what is missing, and the demos (node scripts/batch.js, node scripts/config-mistakes.js).
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

      // TODO 1: a Content-Type other than application/json (parameters such as charset allowed,
      //   any case) -> 415 problem+json, with an Accept: application/json header saying what works.
      // TODO 2: a body over maxBodyBytes -> 413 problem+json. Refuse a Content-Length over the limit
      //   before reading anything, and stop reading a body without one as soon as it passes the limit.
      const text = await readBody(req);

      // TODO 3: a body that is not JSON is the client's mistake: 400 problem+json, not a 500.
      const body = JSON.parse(text);

      // TODO 4: validate the whole body here, before the first side effect, with parseOrder()
      //   (validate.js). Any errors -> 400 problem+json (use invalid(errors)) listing every one.
      //   Then use only the parsed, normalised order below, never `body`.
      const id = `ord_${++orders}`;
      const total = body.items.reduce((sum, item) => sum + CATALOGUE[item.sku] * item.quantity, 0);
      const reservation = await world.stock.reserve(body.items);
      const charge = await world.payments.charge({ amount: total, currency: 'gbp', email: body.email, apiKey: paymentApiKey });
      let label;
      try {
        label = await world.carrier.label(body.address);
      } catch (err) {
        // The carrier found the problem: undo what already happened, and tell the client the first thing wrong.
        await world.payments.refund(charge.id);
        await world.stock.release(reservation.id);
        return send(res, { status: 400, type: 'text/plain', body: `Invalid address: ${err.message}` });
      }
      await world.mailer.send({ from: mailFrom, to: body.email, subject: `Your order ${id}`, text: body.giftNote ?? 'Thank you for your order.' });
      return send(res, { status: 201, type: 'application/json', body: { id, total, currency: 'gbp', tracking: label.tracking } });
    } catch (err) {
      return send(res, problem(500, 'internal-error', 'Internal error', 'Something went wrong on our side.'));
    }
  });
}

/**
 * Starts the service: configuration first, then the server.
 * TODO 9: when loadConfig throws a ConfigError, write ONE line naming every problem (for example
 *   JSON: { severity_text: 'FATAL', body: 'invalid configuration', attributes: { problems } }),
 *   call exit(1), and return null without creating or listening on anything.
 */
export async function main({
  env = process.env,
  exit = (code) => process.exit(code),
  write = (line) => process.stderr.write(line),
  listen = (server, port) => new Promise((resolve) => server.listen(port, () => resolve(server))),
  world = createWorld(),
} = {}) {
  const config = loadConfig(env);
  const server = createServer({ world, config });
  await listen(server, config.port);
  return server;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

/** A 400 answer listing every invalid field: errors is [{ pointer, detail }]. */
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
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

// `node server.js` reads its configuration from the environment, e.g.
//   PORT=3000 DATABASE_URL=postgres://shop@localhost/shop PAYMENT_API_KEY=sk_test_123 MAIL_FROM=orders@kestrel.example node server.js
//   curl -i localhost:3000/orders -H 'content-type: application/json' \
//     -d '{"items":[{"sku":"TENT-2P","quantity":1}],"email":"ana@example.com","address":{"country":"GB","postcode":"SW1A 1AA"}}'
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await main();
  if (server) console.log(`checkout on http://localhost:${server.address().port}/orders`);
}
