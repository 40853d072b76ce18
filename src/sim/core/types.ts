import type { Prng } from '../engine/prng';
import type { Scheduler } from '../engine/scheduler';
import type { Scenario } from '../scenarios/schema';
import type { Annotations } from '../telemetry/logs';
import type { Action } from '../actions/schema';
import type { DataPlane } from './dataplane';
import type { ControlPlane } from './controlplane';

/**
 * What faults and actions may touch. It lives apart from `Simulation` so that faults and actions,
 * which the simulation calls, do not import the simulation back.
 */
export interface SimulationCore {
  readonly now: number;
  readonly sched: Scheduler;
  readonly dp: DataPlane;
  readonly cp: ControlPlane;
  readonly scenario: Scenario;
  readonly annotations: Annotations;
  readonly faultRng: Prng;
}

export interface RedSecond {
  rate: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/** Everything measured in one simulated second (handed to onSecond listeners). */
export interface SecondStats {
  /** End of the second that just closed. */
  t: number;
  arrived: number;
  succeeded: number;
  failed: number;
  shed: number;
  inFlight: number;
  attemptsInFlight: number;
  edge: RedSecond;
  service: RedSecond;
  cpu: number;
  queue: number;
  instancesReady: number;
  errorRatio5m: number;
  burnRate1h: number;
  budgetBurnedPercent: number;
}

export interface ActionRecord {
  at: number;
  action: Action;
  accepted: boolean;
  message: string;
}
