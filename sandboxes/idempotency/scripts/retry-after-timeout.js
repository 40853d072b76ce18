// A client's timeout fires while the charge is still at the card processor; the client retries
// with the same Idempotency-Key. How many times is the customer charged?
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createServer } from '../server.js';
import { createProvider } from '../lib/provider.js';
import { close, listen, post, summary, within } from '../lib/client.js';

const provider = createProvider();
const server = createServer({ provider });
const port = await listen(server);
const key = randomUUID();
const body = { amount: 100, currency: 'usd' };

try {
  provider.hold(); // the processor is slow today
  const timeout = new AbortController();
  const first = post(port, { key, body, signal: timeout.signal });
  first.catch(() => {});
  await within(2000, provider.waitForCalls(1), 'the server never called the provider passed to createServer({ provider })');
  timeout.abort(); // the client gives up before the answer arrives...
  console.log('attempt 1: no response (client timeout)');
  provider.release(); // ...but the processor finishes the charge anyway

  // The client retries with the same key and backs off while the server says 409.
  for (let attempt = 2, backoffMs = 10; attempt <= 5; attempt += 1, backoffMs *= 2) {
    const res = await within(2000, post(port, { key, body }), `attempt ${attempt} got no answer`);
    console.log(`attempt ${attempt}: ${summary(res)}`);
    if (res.status !== 409) break;
    await sleep(backoffMs);
  }
  const charged = provider.charges.reduce((sum, c) => sum + c.amount, 0);
  console.log(`charges made: ${provider.charges.length} (expected 1)`);
  console.log(`customer charged: ${(charged / 100).toFixed(2)} usd (expected 1.00)`);
} catch (err) {
  console.log(`demo stopped: ${err.message}`);
  process.exitCode = 1;
} finally {
  provider.release();
  await close(server);
}
