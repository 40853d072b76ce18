// 50 payouts at the same moment, each with its own X-Request-Id. Afterwards we try to put each
// request's story back together from the log lines, two ways: by the request id on every line
// (one query per request), and by searching the text for what the request was about (the
// freelancer's id), which is all Ledgerline had during the incident.
import { createServer } from '../server.js';
import { createLogger } from '../logger.js';
import { captureLines } from '../lib/capture.js';
import { createBank } from '../lib/bank.js';
import { close, listen, request } from '../lib/client.js';

const N = 50;
const capture = captureLines();
const logger = createLogger({ write: capture.write, level: 'info' });
const server = createServer({ logger, bank: createBank() });
const responses = { started: 0, closed: 0 };
server.on('request', (req, res) => {
  responses.started += 1;
  res.once('close', () => (responses.closed += 1));
});
const port = await listen(server);

try {
  const sent = Array.from({ length: N }, (_, i) => ({ id: `req-${1000 + i}`, freelancer: `fr_${1000 + i}` }));
  const replies = await Promise.all(
    sent.map(({ id, freelancer }) =>
      request(port, { method: 'POST', path: '/payouts', headers: { 'x-request-id': id }, body: { freelancer, amount: 12500 } }),
    ),
  );
  // Access lines are written as responses close: wait for every one.
  while (responses.closed < responses.started) await new Promise((resolve) => setTimeout(resolve, 1));

  const lines = capture.lines();
  const parsed = lines.map((line) => {
    try {
      return JSON.parse(line);
    } catch {
      return null;
    }
  });
  const ids = new Map(sent.map((s) => [s.id, s]));
  const owner = new Map(sent.map((s) => [s.freelancer, s.id]));

  // By request id: a line belongs to the request whose id it carries.
  const byId = parsed.map((r) => (r && ids.has(r.request_id) ? r.request_id : null));
  // Catch lines tied to the wrong request: those that name a freelancer must carry that freelancer's request id.
  const wrongById = parsed.filter((r, i) => byId[i] && r.attributes?.['freelancer.id'] && owner.get(r.attributes['freelancer.id']) !== byId[i]).length;

  // By text: a line belongs to a request if it mentions exactly one of the freelancers.
  const byText = lines.map((line) => {
    const named = sent.filter((s) => line.includes(`"${s.freelancer}"`) || line.includes(` ${s.freelancer} `));
    return named.length === 1 ? named[0].id : null;
  });

  const story = (assigned) =>
    sent.filter(({ id }) => {
      const mine = parsed.filter((r, i) => assigned[i] === id);
      const has = (test) => mine.some((r) => r && test(r));
      return has((r) => r.body === 'payout accepted') && has((r) => r.body === 'payout sent') && has((r) => r.attributes?.['http.response.status_code'] !== undefined);
    }).length;

  const tied = (assigned) => assigned.filter(Boolean).length;
  const notJson = parsed.filter((r) => r === null).length;
  const ok = replies.filter((r) => r.status === 201).length;

  const col = (v, w) => String(v).padStart(w);
  console.log(`${N} concurrent payouts (${ok} answered 201); the service wrote ${lines.length} log lines${notJson ? `, ${notJson} of them not JSON` : ''}.`);
  console.log('');
  console.log(`${''.padEnd(44)}${col('by request id', 16)}${col('by searching text', 20)}`);
  console.log(`${'lines tied to a request'.padEnd(44)}${col(`${tied(byId)} / ${lines.length}`, 16)}${col(`${tied(byText)} / ${lines.length}`, 20)}`);
  console.log(`${'requests whose whole story is found'.padEnd(44)}${col(`${story(byId)} / ${N}`, 16)}${col(`${story(byText)} / ${N}`, 20)}`);
  console.log(`${'lines tied to the wrong request'.padEnd(44)}${col(wrongById, 16)}${col(0, 20)}`);
  console.log('');
  console.log('(a whole story: the "payout accepted" line, the "payout sent" line and the access line)');
  console.log(`requests you can follow end to end: ${story(byId)} of ${N} by request id (expected ${N}), ${story(byText)} of ${N} by searching the text`);
} catch (err) {
  console.log(`demo stopped: ${err.message}`);
  process.exitCode = 1;
} finally {
  await close(server);
}
