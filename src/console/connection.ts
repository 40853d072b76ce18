/**
 * How the page talks to the simulation: a Web Worker in the browser, or the same host in-process
 * (tests, and browsers without module workers). Both speak the protocol in protocol.ts.
 */
import { ConsoleHost } from './host';
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

/**
 * The host in this thread; `tick` is driven by the caller (tests pass wall seconds themselves).
 * Messages are delivered on a microtask, as a worker would deliver them later, never re-entrantly.
 */
export function inProcessConnection(): ConsoleConnection & { host: ConsoleHost; tick(wallSeconds: number): void; flush(): Promise<void> } {
  const listeners = new Set<(message: FromWorker) => void>();
  let pending: Promise<void> = Promise.resolve();
  const host = new ConsoleHost((message) => {
    pending = pending.then(() => {
      for (const l of [...listeners]) l(structuredClone(message));
    });
  });
  return {
    host,
    send: (message) => host.handle(structuredClone(message)),
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => listeners.clear(),
    tick: (wallSeconds) => host.tick(wallSeconds),
    flush: () => pending,
  };
}
