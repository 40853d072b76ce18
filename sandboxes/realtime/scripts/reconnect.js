// A minute of a busy board (2 changes a second) while the network drops three times, for 2 s, 6 s
// and 12 s, played in simulated time. Three tabs watch it: a browser's EventSource, which sends
// Last-Event-ID when it reconnects, and two hand-made clients that do not: one reconnects to the
// plain URL, the other to the URL it first opened, /events?since=0.
import { virtualScheduler } from '../lib/scheduler.js';
import { simulatedTab } from '../lib/tab.js';
import { createEventStream } from '../stream.js';

const SECONDS = 60;
const PER_SECOND = 2;
const OUTAGES = [
  { at: 8, for: 2 },
  { at: 20, for: 6 },
  { at: 36, for: 12 },
];

function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const scheduler = virtualScheduler();
const start = scheduler.now();
const stream = createEventStream({ scheduler, random: seeded(11) });
let down = false;
const networkUp = () => !down;

const tabs = [
  ['EventSource, sends Last-Event-ID', simulatedTab({ scheduler, stream, path: '/events', networkUp })],
  ['no Last-Event-ID, plain URL', simulatedTab({ scheduler, stream, path: '/events', sendLastEventId: false, networkUp })],
  ['no Last-Event-ID, ?since=0 URL', simulatedTab({ scheduler, stream, path: '/events?since=0', sendLastEventId: false, networkUp })],
];

for (let n = 1; n <= SECONDS * PER_SECOND; n += 1) {
  scheduler.setTimeout(() => stream.publish('card-moved', { card: `c${n % 12}`, to: ['todo', 'doing', 'review', 'done'][n % 4], by: 'ana', n }), (n * 1000) / PER_SECOND);
}
for (const outage of OUTAGES) {
  scheduler.setTimeout(() => {
    down = true;
    for (const [, tab] of tabs) tab.drop();
  }, outage.at * 1000);
  scheduler.setTimeout(() => {
    down = false;
  }, (outage.at + outage.for) * 1000);
}
scheduler.runUntil(start + (SECONDS + 15) * 1000); // 15 s more for the last reconnects

const published = stream.lastId;
console.log(`${published} board events in ${SECONDS} s (${PER_SECOND}/s); the network drops at ${OUTAGES.map((o) => `${o.at} s for ${o.for} s`).join(', ')}`);
console.log('');
const col = (v, w) => String(v).padStart(w);
console.log(`${'tab'.padEnd(34)}${col('connections', 12)}${col('received', 10)}${col('missed', 8)}${col('duplicated', 12)}${col('resets', 8)}`);
for (const [label, tab] of tabs) {
  const board = tab.events.filter((e) => e.type !== 'reset');
  const ids = board.map((e) => Number(e.lastEventId));
  const unique = new Set(ids);
  let missed = 0;
  for (let id = 1; id <= published; id += 1) if (!unique.has(id)) missed += 1;
  const resets = tab.events.length - board.length;
  console.log(`${label.padEnd(34)}${col(tab.connections, 12)}${col(ids.length, 10)}${col(missed, 8)}${col(ids.length - unique.size, 12)}${col(resets, 8)}`);
}
console.log('');
console.log('missed: events the tab never received, so its board is silently wrong;');
console.log('duplicated: events it received more than once, so a comment shows twice unless the page deduplicates.');
