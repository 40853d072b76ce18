// Two minutes of a busy board in simulated time: 40 events a second of about 500 bytes each, to 5
// tabs on good connections and one on a weak phone signal that reads 3 KB a second. Played twice:
// with no bound on what the server holds for a client (maxQueued Infinity) and with maxQueued 500.
// Prints, every 10 s, what the server holds in memory for the slow client: bytes written but not
// yet read from its connection, plus events queued for it that were not written yet.
import { virtualScheduler } from '../lib/scheduler.js';
import { slowClient } from '../lib/slow-client.js';
import { createEventStream } from '../stream.js';

const SECONDS = 120;
const PER_SECOND = 40;
const FAST_TABS = 5;

function play(maxQueued) {
  const scheduler = virtualScheduler();
  const start = scheduler.now();
  const stream = createEventStream({ scheduler, random: () => 0.5, maxQueued });
  const slow = slowClient({ scheduler, readBytesPerSec: 3_000 });
  stream.handle(slow.req, slow.res);
  const fast = Array.from({ length: FAST_TABS }, () => {
    const tab = slowClient({ scheduler });
    stream.handle(tab.req, tab.res);
    return tab;
  });
  const text = 'x'.repeat(380);
  for (let n = 1; n <= SECONDS * PER_SECOND; n += 1) {
    scheduler.setTimeout(() => stream.publish('comment-added', { card: `c${n % 40}`, by: 'ana', n, text }), (n * 1000) / PER_SECOND);
  }
  const rows = [];
  let frameBytes = 0;
  for (let t = 10; t <= SECONDS; t += 10) {
    scheduler.runUntil(start + t * 1000);
    const written = slow.written.length;
    frameBytes ||= written > 0 ? slow.bytesWritten / written : 0;
    const queued = slow.dropped ? 0 : Math.max(0, stream.lastId - written);
    rows.push({
      t,
      inConnection: slow.buffered,
      queued,
      held: slow.buffered + queued * frameBytes,
      read: slow.events.length,
      state: slow.dropped ? `dropped at ${Math.round((slow.droppedAt - start) / 1000)} s` : 'connected',
    });
  }
  const fastMin = Math.min(...fast.map((f) => f.events.length));
  return { rows, fastMin, published: stream.lastId };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} KB`;
const col = (v, w) => String(v).padStart(w);
const runs = [
  ['no bound (maxQueued Infinity)', play(Infinity)],
  ['maxQueued 500', play(500)],
];

console.log(`${PER_SECOND} events/s of ~500 bytes for ${SECONDS} s; ${FAST_TABS} fast tabs and one that reads 3 KB/s`);
console.log('"held": what the server keeps in memory for the slow tab (its connection buffer + its queue)');
console.log('');
console.log(`${' '.repeat(5)}${runs.map(([name]) => `  ${name.padEnd(44)}`).join('')}`.trimEnd());
const head = `  ${col('held', 10)}${col('queued', 8)}${col('read', 7)}  ${''.padEnd(17)}`;
console.log(`${col('s', 5)}${head}${head}`.trimEnd());
for (let i = 0; i < runs[0][1].rows.length; i += 1) {
  const cells = runs.map(([, r]) => {
    const row = r.rows[i];
    return `  ${col(kb(row.held), 10)}${col(row.queued, 8)}${col(row.read, 7)}  ${row.state.padEnd(17)}`;
  });
  console.log(`${col(runs[0][1].rows[i].t, 5)}${cells.join('')}`.trimEnd());
}
console.log('');
for (const [name, r] of runs) {
  console.log(`${name}: every fast tab received ${r.fastMin} of ${r.published} events; held for the slow tab at the end: ${kb(r.rows.at(-1).held)}`);
}
console.log('A dropped tab reconnects with Last-Event-ID and resumes from the replay buffer at its own pace.');
