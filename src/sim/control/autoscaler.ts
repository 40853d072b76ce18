import { createActor, type Actor, type Snapshot } from 'xstate';
import type { Scheduler } from '../engine/scheduler';
import type { Topology } from '../model/topology';
import type { Annotations } from '../telemetry/logs';
import { timerActions } from '../machines/timers';
import { autoscalerMachine, type AutoscalerState } from '../machines/autoscaler.machine';

export type AutoscalerActor = Actor<typeof autoscalerMachine>;

export interface AutoscalerDeps {
  readonly sched: Scheduler;
  readonly annotations: Annotations;
  /** Target number of stable instances. */
  readonly desired: number;
  /** Scales the stable pool; runs after the current event because it starts instance actors. */
  later(fn: () => void): void;
  setDesired(n: number): void;
  autoscalerPublished(state: AutoscalerState): void;
}

export function createAutoscalerActor(deps: AutoscalerDeps, service: Topology['service'], snapshot?: Snapshot<unknown>): AutoscalerActor {
  const { sched, annotations } = deps;
  const a = service.autoscaler;
  const machine = autoscalerMachine.provide({
    actions: {
      ...timerActions(sched),
      scaleTo: (_, p) => {
        annotations.add(sched.now, 'autoscaler', `autoscaler: ${deps.desired} -> ${p.replicas} instances`);
        deps.later(() => deps.setDesired(p.replicas));
      },
      publish: (_, p) => deps.autoscalerPublished(p.state),
    },
  });
  return createActor(machine, {
    id: `autoscaler:${service.id}`,
    input: { service: service.id, min: a.min, max: a.max, targetUtilization: a.targetUtilization, cooldownSeconds: a.cooldownSeconds },
    snapshot,
  }).start();
}
