/**
 * A debrief worker for bench/debrief.bench.ts, as a Node worker thread: the page's worker.ts with
 * `parentPort` for `self`. When its part is done it also posts the CPU time this thread used.
 */
import { parentPort } from 'node:worker_threads';
import { DebriefHost, type ToDebrief } from '../src/console/debrief/host';

const port = parentPort!;
let start = process.threadCpuUsage();
const host = new DebriefHost((message) => {
  port.postMessage(message);
  if (message.type === 'effects' || message.type === 'part') {
    const used = process.threadCpuUsage(start);
    port.postMessage({ type: 'cpu', ms: (used.user + used.system) / 1000 });
  }
});
port.on('message', (message: ToDebrief) => {
  if (message.type === 'debrief') start = process.threadCpuUsage();
  host.handle(message);
});
