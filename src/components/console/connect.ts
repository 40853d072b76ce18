/**
 * Starts one console on the page: the simulation in a module Web Worker (bundled by Vite), or,
 * when this browser cannot start one, the same host on the page's thread; the xstate machine; and
 * the frame store the panels read.
 */
import { createActor } from 'xstate';
import { pacedInProcessConnection, workerConnection, type ConsoleConnection } from '../../console/connection';
import { FrameStore } from '../../console/frame-store';
import { consoleMachine, type ConsoleActor } from '../../console/machine';

export interface ConsoleHandle {
  actor: ConsoleActor;
  frames: FrameStore;
  /** Whether the simulation runs in a worker (false: the fallback on the page's thread). */
  inWorker: boolean;
  stop(): void;
}

function connect(): { connection: ConsoleConnection; inWorker: boolean } {
  try {
    const worker = new Worker(new URL('../../console/worker.ts', import.meta.url), { type: 'module', name: 'blast-radius-simulation' });
    return { connection: workerConnection(worker), inWorker: true };
  } catch {
    return { connection: pacedInProcessConnection(), inWorker: false };
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
