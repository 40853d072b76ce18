/**
 * The facilitator's console: the simulation in a module worker (or, when this browser cannot start
 * one, on the page's thread), its connection wrapped by the facilitator logic.
 */
import { workerConnection, type ConsoleConnection } from '../../console/connection';
import { pacedInProcessConnection } from '../../console/in-process-connection';
import { startConsoleOn, type WorkshopConsole } from './console-host';

export function startSimulationConsole(wrap: (c: ConsoleConnection) => ConsoleConnection): WorkshopConsole {
  let connection: ConsoleConnection;
  try {
    const worker = new Worker(new URL('../../console/worker.ts', import.meta.url), { type: 'module', name: 'blast-radius-workshop' });
    connection = workerConnection(worker);
  } catch {
    connection = pacedInProcessConnection();
  }
  return startConsoleOn(wrap(connection));
}

