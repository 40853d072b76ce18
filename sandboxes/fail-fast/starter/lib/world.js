// Kestrel Outdoor's world outside the handler: the stock system, the card processor, the carrier
// and the mail server. Every call that changes something is a side effect, recorded in
// world.effects, and some of them cost money to undo. Each system checks what it is given, the way
// real ones do, but only when it is called: by then the earlier steps have already happened.
//
//   await world.stock.reserve(items)              -> { id }       items: [{ sku, quantity }]
//   await world.stock.release(reservationId)
//   await world.payments.charge({ amount, currency, email, apiKey })  -> { id }   amount in pence
//   await world.payments.refund(chargeId)          (the processor keeps its fee: $0.30)
//   await world.carrier.label({ country, postcode }) -> { tracking }
//   await world.carrier.cancel(tracking)
//   await world.mailer.send({ from, to, subject, text })
//   world.effects        every side effect so far: [{ kind, ...details }]
//   world.effectCount, world.effectsSince(index)   the same, counted, or from one point on
//   world.count(kind)    how many of one kind ('reserve', 'charge', 'label', 'email', 'release', 'refund', 'cancel')
export const CATALOGUE = Object.freeze({
  'TENT-2P': 18_900,
  'STOVE-GAS': 4_500,
  'MAT-XL': 6_900,
  'LAMP-40': 2_900,
  'BOTTLE-1L': 1_900,
});

// What the carrier accepts; the same rules a careful edge check would use.
export const POSTCODE_RULES = Object.freeze({
  GB: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/,
  DE: /^\d{5}$/,
  US: /^\d{5}(-\d{4})?$/,
});

export class DownstreamError extends Error {
  constructor(system, message) {
    super(`${system}: ${message}`);
    this.name = 'DownstreamError';
    this.system = system;
  }
}

export function createWorld() {
  const effects = [];
  let n = 0;
  const next = (prefix) => `${prefix}_${++n}`;
  const record = (kind, details) => {
    const effect = { kind, ...structuredClone(details) };
    effects.push(effect);
    return effect;
  };

  return {
    stock: {
      async reserve(items) {
        for (const item of items) {
          if (!(item.sku in CATALOGUE)) throw new DownstreamError('stock', `unknown SKU ${JSON.stringify(item.sku)}`);
          if (!Number.isInteger(item.quantity) || item.quantity < 1) throw new DownstreamError('stock', `cannot reserve ${JSON.stringify(item.quantity)} of ${item.sku}`);
        }
        const id = next('res');
        record('reserve', { id, items });
        return { id };
      },
      async release(id) {
        record('release', { id });
      },
    },
    payments: {
      async charge({ amount, currency, email, apiKey }) {
        if (typeof apiKey !== 'string' || !/^sk_(live|test)_\w+$/.test(apiKey)) throw new DownstreamError('payments', '401 invalid API key');
        if (!Number.isInteger(amount) || amount <= 0) throw new DownstreamError('payments', `invalid amount ${JSON.stringify(amount)}`);
        const id = next('ch');
        record('charge', { id, amount, currency, email });
        return { id };
      },
      async refund(chargeId) {
        record('refund', { id: chargeId, feeKept: 30 });
      },
    },
    carrier: {
      async label(address) {
        const rule = POSTCODE_RULES[address?.country];
        if (!rule) throw new DownstreamError('carrier', `no service to ${JSON.stringify(address?.country)}`);
        if (typeof address.postcode !== 'string' || !rule.test(address.postcode)) {
          throw new DownstreamError('carrier', `postcode ${JSON.stringify(address.postcode)} is not valid for ${address.country}`);
        }
        const tracking = next('trk');
        record('label', { tracking, address });
        return { tracking };
      },
      async cancel(tracking) {
        record('cancel', { tracking });
      },
    },
    mailer: {
      async send({ from, to, subject, text }) {
        if (typeof from !== 'string' || !from.includes('@')) throw new DownstreamError('mailer', '535 authentication failed: no sender configured');
        if (typeof to !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(to)) throw new DownstreamError('mailer', `550 no such mailbox ${JSON.stringify(to)}`);
        record('email', { from, to, subject, text });
      },
    },
    get effects() {
      return effects.map((e) => structuredClone(e));
    },
    /** How many side effects so far, and the ones from index `from` on (cheaper than copying them all). */
    get effectCount() {
      return effects.length;
    },
    effectsSince(from) {
      return effects.slice(from).map((e) => structuredClone(e));
    },
    count(kind) {
      return effects.filter((e) => e.kind === kind).length;
    },
  };
}
