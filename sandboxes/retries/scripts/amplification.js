// Fernway's chain from the lesson: app -> gateway -> product-page -> pricing. Each layer calls the
// next with its own instance of your client, and turns any failure from below into a 503 for the
// layer above. pricing answers every call with 503. 100 user requests, one after another, in
// simulated time; the number that matters is how many calls reach pricing.
import { createRetryingClient } from '../client.js';
import { fakeClock } from '../lib/clock.js';
import { createFakeServer } from '../lib/fake-server.js';
import { seededRandom } from '../lib/random.js';

const USERS = 100;
const LAYERS = ['app', 'gateway', 'product-page'];

/** A layer: a fetch() that serves the layer above by calling the layer below with a retrying client. */
function layer(clock, { name, below, belowUrl, retries, throttling, seed }) {
  const client = createRetryingClient({
    fetch: below,
    clock,
    random: seededRandom(seed),
    maxAttempts: retries ? 3 : 1,
    baseMs: 10,
    deadlineMs: 60_000,
    perTryMs: 10_000,
    throttling: throttling ? { maxTokens: 10, tokenRatio: 0.1 } : null,
  });
  return async () => {
    try {
      const res = await client.request(belowUrl);
      await res.body?.cancel();
      return new Response(null, { status: res.ok ? 200 : 503, statusText: `${name}: ${res.status} from below` });
    } catch {
      return new Response(null, { status: 503, statusText: `${name}: no answer from below` });
    }
  };
}

async function run({ retryAt, throttling }) {
  const clock = fakeClock();
  const pricing = createFakeServer(clock, { origin: 'http://pricing.test', latencyMs: 5 }).otherwise({ status: 503 });
  let below = pricing.fetch;
  let belowUrl = 'http://pricing.test/prices/7';
  for (let i = LAYERS.length - 1; i >= 0; i -= 1) {
    const name = LAYERS[i];
    below = layer(clock, { name, below, belowUrl, retries: retryAt === 'every' || (retryAt === 'top' && i === 0), throttling, seed: 100 + i });
    belowUrl = `http://${name}.test/`;
  }
  const perUser = [];
  for (let u = 0; u < USERS; u += 1) {
    const before = pricing.calls.length;
    await clock.run(below(belowUrl));
    perUser.push(pricing.calls.length - before);
  }
  return { total: pricing.calls.length, first: perUser[0], last: perUser.at(-1) };
}

const rows = [
  ['every layer retries (3 tries each)', { retryAt: 'every', throttling: false }],
  ['every layer retries, with the throttle', { retryAt: 'every', throttling: true }],
  ['only the app retries', { retryAt: 'top', throttling: false }],
  ['only the app retries, with the throttle', { retryAt: 'top', throttling: true }],
];

console.log(`app -> gateway -> product-page -> pricing; pricing answers every call with 503; ${USERS} user requests`);
console.log('');
console.log(`${'configuration'.padEnd(42)}${'calls to pricing'.padStart(17)}${'first user'.padStart(12)}${'last user'.padStart(11)}`);
for (const [label, config] of rows) {
  try {
    const r = await run(config);
    console.log(`${label.padEnd(42)}${r.total.toLocaleString('en-US').padStart(17)}${String(r.first).padStart(12)}${String(r.last).padStart(11)}`);
  } catch (err) {
    console.log(`${label.padEnd(42)}  the run stopped: ${err.message}`);
    process.exitCode = 1;
  }
}
console.log('');
console.log('3 x 3 x 3 = 27 calls per user request when every layer retries; retry at one layer, and let the throttle');
console.log('switch retries off once failures are no longer transient (gRPC: maxTokens 10, tokenRatio 0.1).');
