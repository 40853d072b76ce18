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
scope.onmessage = (event: MessageEvent<ToWorker>) => {
  host.handle(event.data);
  if (host.busyInBackground) soon();
};

// Background work (the checkpoints a load skipped) in short slices, so commands and pacing ticks
// get in between; the first waits a moment, while the page takes the loaded frames.
const SLICE_MS = 25;
let background: ReturnType<typeof setTimeout> | undefined;
function soon(delayMs = 300): void {
  if (background !== undefined) return;
  background = setTimeout(() => {
    background = undefined;
    host.background(SLICE_MS);
    if (host.busyInBackground) soon(0);
  }, delayMs);
}

// Pacing and posting in one timer: ten batches a second up to 10x (a smooth clock); at 60x four,
// of fifteen frames each, since every message costs the page a state-machine step and a clock
// render. Pacing stays exact either way: each tick runs the wall time that passed since the last.
let last = performance.now();
const loop = () => {
  const now = performance.now();
  host.tick((now - last) / 1000);
  last = now;
  if (host.busyInBackground) soon();
  setTimeout(loop, tickMs(host.speed));
};
setTimeout(loop, tickMs(host.speed));
