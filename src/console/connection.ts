/**
 * How the page talks to the simulation: a Web Worker in the browser (the same host in-process, for
 * tests and the facilitator's page, is in-process-connection.ts). Both speak the protocol in
 * protocol.ts. This module imports no simulator: player pages load it, and the simulator's
 * scenarios carry what players must not see (root causes, fault ids, par).
 */
import type { FromWorker, ToWorker } from './protocol';

export interface ConsoleConnection {
  send(message: ToWorker): void;
  /** Returns the unsubscribe function. */
  listen(listener: (message: FromWorker) => void): () => void;
  close(): void;
}

/** What the console shows when the simulation worker itself fails (its script did not load or threw). */
export function workerFailed(event: ErrorEvent): FromWorker {
  return { type: 'error', message: `The simulation worker failed: ${event.message || 'unknown error'}` };
}

export function workerConnection(worker: Worker): ConsoleConnection {
  return {
    send: (message) => worker.postMessage(message),
    listen(listener) {
      const onMessage = (event: MessageEvent<FromWorker>) => listener(event.data);
      const onError = (event: ErrorEvent) => listener(workerFailed(event));
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      return () => {
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
      };
    },
    close: () => worker.terminate(),
  };
}

/**
 * For a browser that cannot start a module worker: the console shows why instead of playing. Player
 * pages have no in-page fallback, because running the simulation on the page would put the hidden
 * scenarios into the page's own JavaScript.
 */
export function unavailableConnection(reason: string): ConsoleConnection {
  const listeners = new Set<(message: FromWorker) => void>();
  return {
    send: () => {
      // Every command is answered with the reason (the console asks to load first).
      queueMicrotask(() => {
        for (const l of [...listeners]) l({ type: 'error', message: reason });
      });
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => listeners.clear(),
  };
}

/** A worker the page started early, with its first load already sent (see components/console/early-worker.ts). */
export interface EarlyWorker {
  worker: Worker;
  /** The load it was sent, once sent. */
  sent(): ToWorker | null;
  /** Stops holding the worker's messages and returns the ones held so far, oldest first. */
  release(): FromWorker[];
}

/**
 * A connection to a worker that began loading before the console started. Its messages wait until
 * the console sends its first command: when that is the very load the worker was given, it is not
 * sent again and the waiting messages arrive as its answer; anything else ends that worker and goes
 * to a fresh one (`fresh`), so no answer to a load the console did not ask for reaches it.
 */
export function earlyConnection(early: EarlyWorker, fresh: () => Worker): ConsoleConnection {
  const listeners = new Set<(message: FromWorker) => void>();
  const deliver = (message: FromWorker) => {
    for (const l of [...listeners]) l(message);
  };
  // Until the first command, what the early worker says waits here in order: the messages it held,
  // then (taken over in the same task, so none is missed) the ones that come after.
  let waiting: FromWorker[] | null = early.release();
  let current = workerConnection(early.worker);
  let unlisten = current.listen((m) => (waiting ? waiting.push(m) : deliver(m)));
  return {
    send(message) {
      if (waiting) {
        const answered = waiting;
        waiting = null;
        const sent = early.sent();
        if (sent && JSON.stringify(sent) === JSON.stringify(message)) {
          // Answered after this send returns, as a worker's answer would be.
          queueMicrotask(() => answered.forEach(deliver));
          return;
        }
        unlisten();
        current.close();
        current = workerConnection(fresh());
        unlisten = current.listen(deliver);
      }
      current.send(message);
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => {
      unlisten();
      current.close();
    },
  };
}
