/// <reference lib="webworker" />
/**
 * The simulation's Web Worker: the ConsoleHost, fed by the page's messages and paced by a timer.
 * Hidden data lives only here until the debrief asks for it.
 */
import { ConsoleHost } from './host';
import type { ToWorker } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = new ConsoleHost((message) => scope.postMessage(message));
scope.onmessage = (event: MessageEvent<ToWorker>) => host.handle(event.data);

const TICK_MS = 50;
let last = performance.now();
setInterval(() => {
  const now = performance.now();
  host.tick((now - last) / 1000);
  last = now;
}, TICK_MS);
