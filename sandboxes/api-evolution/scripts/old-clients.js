// The clients shops wrote against v1 years ago, run against your server as it is now, then a new
// client reading /v2 with reader.js. Before the fix every old client fails; after it, none does.
import { createServer } from '../server.js';
import { fakeClock } from '../lib/clock.js';
import { close, get, listen } from '../lib/client.js';
import { runOldClients } from '../lib/old-clients.js';
import { readPage } from '../reader.js';

const server = createServer({ clock: fakeClock(Date.UTC(2026, 2, 1)) });
const port = await listen(server);
try {
  console.log('Old v1 clients against the server (1 March 2026):');
  const results = await runOldClients(port);
  for (const r of results) console.log(`  ${r.ok ? 'ok    ' : 'FAILED'} ${r.name.padEnd(28)} ${r.ok ? r.said : r.why}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`old clients failing: ${failed} of ${results.length} (expected 0)`);

  console.log('');
  console.log('New client: GET /v2/shipments read with reader.js');
  const res = await get(port, '/v2/shipments');
  if (res.status !== 200) {
    console.log(`  GET /v2/shipments answered ${res.status}: there is no v2 yet`);
  } else {
    try {
      const { shipments, skipped } = readPage(res.json);
      for (const s of shipments) console.log(`  ${s.id}  ${String(s.status).padEnd(17)} ${String(s.weightGrams).padStart(6)} g  ${s.city ?? '-'}`);
      console.log(`shipments read: ${shipments.length}, skipped: ${skipped.length}`);
    } catch (err) {
      console.log(`  the reader rejected the page: ${err.message}`);
    }
  }
} finally {
  await close(server);
}
