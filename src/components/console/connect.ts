/**
 * Starts one console on the page: the simulation in a module Web Worker (bundled by Vite); the
 * xstate machine; and the frame store the panels read. The simulator (with every scenario's root
 * cause and par) lives only in the worker's bundle, so there is no fallback on the page's thread:
 * a browser without module workers gets an error that says so.
 */
import { createActor } from 'xstate';
import { earlyConnection, unavailableConnection, workerConnection, type ConsoleConnection } from '../../console/connection';
import { FrameStore } from '../../console/frame-store';
import { consoleMachine, type ConsoleActor, type LoadRequest } from '../../console/machine';
import { startSimulationWorker, takeEarlyStart } from './simulation-worker';

export interface ConsoleHandle {
  actor: ConsoleActor;
  frames: FrameStore;
  /** Whether the simulation worker started (false: every command is answered with an error). */
  inWorker: boolean;
  /** A shared run the page began loading before the console started (EarlyStart.astro), or null. */
  sharedRun: Promise<LoadRequest> | null;
  stop(): void;
}

function connect(): { connection: ConsoleConnection; inWorker: boolean; sharedRun: Promise<LoadRequest> | null } {
  const early = takeEarlyStart();
  if (early) return { connection: earlyConnection(early.worker, startSimulationWorker), inWorker: true, sharedRun: early.request };
  try {
    return { connection: workerConnection(startSimulationWorker()), inWorker: true, sharedRun: null };
  } catch {
    return {
      connection: unavailableConnection('This browser could not start the simulation: it needs module Web Workers (any current Chrome, Edge, Firefox or Safari). Update the browser or try another one.'),
      inWorker: false,
      sharedRun: null,
    };
  }
}

export function startConsole(): ConsoleHandle {
  const { connection, inWorker, sharedRun } = connect();
  const frames = new FrameStore();
  const actor = createActor(consoleMachine, { input: { connection, frames } });
  actor.start();
  return {
    actor,
    frames,
    inWorker,
    sharedRun,
    stop() {
      actor.stop();
      connection.close();
    },
  };
}
