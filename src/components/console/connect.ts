/**
 * Starts one console on the page: the simulation in a module Web Worker (bundled by Vite), or,
 * when this browser cannot start one, the same host on the page's thread; the xstate machine; and
 * the frame store the panels read.
 */
import { createActor } from 'xstate';
import { workerConnection, type ConsoleConnection } from '../../console/connection';
import { FrameStore } from '../../console/frame-store';
import { consoleMachine, type ConsoleActor } from '../../console/machine';
import type { FromWorker, ToWorker } from '../../console/protocol';

export interface ConsoleHandle {
  actor: ConsoleActor;
  frames: FrameStore;
  /** Whether the simulation runs in a worker (false: the fallback on the page's thread). */
  inWorker: boolean;
  stop(): void;
}

/**
 * The fallback on the page's thread, loaded only when it is needed: importing it statically would put
 * the whole simulator (and the drills' hidden root causes) into every console page's own JavaScript.
 * Messages sent before it has loaded are kept and sent in order once it has.
 */
function inPageConnection(): ConsoleConnection {
  let real: ConsoleConnection | null = null;
  let closed = false;
  const queued: ToWorker[] = [];
  const listeners = new Set<(message: FromWorker) => void>();
  const attached = new Map<(message: FromWorker) => void, () => void>();
  void import('../../console/connection-in-page')
    .then(({ pacedInProcessConnection }) => {
      if (closed) return;
      real = pacedInProcessConnection();
      for (const l of listeners) attached.set(l, real.listen(l));
      for (const m of queued.splice(0)) real.send(m);
    })
    .catch((e: Error) => {
      for (const l of listeners) l({ type: 'error', message: `The simulation could not start in this page: ${e.message}` });
    });
  return {
    send: (message) => (real ? real.send(message) : queued.push(message)),
    listen(listener) {
      listeners.add(listener);
      if (real) attached.set(listener, real.listen(listener));
      return () => {
        listeners.delete(listener);
        attached.get(listener)?.();
        attached.delete(listener);
      };
    },
    close() {
      closed = true;
      real?.close();
    },
  };
}

function connect(): { connection: ConsoleConnection; inWorker: boolean } {
  try {
    const worker = new Worker(new URL('../../console/worker.ts', import.meta.url), { type: 'module', name: 'blast-radius-simulation' });
    return { connection: workerConnection(worker), inWorker: true };
  } catch {
    return { connection: inPageConnection(), inWorker: false };
  }
}

export function startConsole(): ConsoleHandle {
  const { connection, inWorker } = connect();
  const frames = new FrameStore();
  const actor = createActor(consoleMachine, { input: { connection, frames } });
  actor.start();
  return {
    actor,
    frames,
    inWorker,
    stop() {
      actor.stop();
      connection.close();
    },
  };
}
