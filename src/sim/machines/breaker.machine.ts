import { setup } from 'xstate';
import { timerPlaceholders } from './timers';

/**
 * Circuit breaker (Hystrix semantics, SPECS §6): closed until the rolling window holds at least
 * `minRequests` calls with at least `errorThreshold` failing; then open (calls fail fast) for
 * `sleepSeconds`; then half-open, where one trial call decides: success closes, failure reopens.
 * The per-call counting happens in the data plane's BreakerWindow, which sends TRIP and TRIAL_* here.
 */
export interface BreakerContext {
  dependency: string;
  sleepSeconds: number;
  opened: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export type BreakerEvent =
  | { type: 'TRIP' }
  | { type: 'TRIAL_SUCCESS' }
  | { type: 'TRIAL_FAILURE' }
  | { type: 'timer.sleep' };

export const breakerMachine = setup({
  types: {
    context: {} as BreakerContext,
    events: {} as BreakerEvent,
    input: {} as { dependency: string; sleepSeconds: number },
  },
  actions: {
    ...timerPlaceholders,
    publish: (_, _params: { state: BreakerState }) => {},
    /** Forget the window's history (a closed breaker starts counting afresh). */
    resetWindow: () => {},
  },
}).createMachine({
  id: 'breaker',
  context: ({ input }) => ({ ...input, opened: 0 }),
  initial: 'closed',
  states: {
    closed: {
      entry: [{ type: 'publish', params: { state: 'closed' } }, 'resetWindow'],
      on: { TRIP: 'open' },
    },
    open: {
      entry: [
        { type: 'publish', params: { state: 'open' } },
        { type: 'startTimer', params: ({ context }) => ({ name: 'sleep', seconds: context.sleepSeconds }) },
      ],
      exit: { type: 'cancelTimer', params: { name: 'sleep' } },
      on: { 'timer.sleep': 'halfOpen' },
    },
    halfOpen: {
      entry: { type: 'publish', params: { state: 'half-open' } },
      on: { TRIAL_SUCCESS: 'closed', TRIAL_FAILURE: 'open' },
    },
  },
});
