// Three password-guessing attacks on your app (app.js), one simulated hour each, on a fake clock.
// Each attacker sends 10 guesses a second and, when refused, waits exactly the Retry-After it was
// given (the fastest a patient attacker can go). Ana's real password is number 400 on the
// attacker's list. Prints how many guesses the app evaluated, and what that means per hour.
// (The demo's password hashes are cheap so it runs fast; requests go over loopback HTTP.)
import { createApp } from '../app.js';
import { CUSTOMERS, ledgerlyDatabase } from '../lib/data.js';
import { createLogger } from '../lib/logger.js';
import { fakeClock } from '../lib/clock.js';
import { close, listen, request } from '../lib/client.js';

const [ANA] = CUSTOMERS;
const HOUR = 3_600_000;
const MAX_REQUESTS = 1000;
const wordlist = (i) => (i === 399 ? ANA.password : `common-password-${i + 1}`);

async function attack({ name, ipFor, emailFor, guessFor }) {
  const clock = fakeClock();
  const server = createApp({ db: ledgerlyDatabase({ hashCost: 16 }), logger: createLogger(), clock, config: { adminToken: 'demo-admin-token', deviceSecret: 'demo-device-secret' } });
  const port = await listen(server);
  const start = clock.now();
  let requests = 0;
  let evaluated = 0;
  let refused = 0;
  let found = null;
  try {
    let i = 0;
    while (clock.now() - start < HOUR && requests < MAX_REQUESTS && !found) {
      const res = await request(port, { method: 'POST', path: '/login', ip: ipFor(i), body: { email: emailFor(i), password: guessFor(i) } });
      requests += 1;
      if (res.status === 429) {
        refused += 1;
        clock.advance(Math.max(1, Number(res.headers['retry-after']) || 1) * 1000);
        continue;
      }
      evaluated += 1;
      if (res.status === 200) found = { guesses: evaluated, afterMs: clock.now() - start };
      i += 1;
      clock.advance(100);
    }
  } finally {
    await close(server);
  }
  const elapsed = clock.now() - start;
  const perHour = Math.round((evaluated * HOUR) / Math.max(elapsed, 1));
  return { name, requests, evaluated, refused, elapsed, perHour, found };
}

const runs = [
  await attack({ name: 'one IP, one account (brute force)', ipFor: () => '203.0.113.7', emailFor: () => ANA.email, guessFor: wordlist }),
  await attack({ name: '1,000 IPs, one account', ipFor: (i) => `10.${Math.floor(i / 250) % 4}.${i % 250}.1`, emailFor: () => ANA.email, guessFor: wordlist }),
  await attack({ name: 'one IP, many accounts (stuffing)', ipFor: () => '203.0.113.8', emailFor: (i) => `customer${i}@ledgerly.test`, guessFor: () => 'Summer2025!' }),
];

const minutes = (ms) => `${(ms / 60_000).toFixed(1)} min`;
console.log(`${'attack'.padEnd(36)}${'requests'.padStart(9)}${'refused'.padStart(9)}${'guesses'.padStart(9)}${'sim. time'.padStart(11)}${'guesses/hour'.padStart(14)}  Ana's password`);
for (const r of runs) {
  const found = r.name.includes('many accounts') ? 'n/a' : r.found ? `FOUND after ${r.found.guesses} guesses, ${minutes(r.found.afterMs)}` : 'not found';
  console.log(`${r.name.padEnd(36)}${String(r.requests).padStart(9)}${String(r.refused).padStart(9)}${String(r.evaluated).padStart(9)}${minutes(r.elapsed).padStart(11)}${r.perHour.toLocaleString('en-US').padStart(14)}  ${found}`);
}
console.log('');
console.log('"guesses": passwords the app actually checked. "guesses/hour" is extrapolated when an attack stopped early.');
console.log('Per account the lesson\'s delays (1 s, 2 s, 4 s ... 15 min) allow about 13 guesses in the first hour;');
console.log('per IP, 20 failures per 15 minutes allow 20 + 80 = 100 an hour. Stuffing across many IPs needs more: MFA, breached-password checks.');
