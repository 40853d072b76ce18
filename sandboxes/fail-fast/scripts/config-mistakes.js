// A deploy with three configuration mistakes: PORT has a typo, PAYMENT_API_KEY is empty (the secret
// was renamed and the old name no longer exists), MAIL_FROM is missing. Shows what main() does with
// it, and, if it starts anyway, what the first customer's order runs into.
import { main } from '../server.js';
import { createWorld } from '../lib/world.js';
import { close, listen, post } from '../lib/client.js';

const env = {
  PORT: '80a',
  DATABASE_URL: 'postgres://shop:hunter2@db.internal:5432/shop',
  PAYMENT_API_KEY: '',
};
console.log('The environment of the new pods:');
for (const name of ['PORT', 'DATABASE_URL', 'PAYMENT_API_KEY', 'MAIL_FROM']) {
  const value = env[name];
  const shown = value === undefined ? '(not set)' : name === 'DATABASE_URL' ? 'postgres://shop:********@db.internal:5432/shop' : JSON.stringify(value);
  console.log(`  ${name.padEnd(16)} ${shown}`);
}
console.log('');

const world = createWorld();
const written = [];
const exits = [];
let listenedOn = null;
let server = null;
try {
  server = await main({
    env,
    world,
    exit: (code) => exits.push(code),
    write: (line) => written.push(String(line)),
    listen: async (s, port) => {
      listenedOn = port;
      await listen(s); // on a free port, whatever PORT says, so the demo can send an order
      return s;
    },
  });
} catch (err) {
  console.log(`main() crashed with an exception instead of a clear report:\n  ${String(err.stack ?? err).split('\n').slice(0, 3).join('\n  ')}`);
}

if (exits.length > 0) {
  console.log(`main() refused to start: exit code ${exits[0]}, ${written.length} line${written.length === 1 ? '' : 's'} written:`);
  for (const line of written) console.log(`  ${line.trimEnd()}`);
  console.log('');
  console.log('The new pods never become ready, so the rollout stops and the old version keeps serving: 0 orders affected.');
} else if (server) {
  console.log(`main() started anyway, listening on port ${String(listenedOn)}. Health checks pass; the rollout completes.`);
  const res = await post(server.address().port, {
    body: { items: [{ sku: 'TENT-2P', quantity: 1 }], email: 'ana@example.com', address: { country: 'GB', postcode: 'SW1A 1AA' } },
  });
  console.log(`The first customer's order: ${res.status} ${res.json?.detail ?? res.text.slice(0, 80)}`);
  console.log(`What it did to the world on the way: ${world.effects.map((e) => e.kind).join(', ') || 'nothing'}`);
  console.log('Every order fails like this until someone reads the logs and finds out why.');
  await close(server);
}
console.log('');
console.log(`mistakes named in one go: ${['PORT', 'PAYMENT_API_KEY', 'MAIL_FROM'].filter((n) => written.join('').includes(n)).length} of 3 (expected 3)`);
