/**
 * How the page talks to the simulation: a Web Worker in the browser (the same host in-process, for
 * tests and the facilitator's page, is in-process-connection.ts). Both speak the protocol in
 * protocol.ts. This module imports no simulator: player pages load it, and the simulator's
 * scenarios carry what players must not see (root causes, fault ids, par).
 */
import type { FromWorker, ToWorker } from './protocol';
import { fromWire, type WireMessage } from './frame-wire';

export interface ConsoleConnection {
  send(message: ToWorker): void;
  /** Returns the unsubscribe function. */
  listen(listener: (message: FromWorker) => void): () => void;
  close(): void;
}

export function workerConnection(worker: Worker): ConsoleConnection {
  // Each message is unpacked once, however many listeners take it.
  const unpacked = new WeakMap<object, FromWorker>();
  const read = (data: WireMessage): FromWorker => {
    let message = unpacked.get(data);
    if (!message) {
      try {
        message = fromWire(data);
      } catch (error) {
        message = { type: 'error', message: (error as Error).message };
      }
      unpacked.set(data, message);
    }
    return message;
  };
  return {
    send: (message) => worker.postMessage(message),
    listen(listener) {
      const onMessage = (event: MessageEvent<WireMessage>) => listener(read(event.data));
      const onError = (event: ErrorEvent) => listener({ type: 'error', message: `The simulation worker failed: ${event.message || 'unknown error'}` });
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
