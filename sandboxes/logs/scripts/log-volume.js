// How much a service logs, and what DEBUG costs. 100 payouts are run at LOG_LEVEL=info and again
// at LOG_LEVEL=debug; the bytes and lines they write are scaled to 1,200 requests per second for
// a day (the lesson's worked example), priced at an assumed $0.50 per GB ingested.
import { createServer } from '../server.js';
import { createLogger } from '../logger.js';
import { captureLines } from '../lib/capture.js';
import { createBank } from '../lib/bank.js';
import { close, listen, request } from '../lib/client.js';

const REQUESTS = 100;
const RPS = 1_200;
const PRICE_PER_GB = 0.5;
const CREDENTIALS = [/sk_live_/, /Bearer /];

async function measure(level) {
  const capture = captureLines();
  const logger = createLogger({ write: capture.write, level });
  const server = createServer({ logger, bank: createBank() });
  const responses = { started: 0, closed: 0 };
  server.on('request', (req, res) => {
    responses.started += 1;
    res.once('close', () => (responses.closed += 1));
  });
  const port = await listen(server);
  try {
    for (let i = 0; i < REQUESTS; i += 1) {
      await request(port, {
        method: 'POST',
        path: '/payouts',
        headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.client-session', 'x-request-id': `vol-${i}` },
        body: { freelancer: `fr_${i}`, amount: 10_000 + i },
      });
    }
    while (responses.closed < responses.started) await new Promise((resolve) => setTimeout(resolve, 1));
  } finally {
    await close(server);
  }
  const lines = capture.lines();
  const bytes = Buffer.byteLength(capture.writes.join(''));
  return {
    level,
    linesPerRequest: lines.length / REQUESTS,
    bytesPerRequest: bytes / REQUESTS,
    leaks: lines.filter((line) => CREDENTIALS.some((re) => re.test(line))).length,
  };
}

const fmt = (n, digits = 0) => n.toFixed(digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
try {
  const rows = [await measure('info'), await measure('debug')];
  console.log(`${REQUESTS} payouts at each level, scaled to ${fmt(RPS)} requests/s x 86,400 s a day, at $${PRICE_PER_GB.toFixed(2)} per GB:`);
  console.log('');
  console.log(`${'LOG_LEVEL'.padEnd(10)}${'lines/req'.padStart(10)}${'bytes/req'.padStart(11)}${'lines/s'.padStart(10)}${'GB/day'.padStart(9)}${'$ per 30 days'.padStart(15)}${'lines with a credential'.padStart(25)}`);
  for (const r of rows) {
    const perDay = r.bytesPerRequest * RPS * 86_400;
    const gb = perDay / 1e9;
    console.log(
      `${r.level.padEnd(10)}${fmt(r.linesPerRequest, 1).padStart(10)}${fmt(r.bytesPerRequest).padStart(11)}${fmt(r.linesPerRequest * RPS).padStart(10)}${fmt(gb, 1).padStart(9)}${`$${fmt(gb * 30 * PRICE_PER_GB)}`.padStart(15)}${`${r.leaks} of ${fmt(r.linesPerRequest * REQUESTS)}`.padStart(25)}`,
    );
  }
  const ratio = rows[1].bytesPerRequest / rows[0].bytesPerRequest;
  console.log('');
  console.log(`DEBUG writes ${ratio.toFixed(1)} times as much as INFO (expected well above 1: debug lines must be filtered out at info)`);
  console.log(`credentials in the output: ${rows[0].leaks + rows[1].leaks} lines (expected 0: the bank key and the client's token are redacted)`);
} catch (err) {
  console.log(`demo stopped: ${err.message}`);
  process.exitCode = 1;
}
