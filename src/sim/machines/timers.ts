import type { AnyActorRef } from 'xstate';
import type { Scheduler } from '../engine/scheduler';

/**
 * Machines never use xstate's own `after` delays: xstate's scheduler stamps every delayed event with
 * Date.now() (and draws a random id when none is given). Instead a machine asks the simulated clock for
 * a named timer with the `startTimer` / `cancelTimer` actions; the timer's id is `<actor id>/<name>`
 * and when it fires the actor receives `{ type: 'timer.<name>' }`.
 */
export interface TimerParams {
  name: string;
  seconds: number;
}

export interface CancelParams {
  name: string;
}

/** Placeholder implementations for `setup()`; the simulation provides the real ones. */
export const timerPlaceholders = {
  startTimer: (_: unknown, _params: TimerParams) => {},
  cancelTimer: (_: unknown, _params: CancelParams) => {},
};

export function timerId(actor: AnyActorRef, name: string): string {
  return `${actor.id}/${name}`;
}

/** Real timer actions backed by the simulation's scheduler. */
export function timerActions(sched: Scheduler) {
  return {
    startTimer: ({ self }: { self: AnyActorRef }, p: TimerParams) => {
      const event = { type: `timer.${p.name}` };
      // The task says the same as the closure in plain data, so a checkpoint can keep the timer.
      sched.startTimer(timerId(self, p.name), p.seconds, () => self.send(event), { kind: 'actor', actor: self.id, event });
    },
    cancelTimer: ({ self }: { self: AnyActorRef }, p: CancelParams) => sched.cancelTimer(timerId(self, p.name)),
  };
}
