import { createActor, type Actor, type Snapshot } from 'xstate';
import type { Scheduler } from '../engine/scheduler';
import { BREAKER_CLOSED, BREAKER_HALF_OPEN, BREAKER_OPEN, type BreakerWindow } from '../model/breaker';
import { timerActions } from '../machines/timers';
import { breakerMachine, type BreakerState } from '../machines/breaker.machine';

export type BreakerActor = Actor<typeof breakerMachine>;

const BREAKER_CODE: Record<BreakerState, number> = { closed: BREAKER_CLOSED, open: BREAKER_OPEN, 'half-open': BREAKER_HALF_OPEN };

/**
 * Wires a breaker machine to its data-plane window: the window reports TRIP and trial results, the
 * machine publishes its state back. `onChange` hears every state change after the first.
 */
export function createBreakerActor(
  sched: Scheduler,
  win: BreakerWindow,
  dependency: string,
  onChange: (state: BreakerState) => void = () => {},
  snapshot?: Snapshot<unknown>,
): BreakerActor {
  let started = false;
  const machine = breakerMachine.provide({
    actions: {
      ...timerActions(sched),
      publish: (_, p) => {
        win.state = BREAKER_CODE[p.state];
        if (started) onChange(p.state);
      },
      resetWindow: () => win.reset(),
    },
  });
  const actor = createActor(machine, {
    id: `breaker:${dependency}`,
    input: { dependency, sleepSeconds: win.config.sleepSeconds },
    snapshot,
  });
  win.onTrip = () => actor.send({ type: 'TRIP' });
  win.onTrialResult = (ok) => actor.send({ type: ok ? 'TRIAL_SUCCESS' : 'TRIAL_FAILURE' });
  actor.start();
  started = true;
  return actor;
}
