// POST /payments: charge a card at most once per Idempotency-Key.
//
// Rules followed: the IETF "Idempotency-Key HTTP Header Field" draft (400 / 409 / 422, problem+json
// errors) and Stripe's storage rule: once execution has begun, the outcome is stored and replayed,
// 5xx included; nothing is stored when validation fails (400) or the request collided (409), so
// the client can fix or retry those.
import http from 'node:http';
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { systemClock } from './lib/clock.js';
import { createStore } from './lib/store.js';
import { createProvider } from './lib/provider.js';

const CURRENCIES = new Set(['usd', 'eur', 'gbp']);
const MAX_KEY_LENGTH = 255; // Stripe's limit; long enough for any UUID or ULID, short enough to index
const RETENTION_MS = 24 * 60 * 60 * 1000; // a retry window clients can rely on; Stripe prunes after 24 h

export function createServer({ clock = systemClock(), store = createStore({ clock }), provider = createProvider() } = {}) {
  return http.createServer(async (req, res) => {
    try {
      send(res, await handle(req));
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

    // Everything that can be rejected without side effects is checked before the key is claimed,
    // so a client that sends a bad request can fix it and reuse the same key.
    const { key, error: keyError } = parseKey(req.headers['idempotency-key']);
    if (keyError) return problem(400, 'invalid-idempotency-key', 'Invalid Idempotency-Key', keyError);
    const { payment, error } = parsePayment(await readBody(req));
    if (error) return problem(400, 'invalid-payment', 'Invalid payment', error);

    // Scope the key to the operation. A real API would also scope it to the authenticated account,
    // so that two customers who pick the same key never see each other's results.
    const recordKey = `idempotency:POST /payments:${key}`;
    const fingerprint = fingerprintOf(payment);
    const expiresAt = clock.now() + RETENTION_MS;

    // Claim the key with one atomic insert. A get-then-set would let two concurrent requests both
    // see "no record" and both charge the card.
    const claimed = await store.create(recordKey, { state: 'in_flight', fingerprint, expiresAt }, { expiresAt });
    if (!claimed) {
      const record = await store.get(recordKey);
      // Checked before the state: reusing a key for another payment is a client bug even mid-flight.
      if (record && record.fingerprint !== fingerprint) {
        return problem(422, 'idempotency-key-reused', 'Idempotency-Key reused', 'This key was already used with a different payload. Use a new key for a new payment.');
      }
      if (record?.state === 'completed') {
        const { status, headers, body } = record.reply;
        return { status, headers: { ...headers, 'idempotent-replayed': 'true' }, body };
      }
      // In flight (or expired a moment ago): not stored, so the client can simply try again.
      const reply = problem(409, 'request-in-progress', 'Request in progress', 'A request with this key is still being processed. Retry shortly.');
      return { ...reply, headers: { ...reply.headers, 'retry-after': '1' } };
    }

    const reply = await execute(payment);
    // Stored whatever the outcome: the charge may have reached the processor even when it failed,
    // so a retry must not run it again. Keep the expiry of the claim: retention counts from the first request.
    await store.set(recordKey, { state: 'completed', fingerprint, expiresAt, reply }, { expiresAt });
    return reply;
  }

  async function execute(payment) {
    try {
      const charge = await provider.charge(payment);
      return json(201, { id: charge.id, amount: charge.amount, currency: charge.currency, status: 'succeeded' });
    } catch (err) {
      if (err.name === 'ProviderError') {
        return problem(502, 'provider-failed', 'Payment provider failed', `The card processor answered ${err.status}.`);
      }
      // A bug after the claim still yields a stored 500 rather than a key stuck "in flight" for a day.
      console.error(err);
      return problem(500, 'internal-error', 'Internal error', 'Something went wrong on our side.');
    }
  }
}

/**
 * The header is an RFC 8941 sf-string: "..." with printable ASCII inside and only \" and \\ escaped.
 * As a courtesy a bare token (abc-123, as many SDKs send it) is accepted too and names the same key.
 */
function parseKey(value) {
  if (value === undefined) return { error: 'Send an Idempotency-Key header, e.g. Idempotency-Key: "<a fresh UUID>".' };
  let key;
  if (value.startsWith('"')) {
    const match = /^"((?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*)"$/.exec(value);
    if (!match) return { error: 'Idempotency-Key is not a valid quoted string (RFC 8941).' };
    key = match[1].replace(/\\(["\\])/g, '$1');
  } else {
    // No quotes, backslashes or commas: a comma means several headers were joined into a list.
    if (!/^[\x21\x23-\x2b\x2d-\x5b\x5d-\x7e]*$/.test(value)) return { error: 'Idempotency-Key must be a quoted string.' };
    key = value;
  }
  if (key.length === 0) return { error: 'Idempotency-Key is empty.' };
  if (key.length > MAX_KEY_LENGTH) return { error: `Idempotency-Key is ${key.length} characters; the limit is ${MAX_KEY_LENGTH}.` };
  return { key };
}

/** SHA-256 of the payload with its keys sorted, so {"a":1,"b":2} and {"b":2,"a":1} match. */
function fingerprintOf(payload) {
  return createHash('sha256').update(canonicalJson(payload)).digest('hex');
}

function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value);
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
