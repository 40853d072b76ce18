import { createActor, type Actor, type Snapshot } from 'xstate';
import type { Scheduler } from '../engine/scheduler';
import type { Annotations } from '../telemetry/logs';
import { incidentMachine, type IncidentState } from '../machines/incident.machine';

export type IncidentActor = Actor<typeof incidentMachine>;

/** The incident's machine; every change of state after `quiet` is an annotation (`started` hidden). */
export function createIncidentActor(
  sched: Scheduler,
  annotations: Annotations,
  published: (state: IncidentState) => void,
  restore?: { snapshot: Snapshot<unknown>; state: IncidentState },
): IncidentActor {
  let current: IncidentState = restore?.state ?? 'quiet';
  const machine = incidentMachine.provide({
    actions: {
      publish: (_, p) => {
        if (p.state !== current && p.state !== 'quiet') {
          annotations.add(sched.now, 'incident', `incident ${p.state}`, p.state === 'started');
        }
        current = p.state;
        published(p.state);
      },
    },
  });
  return createActor(machine, { id: 'incident', snapshot: restore?.snapshot }).start();
}
