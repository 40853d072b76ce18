import type { SimulationCore } from '../core/types';
import { faultHeard, NO_USER_IMPACT, prepareFaults, startFault, stopFault } from './apply';
import type { FaultMemory } from './types';
import { stopIfReviving } from '../checkpoint/blank';

/**
 * The scenario's faults over time: starts and ends each one (the K_FAULT event) and keeps what each
 * running fault remembers, as plain data. The first fault that hurts users opens the incident's clock.
 */
export class FaultRunner {
  private running: boolean[] = [];
  private memory: Array<FaultMemory | null> = [];
  private started = 0;

  constructor(private sim: SimulationCore) {
    stopIfReviving(this, new.target);
    prepareFaults(sim);
  }

  onFault(i: number, end: boolean): void {
    const sim = this.sim;
    const f = sim.scenario.faults[i]!;
    if (end) {
      if (!this.running[i]) return;
      stopFault(sim, f, i, this.memory[i] ?? null);
      // The memory stays: a poison message a worker takes after the end still asks about it.
      this.running[i] = false;
      return;
    }
    if (!NO_USER_IMPACT.has(f.type) && this.started++ === 0) sim.cp.incident.send({ type: 'START', t: sim.now });
    this.running[i] = true;
    this.memory[i] = startFault(sim, f, i);
  }

  /** Fault i's own timer or hook fired (a `{ kind: 'fault' }` task, a worker taking a poison message). */
  heard(i: number, name: string): void {
    faultHeard(this.sim, this.sim.scenario.faults[i]!, i, this.memory[i] ?? null, name);
  }
}
