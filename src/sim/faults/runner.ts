import type { SimulationCore } from '../core/types';
import { startFault, type Undo } from './apply';

/**
 * The scenario's faults over time: starts and ends each one (the K_FAULT event) and keeps how to
 * end each fault that is running. The first fault to start opens the incident's clock.
 */
export class FaultRunner {
  private undo: Array<Undo | null> = [];
  private started = 0;

  constructor(private sim: SimulationCore) {}

  onFault(i: number, end: boolean): void {
    const sim = this.sim;
    if (end) {
      this.undo[i]?.();
      this.undo[i] = null;
      return;
    }
    if (this.started++ === 0) sim.cp.incident.send({ type: 'START', t: sim.now });
    this.undo[i] = startFault(sim, sim.scenario.faults[i]!, i);
  }
}
