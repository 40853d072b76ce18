/// <reference lib="webworker" />
/**
 * The simulation's Web Worker: the ConsoleHost, fed by the page's messages and paced by a timer.
 * Hidden data lives only here until the debrief asks for it.
 */
import { ConsoleHost } from './host';
import type { ToWorker } from './protocol';
import { tickMs } from './host';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = new ConsoleHost((message) => scope.postMessage(message));
scope.onmessage = (event: MessageEvent<ToWorker>) => host.handle(event.data);

// Pacing and posting in one timer: ten batches a second up to 10x (a smooth clock); at 60x four,
// of fifteen frames each, since every message costs the page a state-machine step and a clock
// render. Pacing stays exact either way: each tick runs the wall time that passed since the last.
let last = performance.now();
const loop = () => {
  const now = performance.now();
  host.tick((now - last) / 1000);
  last = now;
  setTimeout(loop, tickMs(host.speed));
};
setTimeout(loop, tickMs(host.speed));
