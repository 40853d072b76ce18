/**
 * A shared run's first step, taken by the console pages' first script (EarlyStart.astro): the
 * simulation worker is started on the link at once and the run computes while the page's module
 * graph, React and the console arrive; the console takes the worker over (simulation-worker.ts
 * `takeEarlyStart`, then connection.ts `earlyConnection`).
 *
 * This module imports nothing at run time, and only EarlyStart.astro imports it: the script it ends
 * up in must start the worker without waiting for another round trip to the server.
 */
import type { ToWorker } from '../../console/protocol';

/** What the early script leaves on the page for the console. */
export interface EarlyHandOff {
  /** The link's `run` parameter, as the worker was given it. */
  run: string;
  worker: Worker;
  /** What the worker said before the console took it, oldest first. */
  said: Array<MessageEvent | ErrorEvent>;
  /** Stops collecting into `said` (the console listens itself from then on). */
  stop(): void;
}

declare global {
  /** Set by the early script on a shared run's page, taken (and deleted) by the console. */
  var blastRadiusEarlyStart: EarlyHandOff | undefined;
}

/** Sends the worker the link (the worker decodes it) and leaves it on the page for the console. */
export function beginEarlyStart(run: string, worker: Worker): EarlyHandOff {
  const said: EarlyHandOff['said'] = [];
  const keep = (event: MessageEvent | ErrorEvent) => said.push(event);
  worker.addEventListener('message', keep);
  worker.addEventListener('error', keep);
  worker.postMessage({ type: 'load-shared', run } satisfies ToWorker);
  const handOff: EarlyHandOff = {
    run,
    worker,
    said,
    stop() {
      worker.removeEventListener('message', keep);
      worker.removeEventListener('error', keep);
    },
  };
  globalThis.blastRadiusEarlyStart = handOff;
  return handOff;
}
