import { createActor, type Actor, type Snapshot } from 'xstate';
import type { Scheduler } from '../engine/scheduler';
import { processDied, returnLeaked, type DataPlane } from '../core/dataplane';
import {
  PHASE_CRASHED,
  PHASE_DRAINING,
  PHASE_READY,
  PHASE_STARTING,
  PHASE_TERMINATED,
  PHASE_UNREADY,
  type Instance,
} from '../model/instance';
import { timerActions } from '../machines/timers';
import { instanceMachine, type InstanceInput, type InstanceState } from '../machines/instance.machine';

export type InstanceActor = Actor<typeof instanceMachine>;

const PHASE_CODE: Record<InstanceState, number> = {
  starting: PHASE_STARTING,
  ready: PHASE_READY,
  unready: PHASE_UNREADY,
  draining: PHASE_DRAINING,
  crashed: PHASE_CRASHED,
  terminated: PHASE_TERMINATED,
};

export interface InstanceDeps {
  readonly sched: Scheduler;
  readonly dp: DataPlane;
  /** The actor reached its final state: the registry lets go of it. */
  instanceTerminated(inst: Instance): void;
}

/** The crash-loop timer of an instance (a fault that ends cancels it). */
export function crashTimerId(name: string): string {
  return `instance:${name}/crash`;
}

/**
 * Wires an instance machine to its data-plane instance: the machine's phase becomes the number the
 * load balancer routes by, and a process that stops takes its requests with it.
 */
export function createInstanceActor(deps: InstanceDeps, inst: Instance, input: InstanceInput, snapshot?: Snapshot<unknown>): InstanceActor {
  const { sched, dp } = deps;
  const crashTimer = crashTimerId(inst.name);
  const machine = instanceMachine.provide({
    actions: {
      ...timerActions(sched),
      publish: ({ self }, { phase }) => {
        inst.touch();
        const code = PHASE_CODE[phase];
        inst.phase = code;
        dp.routingDirty = true;
        if (code === PHASE_STARTING) inst.rebooted(sched.now);
        else if (code === PHASE_CRASHED) {
          inst.crashes++;
          processDied(dp, inst);
          returnLeaked(dp, inst);
        } else if (code === PHASE_TERMINATED) {
          if (inst.busy > 0 || inst.queue.length > 0) processDied(dp, inst);
          returnLeaked(dp, inst);
          deps.instanceTerminated(inst);
        } else if (code === PHASE_DRAINING && inst.busy === 0 && inst.queue.length === 0) {
          self.send({ type: 'DRAINED' });
        }
      },
      armCrash: ({ self }) => {
        if (inst.crashAfter !== null) {
          const event = { type: 'CRASH' as const, reason: 'crashed after start (crash loop)' };
          sched.startTimer(crashTimer, inst.crashAfter, () => self.send(event), { kind: 'actor', actor: self.id, event });
        }
      },
      disarmCrash: () => sched.cancelTimer(crashTimer),
    },
  });
  return createActor(machine, { id: `instance:${inst.name}`, input, snapshot }).start();
}

/** Drain order: instances that help least first (not ready, then newest). */
export function drainOrder(list: Instance[]): Instance[] {
  return [...list].sort((a, b) => Number(a.phase === PHASE_READY) - Number(b.phase === PHASE_READY) || b.index - a.index);
}
