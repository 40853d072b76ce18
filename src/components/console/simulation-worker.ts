/**
 * The console's simulation worker. The console starts it (connect.ts), except on a shared run's
 * page: there the page's first script has already started it on the link (EarlyStart.astro,
 * early-worker.ts), so the replay computes while React and the console's own code arrive, and the
 * console takes that worker over here (then connection.ts `earlyConnection`).
 */
import { workerFailed, type EarlyWorker } from '../../console/connection';
import { loadCommand, type LoadRequest } from '../../console/load-command';
import type { FromWorker, ToWorker } from '../../console/protocol';

export function startSimulationWorker(): Worker {
  return new Worker(new URL('../../console/worker.ts', import.meta.url), { type: 'module', name: 'blast-radius-simulation' });
}

export interface EarlyStart {
  worker: EarlyWorker;
  /** The run being loaded (rejects, with a message for the learner, when the link is damaged). */
  request: Promise<LoadRequest>;
}

/**
 * The early start, once (the console that takes it owns the worker), or null. The page reads the
 * link with the same code as the worker (load-command.ts), so the console's first load is the one
 * the worker began.
 */
export function takeEarlyStart(): EarlyStart | null {
  const handOff = globalThis.blastRadiusEarlyStart;
  if (!handOff) return null;
  globalThis.blastRadiusEarlyStart = undefined;
  let sent: ToWorker | null = null;
  const request = import('./sharing')
    .then(({ readSharedRun }) => readSharedRun(handOff.run))
    .then((r) => {
      sent = loadCommand(r);
      return r;
    });
  // The console reports a damaged link; this only keeps the browser from calling it unhandled first.
  request.catch(() => undefined);
  return {
    request,
    worker: {
      worker: handOff.worker,
      sent: () => sent,
      release(): FromWorker[] {
        handOff.stop();
        return handOff.said.splice(0).map((event) => (event instanceof MessageEvent ? (event.data as FromWorker) : workerFailed(event)));
      },
    },
  };
}
