/**
 * The console's simulation worker. The console starts it (connect.ts), except on a shared run's
 * page: there early-start.ts starts it with the run's load as soon as the page's first script runs,
 * so the replay computes while React and the console's own code arrive, and the console takes that
 * worker over (connection.ts `earlyConnection`).
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

let early: EarlyStart | null = null;

/**
 * Starts the worker on the share link's `run` at once (the worker reads the link itself) while the
 * page reads it too (`request`, which the console loads); the console takes both (takeEarlyStart).
 */
export function startEarly(run: string, request: Promise<LoadRequest>): void {
  let worker: Worker;
  try {
    worker = startSimulationWorker();
  } catch {
    return; // The console says why when it tries.
  }
  const held: FromWorker[] = [];
  const hold = (event: MessageEvent<FromWorker>) => held.push(event.data);
  const failed = (event: ErrorEvent) => held.push(workerFailed(event));
  worker.addEventListener('message', hold);
  worker.addEventListener('error', failed);
  worker.postMessage({ type: 'load-shared', run } satisfies ToWorker);
  // The load the worker began, as the console will ask for it: both come from the same link, read by
  // the same code (load-command.ts), so the console's first load is this one.
  let sent: ToWorker | null = null;
  const loading = request.then((r) => {
    sent = loadCommand(r);
    return r;
  });
  // The console reports a damaged link; this only keeps the browser from calling it unhandled first.
  loading.catch(() => undefined);
  early = {
    request: loading,
    worker: {
      worker,
      sent: () => sent,
      release() {
        worker.removeEventListener('message', hold);
        worker.removeEventListener('error', failed);
        return held.splice(0);
      },
    },
  };
}

/** The early start, once: the console that takes it owns the worker. */
export function takeEarlyStart(): EarlyStart | null {
  const taken = early;
  early = null;
  return taken;
}
