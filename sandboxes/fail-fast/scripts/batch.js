// 1,000 checkout requests, about one in six with a mistake or two in it (a seeded mix, the same every run),
// played twice: once against a checkout that lets the downstream systems find the mistakes (it
// reserves, charges and labels, and undoes what it can when something downstream refuses), and
// once against your server.js. Prints what each one did to the world.
import http from 'node:http';
import { createServer } from '../server.js';
import { createWorld, CATALOGUE } from '../lib/world.js';
import { close, listen, post } from '../lib/client.js';

const N = 1_000;
const CONFIG = { maxBodyBytes: 16_384, paymentApiKey: 'sk_test_demo', mailFrom: 'orders@kestrel.example' };
const REFUND_FEE = 0.3; // dollars the card processor keeps on a refunded charge

function seeded(seed) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1_664_525) + 1_013_904_223) >>> 0;
    return x / 2 ** 32;
  };
}

const MISTAKES = [
  ['postcode not valid for the country', 0.05, (o) => (o.address.postcode = o.address.country === 'GB' ? '12345' : 'SW1A 1AA')],
  ['SKU not in the catalogue', 0.03, (o) => (o.items[0].sku = 'KAYAK-9')],
  ['quantity 0', 0.02, (o) => (o.items[0].quantity = 0)],
  ['email without a domain', 0.03, (o) => (o.email = 'ana@')],
  ['quantity sent as a string', 0.02, (o) => (o.items[0].quantity = String(o.items[0].quantity))],
  ['address missing', 0.01, (o) => delete o.address],
  ['email and postcode both wrong', 0.02, (o) => ((o.email = 'ana.example.com'), (o.address.postcode = 'NOPE'))],
];

function makeOrders() {
  const rand = seeded(2024);
  const skus = Object.keys(CATALOGUE);
  const places = [
    { country: 'GB', postcode: 'SW1A 1AA' },
    { country: 'DE', postcode: '10115' },
    { country: 'US', postcode: '94103' },
  ];
  return Array.from({ length: N }, (_, i) => {
    const order = {
      items: Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({ sku: skus[Math.floor(rand() * skus.length)], quantity: 1 + Math.floor(rand() * 3) })),
      email: `customer${i}@example.com`,
      address: { ...places[Math.floor(rand() * places.length)] },
    };
    let roll = rand();
    let mistake = null;
    for (const [name, share, apply] of MISTAKES) {
      if (roll < share) {
        apply(order);
        mistake = name;
        break;
      }
      roll -= share;
    }
    return { order, mistake };
  });
}

/** The checkout that validates late: each downstream system checks what it gets, after the earlier steps. */
async function lateCheckout(world, order) {
  const done = [];
  try {
    const reservation = await world.stock.reserve(order.items);
    done.push(() => world.stock.release(reservation.id));
    const total = order.items.reduce((sum, item) => sum + (CATALOGUE[item.sku] ?? 0) * item.quantity, 0);
    const charge = await world.payments.charge({ amount: total, currency: 'gbp', email: order.email, apiKey: CONFIG.paymentApiKey });
    done.push(() => world.payments.refund(charge.id));
    const label = await world.carrier.label(order.address);
    done.push(() => world.carrier.cancel(label.tracking));
    await world.mailer.send({ from: CONFIG.mailFrom, to: order.email, subject: 'Your order', text: 'Thank you.' });
    return 201;
  } catch {
    for (const undo of done.reverse()) await undo();
    return 400;
  }
}

const DOES = new Set(['reserve', 'charge', 'label', 'email']);
const UNDOES = new Set(['release', 'refund', 'cancel']);

/** Runs every order through `place` (which returns { status, errors }) and counts what happened to the world. */
async function play(world, place) {
  const r = { accepted: 0, rejected: 0, crashed: 0, wasted: 0, undone: 0, refunds: 0, errors: [] };
  for (const { order } of orders) {
    const before = world.effectCount;
    const { status, errors } = await place(structuredClone(order));
    const effects = world.effectsSince(before).map((e) => e.kind);
    if (status === 201) r.accepted += 1;
    else {
      if (status >= 500) r.crashed += 1;
      else r.rejected += 1;
      r.wasted += effects.filter((k) => DOES.has(k)).length;
      r.undone += effects.filter((k) => UNDOES.has(k)).length;
      if (status === 400) r.errors.push(errors);
    }
    r.refunds += effects.filter((k) => k === 'refund').length;
  }
  return r;
}

const orders = makeOrders();
const invalid = orders.filter((o) => o.mistake).length;

const lateWorld = createWorld();
const late = await play(lateWorld, async (order) => {
  const status = await lateCheckout(lateWorld, order);
  return { status, errors: 1 };
});

const world = createWorld();
const server = createServer({ world, config: CONFIG });
const port = await listen(server);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let yours;
try {
  yours = await play(world, async (order) => {
    const res = await post(port, { body: order, agent });
    return { status: res.status, errors: Array.isArray(res.json?.errors) ? res.json.errors.length : 1 };
  });
} finally {
  agent.destroy();
  await close(server);
}

const rows = [
  ['orders accepted (201)', (r) => r.accepted],
  ['orders rejected (4xx)', (r) => r.rejected],
  ['answered 500', (r) => r.crashed],
  ['side effects for orders that failed', (r) => r.wasted],
  ['  undone afterwards', (r) => r.undone],
  ['  left behind', (r) => r.wasted - Math.min(r.wasted, r.undone)],
  ['refund fees kept by the processor', (r) => `$${(r.refunds * REFUND_FEE).toFixed(2)}`],
  ['errors reported per rejected order', (r) => (r.errors.length ? r.errors.reduce((a, b) => a + b, 0) / r.errors.length : 0).toFixed(2)],
];
console.log(`${N.toLocaleString('en-US')} orders, ${invalid} of them with a mistake (${MISTAKES.map(([name, share]) => `${name} ${share * 100}%`).join(', ')}).`);
console.log('');
console.log(`${''.padEnd(36)}${'late: downstream finds it'.padStart(27)}${'your server.js'.padStart(16)}`);
for (const [label, value] of rows) console.log(`${label.padEnd(36)}${String(value(late)).padStart(27)}${String(value(yours)).padStart(16)}`);
console.log('');
console.log(`side effects for orders that failed: ${late.wasted} when validating late, ${yours.wasted} with yours (expected 0)`);
