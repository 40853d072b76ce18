import type { SimulationCore } from '../core/types';
import { NO_USER_IMPACT, prepareFaults, startFault, type Undo } from './apply';

/**
 * The scenario's faults over time: starts and ends each one (the K_FAULT event) and keeps how to
 * end each fault that is running. The first fault that hurts users opens the incident's clock.
 */
export class FaultRunner {
  private undo: Array<Undo | null> = [];
  private started = 0;

  constructor(private sim: SimulationCore) {
    prepareFaults(sim);
  }

  onFault(i: number, end: boolean): void {
    const sim = this.sim;
    if (end) {
      this.undo[i]?.();
      this.undo[i] = null;
      return;
    }
    const f = sim.scenario.faults[i]!;
    if (!NO_USER_IMPACT.has(f.type) && this.started++ === 0) sim.cp.incident.send({ type: 'START', t: sim.now });
    this.undo[i] = startFault(sim, f, i);
  }
}
