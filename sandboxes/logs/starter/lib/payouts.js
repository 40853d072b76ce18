// Ledgerline's payouts service: the handler your middleware wraps. It logs through the logger you
// give it, and calls the bank with the headers outgoingHeaders() returns. You do not need to
// change anything here.
//
//   POST /payouts      { "freelancer": "fr_88123", "amount": 12500 } (amount in cents)
//                      201 { id, status, reference }, 400 for a bad body, and when the bank
//                      times out the error is thrown for the middleware to handle
//   GET /payouts/<id>  200 { id }
//
// At INFO a payout writes 3 or 4 lines; at DEBUG it also writes the request it received, every
// fee rule it evaluated and the exact call it made to the bank (credentials included: that is
// what redaction is for).
import { createBank } from './bank.js';

const BANK_API_KEY = 'sk_live_51HqLyjWDarjtT1zdp7dc';
const FEE_RULES = ['minimum fee', 'cross-border surcharge', 'volume discount', 'weekend cutoff'];

export function createPayoutsApp({ logger, bank = createBank(), outgoingHeaders = () => ({}) } = {}) {
  if (!logger) throw new TypeError('createPayoutsApp needs { logger }');
  let nextId = 0;

  return {
    async handle(req, res) {
      const url = new URL(req.url, 'http://payouts.internal');
      if (req.method === 'POST' && url.pathname === '/payouts') return createPayout(req, res);
      const found = /^\/payouts\/(po_\d+)$/.exec(url.pathname);
      if (req.method === 'GET' && found) {
        logger.debug('payout looked up', { 'payout.id': found[1] });
        return send(res, 200, { id: found[1] });
      }
      return send(res, 404, { type: 'about:blank', title: 'Not found', status: 404 }, 'application/problem+json');
    },
  };

  async function createPayout(req, res) {
    const text = await readBody(req);
    let body = null;
    try {
      body = JSON.parse(text);
    } catch {}
    logger.debug('payout request received', { 'http.request.headers': req.headers, body });
    if (typeof body?.freelancer !== 'string' || !Number.isInteger(body?.amount) || body.amount <= 0) {
      logger.info('payout rejected', { reason: 'freelancer (a string) and amount (a positive integer, in cents) are required' });
      return send(res, 400, { type: 'about:blank', title: 'Invalid payout', status: 400 }, 'application/problem+json');
    }
    const id = `po_${++nextId}`;
    logger.info('payout accepted', { 'payout.id': id, 'freelancer.id': body.freelancer, 'payout.amount': body.amount });
    let fee = 0;
    for (const rule of FEE_RULES) {
      await null; // each rule is its own step, as a real rules engine's would be
      fee += rule === 'minimum fee' ? 25 : 0;
      logger.debug('fee rule evaluated', { 'fee.rule': rule, 'fee.total': fee });
    }
    const headers = { ...outgoingHeaders(), authorization: `Bearer ${BANK_API_KEY}` };
    logger.debug('bank request', { 'http.request.headers': headers, body: { amount: body.amount - fee, currency: 'eur', iban: 'DE89370400440532013000' } });
    const receipt = await bank.transfer({ amount: body.amount - fee, currency: 'eur' }, { headers });
    logger.debug('bank response', { 'bank.reference': receipt.reference, 'bank.attempts': receipt.attempts });
    if (receipt.attempts > 1) logger.warn('bank call retried', { 'bank.attempts': receipt.attempts });
    logger.info('payout sent', { 'payout.id': id, 'bank.reference': receipt.reference });
    return send(res, 201, { id, status: 'sent', reference: receipt.reference });
  }
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

function send(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'content-type': type });
  res.end(JSON.stringify(body));
}
