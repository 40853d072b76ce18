/**
 * A workshop console: the console machine, its frame store and ticker on a given connection.
 * The facilitator's connection is the simulation worker (simulation-console.ts); a player's is the
 * relay. Nothing here imports the simulator, so the players' page bundle carries no scenario.
 */
import { createActor } from 'xstate';
import type { ConsoleConnection } from '../../console/connection';
import { FrameStore } from '../../console/frame-store';
import { consoleMachine, type ConsoleActor } from '../../console/machine';
import { FrameTicker } from '../console/context';

export interface WorkshopConsole {
  actor: ConsoleActor;
  frames: FrameStore;
  ticker: FrameTicker;
  stop(): void;
}

export function startConsoleOn(connection: ConsoleConnection): WorkshopConsole {
  const frames = new FrameStore();
  const actor = createActor(consoleMachine, { input: { connection, frames } });
  actor.start();
  const ticker = new FrameTicker(frames);
  return {
    actor,
    frames,
    ticker,
    stop() {
      ticker.stop();
      actor.stop();
      connection.close();
    },
  };
}

export function startRelayConsole(connection: ConsoleConnection): WorkshopConsole {
  return startConsoleOn(connection);
}
