import { setup } from 'xstate';
import { timerPlaceholders } from './timers';

/**
 * One Prometheus-style alert rule: inactive -> pending (condition true, `for` not yet elapsed) ->
 * firing -> resolved (condition false again; kept visible for a while). With `for` = 0 the rule fires
 * on the first evaluation that finds the condition true. The simulation evaluates conditions every
 * simulated second and sends TRUE / FALSE only when the condition changes.
 */
export interface AlertContext {
  rule: string;
  severity: 'page' | 'ticket';
  forSeconds: number;
  keepResolvedSeconds: number;
}

export type AlertState = 'inactive' | 'pending' | 'firing' | 'resolved';

export type AlertEvent = { type: 'TRUE' } | { type: 'FALSE' } | { type: 'timer.for' } | { type: 'timer.keep' };

export const alertMachine = setup({
  types: {
    context: {} as AlertContext,
    events: {} as AlertEvent,
    input: {} as AlertContext,
  },
  actions: {
    ...timerPlaceholders,
    publish: (_, _params: { state: AlertState }) => {},
  },
  guards: {
    hasForDuration: ({ context }) => context.forSeconds > 0,
  },
}).createMachine({
  id: 'alert',
  context: ({ input }) => ({ ...input }),
  initial: 'inactive',
  states: {
    inactive: {
      entry: { type: 'publish', params: { state: 'inactive' } },
      on: { TRUE: [{ guard: 'hasForDuration', target: 'pending' }, { target: 'firing' }] },
    },
    pending: {
      entry: [
        { type: 'publish', params: { state: 'pending' } },
        { type: 'startTimer', params: ({ context }) => ({ name: 'for', seconds: context.forSeconds }) },
      ],
      exit: { type: 'cancelTimer', params: { name: 'for' } },
      on: { 'timer.for': 'firing', FALSE: 'inactive' },
    },
    firing: {
      entry: { type: 'publish', params: { state: 'firing' } },
      on: { FALSE: 'resolved' },
    },
    resolved: {
      entry: [
        { type: 'publish', params: { state: 'resolved' } },
        { type: 'startTimer', params: ({ context }) => ({ name: 'keep', seconds: context.keepResolvedSeconds }) },
      ],
      exit: { type: 'cancelTimer', params: { name: 'keep' } },
      on: {
        TRUE: [{ guard: 'hasForDuration', target: 'pending' }, { target: 'firing' }],
        'timer.keep': 'inactive',
      },
    },
  },
});
