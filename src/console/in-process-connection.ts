/**
 * The simulation host on the page's own thread, speaking the same protocol as the worker: for tests,
 * and for the facilitator's page when its browser cannot start a module worker. Never for a player's
 * page: this imports the simulator with every scenario's hidden data.
 */
import type { ConsoleConnection } from './connection';
import { ConsoleHost } from './host';
import type { FromWorker, ToWorker } from './protocol';

/**
 * The host in this thread; `tick` is driven by the caller (tests pass wall seconds themselves).
 * Messages go both ways on a microtask, as a worker would take and deliver them later, never
 * re-entrantly: a command sent from a state machine's action is handled after that action, not
 * inside it (the simulation starts xstate actors of its own, which must not happen inside another
 * machine's custom action). Commands sent before a `tick` are handled before it, in order, as a
 * worker handles the messages queued before its timer fires.
 */
export function inProcessConnection(): ConsoleConnection & { host: ConsoleHost; tick(wallSeconds: number): void; flush(): Promise<void> } {
  const listeners = new Set<(message: FromWorker) => void>();
  let pending: Promise<void> = Promise.resolve();
  const inbox: ToWorker[] = [];
  const drain = () => {
    while (inbox.length > 0) host.handle(inbox.shift()!);
  };
  const host = new ConsoleHost((message) => {
    pending = pending.then(() => {
      for (const l of [...listeners]) l(structuredClone(message));
    });
  });
  return {
    host,
    send: (message) => {
      inbox.push(structuredClone(message));
      if (inbox.length === 1) queueMicrotask(drain);
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => listeners.clear(),
    tick: (wallSeconds) => {
      drain();
      host.tick(wallSeconds);
    },
    flush: async () => {
      drain();
      await pending;
    },
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
