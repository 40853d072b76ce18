// The pay button is clicked twice. The page made one Idempotency-Key when it rendered the form,
// so both clicks send the same key, one after the other.
import { randomUUID } from 'node:crypto';
import { createServer } from '../server.js';
import { createProvider } from '../lib/provider.js';
import { close, listen, post, summary, within } from '../lib/client.js';

const provider = createProvider();
const server = createServer({ provider });
const port = await listen(server);
const key = randomUUID();
const body = { amount: 2500, currency: 'eur' };

try {
  for (const click of [1, 2]) {
    const res = await within(2000, post(port, { key, body }), `click ${click} got no answer`);
    console.log(`click ${click}: ${summary(res)}`);
  }
  const charged = provider.charges.reduce((sum, c) => sum + c.amount, 0);
  console.log(`charges made: ${provider.charges.length} (expected 1)`);
  console.log(`customer charged: ${(charged / 100).toFixed(2)} eur (expected 25.00)`);
} catch (err) {
  console.log(`demo stopped: ${err.message}`);
  process.exitCode = 1;
} finally {
  await close(server);
}
