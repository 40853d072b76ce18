// The lesson's worked example, try by try: deadline 2,000 ms, 800 ms per try, at most 3 tries, full
// jitter with base 100 ms. The injected random() returns 0.6, then 0.75, so the waits are 60 ms
// (0.6 of 100) and 150 ms (0.75 of 200). The server never answers.
import { createRetryingClient } from '../client.js';
import { fakeClock } from '../lib/clock.js';
import { createFakeServer } from '../lib/fake-server.js';
import { scriptedRandom } from '../lib/random.js';

const clock = fakeClock();
const start = clock.now();
const server = createFakeServer(clock, { origin: 'http://pricing.test' }).otherwise({ hang: true });
const client = createRetryingClient({
  fetch: server.fetch,
  clock,
  random: scriptedRandom([0.6, 0.75]),
  deadlineMs: 2000,
  perTryMs: 800,
  maxAttempts: 3,
  baseMs: 100,
  capMs: 2000,
});

console.log('GET /prices/7 to a server that never answers; deadline 2,000 ms, 800 ms per try, 3 tries, waits of 60 then 150 ms');
console.log('');
let ending;
try {
  const res = await clock.run(client.request('http://pricing.test/prices/7'));
  ending = `returned ${res.status}`;
} catch (err) {
  ending = err.code === 'ERR_CLOCK_STUCK' ? `never ended: ${err.message}` : `gave up with ${err.name}: ${err.message}`;
}
server.calls.forEach((c, i) => {
  const from = c.at - start;
  const to = c.endedAt === undefined ? undefined : c.endedAt - start;
  const ms = (v) => `${v.toLocaleString('en-US')} ms`;
  const span = to === undefined ? `${ms(from)} -> still waiting` : `${ms(from)} -> ${ms(to)} (${ms(to - from)}, ${c.outcome})`;
  console.log(`try ${i + 1}: ${span}`);
});
console.log('');
console.log(`the call ${ending}`);
console.log(`at ${(clock.now() - start).toLocaleString('en-US')} ms (expected: tries at 0, 860 and 1,810 ms, the last cut after 190 ms, the call over at 2,000 ms)`);
