// The same checkout is open in two tabs and both submit at once with the same Idempotency-Key,
// while the card processor takes its time.
import { randomUUID } from 'node:crypto';
import { createServer } from '../server.js';
import { createProvider } from '../lib/provider.js';
import { close, listen, post, summary, within } from '../lib/client.js';

const provider = createProvider();
const server = createServer({ provider });
const port = await listen(server);
const key = randomUUID();
const body = { amount: 4999, currency: 'gbp' };

try {
  provider.hold(); // keep the first charge in flight while the other tab arrives
  const tabs = [post(port, { key, body }), post(port, { key, body })];
  tabs.forEach((t) => t.catch(() => {}));
  // Wait until one tab has its answer, or both charges are at the processor.
  await within(2000, Promise.race([...tabs, provider.waitForCalls(2)]), 'neither tab got an answer or reached the provider');
  provider.release();
  const replies = await within(2000, Promise.all(tabs), 'a tab never got its answer');
  replies.forEach((res, i) => console.log(`tab ${i + 1}: ${summary(res)}`));
  const charged = provider.charges.reduce((sum, c) => sum + c.amount, 0);
  console.log(`charges made: ${provider.charges.length} (expected 1)`);
  console.log(`customer charged: ${(charged / 100).toFixed(2)} gbp (expected 49.99)`);
} catch (err) {
  console.log(`demo stopped: ${err.message}`);
  process.exitCode = 1;
} finally {
  provider.release();
  await close(server);
}
