import type { Scenario } from '../scenarios/schema';
import type { ControlPlane } from './controlplane';
import { stopIfReviving } from '../checkpoint/blank';

/** Averages CPU utilisation over the autoscaler's interval and hands it to the autoscaler machine. */
export class AutoscaleSampler {
  private busy = 0;
  private capacity = 0;

  constructor(
    private scenario: Scenario,
    private cp: ControlPlane,
  ) {
    stopIfReviving(this, new.target);
  }

  /** This second's busy and total worker-seconds. */
  add(busy: number, capacity: number): void {
    this.busy += busy;
    this.capacity += capacity;
  }

  /** At the end of each interval: the average, to the autoscaler if it is watching. */
  maybeEvaluate(sec: number): void {
    const a = this.scenario.topology.service.autoscaler;
    const every = Math.max(1, Math.round(a.intervalSeconds));
    if ((sec + 1) % every !== 0) return;
    const utilization = this.capacity > 0 ? this.busy / this.capacity : 0;
    this.busy = 0;
    this.capacity = 0;
    const cp = this.cp;
    if (cp.autoscalerState !== 'watching') return;
    cp.autoscaler.send({ type: 'EVALUATE', utilization, replicas: cp.desired, deploying: cp.deployPhase !== 'idle' });
  }
}
