/**
 * Starts one console on the page: the simulation in a module Web Worker (bundled by Vite); the
 * xstate machine; and the frame store the panels read. The simulator (with every scenario's root
 * cause and par) lives only in the worker's bundle, so there is no fallback on the page's thread:
 * a browser without module workers gets an error that says so.
 */
import { createActor } from 'xstate';
import { unavailableConnection, workerConnection, type ConsoleConnection } from '../../console/connection';
import { FrameStore } from '../../console/frame-store';
import { consoleMachine, type ConsoleActor } from '../../console/machine';

export interface ConsoleHandle {
  actor: ConsoleActor;
  frames: FrameStore;
  /** Whether the simulation worker started (false: every command is answered with an error). */
  inWorker: boolean;
  stop(): void;
}

function connect(): { connection: ConsoleConnection; inWorker: boolean } {
  try {
    const worker = new Worker(new URL('../../console/worker.ts', import.meta.url), { type: 'module', name: 'blast-radius-simulation' });
    return { connection: workerConnection(worker), inWorker: true };
  } catch {
    return {
      connection: unavailableConnection('This browser could not start the simulation: it needs module Web Workers (any current Chrome, Edge, Firefox or Safari). Update the browser or try another one.'),
      inWorker: false,
    };
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
