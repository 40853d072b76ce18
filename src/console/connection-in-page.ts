/**
 * The simulation host on the page's own thread, speaking the same protocol as the worker: for tests,
 * and for browsers that cannot start a module worker (loaded on demand there, see connect.ts).
 */
import type { ConsoleConnection } from './connection';
import { ConsoleHost } from './host';
import type { FromWorker } from './protocol';

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

/**
 * The fallback when this browser cannot start the module worker: the same host on the page's
 * thread, paced by a timer as the worker paces itself (worker.ts). Slower at 60x, but it plays.
 */
export function pacedInProcessConnection(intervalMs = 50): ConsoleConnection {
  const c = inProcessConnection();
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    c.tick((now - last) / 1000);
    last = now;
  }, intervalMs);
  return {
    send: c.send,
    listen: c.listen,
    close() {
      clearInterval(timer);
      c.close();
    },
  };
}
