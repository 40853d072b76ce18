/**
 * How the page talks to the simulation: a Web Worker in the browser, or the same host in-process
 * (connection-in-page.ts: tests, and browsers without module workers). Both speak the protocol in
 * protocol.ts. This file stays free of the simulator, so pages that use the worker never load it.
 */
import type { FromWorker, ToWorker } from './protocol';

export interface ConsoleConnection {
  send(message: ToWorker): void;
  /** Returns the unsubscribe function. */
  listen(listener: (message: FromWorker) => void): () => void;
  close(): void;
}

export function workerConnection(worker: Worker): ConsoleConnection {
  return {
    send: (message) => worker.postMessage(message),
    listen(listener) {
      const onMessage = (event: MessageEvent<FromWorker>) => listener(event.data);
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
