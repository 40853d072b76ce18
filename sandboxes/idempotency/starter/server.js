// POST /payments: charge a card once per Idempotency-Key.
//
// Right now this endpoint works, but naively: every request that reaches it charges the card,
// so a client that retries after a timeout, a double click or two open tabs pays twice.
// Your job is the TODOs below. Run the checks to see what is still missing.
//
// Support files (read-only): lib/clock.js (time), lib/store.js (a shared key-value store with an
// atomic create), lib/provider.js (the card processor), lib/client.js (used by checks and demos).
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { systemClock } from './lib/clock.js';
import { createStore } from './lib/store.js';
import { createProvider } from './lib/provider.js';

const CURRENCIES = new Set(['usd', 'eur', 'gbp']);

export function createServer({ clock = systemClock(), store = createStore({ clock }), provider = createProvider() } = {}) {
  return http.createServer(async (req, res) => {
    try {
      const reply = await handle(req);
      send(res, reply);
    } catch (err) {
      send(res, problem(500, 'internal-error', 'Internal error', 'Something went wrong on our side.'));
      console.error(err);
    }
  });

  async function handle(req) {
    if (req.url !== '/payments') return problem(404, 'not-found', 'Not found', `No route for ${req.url}.`);
    if (req.method !== 'POST') {
      const reply = problem(405, 'method-not-allowed', 'Method not allowed', 'Use POST.');
      return { ...reply, headers: { ...reply.headers, allow: 'POST' } };
    }

    // TODO 1: read the Idempotency-Key header (req.headers['idempotency-key']).
    //   Missing, empty or longer than 255 characters -> 400 problem+json.
    //   The standard form is an RFC 8941 string: "8e03978e-40d5-43e8-bc93-6894a57f9324" (with the quotes).

    const { payment, error } = parsePayment(await readBody(req));
    if (error) return problem(400, 'invalid-payment', 'Invalid payment', error);

    // TODO 2: look the key up in the store (use store.create so that two requests cannot both win).
    //   - same key, different payload (compare a fingerprint, not the raw text) -> 422
    //   - same key, first request still in flight -> 409
    //   - same key, first request finished -> replay its status and body, with Idempotent-Replayed: true
    //   Keep records for 24 hours (clock.now() is the time; the store understands expiresAt).

    let reply;
    try {
      const charge = await provider.charge(payment);
      reply = json(201, { id: charge.id, amount: charge.amount, currency: charge.currency, status: 'succeeded' });
    } catch (err) {
      if (err.name !== 'ProviderError') throw err;
      reply = problem(502, 'provider-failed', 'Payment provider failed', `The card processor answered ${err.status}.`);
    }

    // TODO 3: save the outcome under the key before answering (decide which outcomes to keep).
    return reply;
  }
}

/** Validate the body: { amount: positive integer in minor units, currency: one we support }. */
function parsePayment(text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: 'The body is not valid JSON.' };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { error: 'Send a JSON object.' };
  if (!Number.isInteger(body.amount) || body.amount <= 0) {
    return { error: 'amount must be a positive integer in minor units (100 = 1.00).' };
  }
  if (!CURRENCIES.has(body.currency)) return { error: `currency must be one of: ${[...CURRENCIES].join(', ')}.` };
  return { payment: body };
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

function json(status, body) {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** An RFC 9457 problem details response. */
function problem(status, slug, title, detail) {
  return {
    status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({ type: `https://example.com/problems/${slug}`, title, status, detail }),
  };
}

function send(res, { status, headers = {}, body }) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

// `node server.js` serves on PORT (default 3000) for trying it with curl.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PORT ?? 3000);
  createServer().listen(port, () => console.log(`payments on http://localhost:${port}/payments`));
}
