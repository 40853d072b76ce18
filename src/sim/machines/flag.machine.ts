import { assertEvent, assign, setup } from 'xstate';

/**
 * A feature flag: rolled out to a percentage of users (sticky by user id) with a kill switch that
 * turns it off for everyone at once without forgetting the rollout percentage.
 */
export interface FlagContext {
  flag: string;
  percentage: number;
}

export type FlagState = 'off' | 'rollingOut' | 'on' | 'killed';

export type FlagEvent = { type: 'SET'; percentage: number } | { type: 'KILL' } | { type: 'RESTORE' };

export const flagMachine = setup({
  types: {
    context: {} as FlagContext,
    events: {} as FlagEvent,
    input: {} as FlagContext,
  },
  actions: {
    /** Writes the effective percentage (0 when killed) to the data plane. */
    publish: (_, _params: { killed: boolean }) => {},
    setPercentage: assign({
      percentage: ({ event }) => {
        assertEvent(event, 'SET');
        return event.percentage;
      },
    }),
  },
  guards: {
    toZero: ({ event }) => {
      assertEvent(event, 'SET');
      return event.percentage <= 0;
    },
    toFull: ({ event }) => {
      assertEvent(event, 'SET');
      return event.percentage >= 100;
    },
    startsOff: ({ context }) => context.percentage <= 0,
    startsFull: ({ context }) => context.percentage >= 100,
  },
}).createMachine({
  id: 'flag',
  context: ({ input }) => ({ ...input }),
  initial: 'boot',
  states: {
    boot: {
      always: [
        { guard: 'startsOff', target: 'off' },
        { guard: 'startsFull', target: 'on' },
        { target: 'rollingOut' },
      ],
    },
    off: { entry: { type: 'publish', params: { killed: false } } },
    rollingOut: { entry: { type: 'publish', params: { killed: false } } },
    on: { entry: { type: 'publish', params: { killed: false } } },
    killed: {
      entry: { type: 'publish', params: { killed: true } },
      on: {
        SET: { actions: 'setPercentage' },
        RESTORE: 'boot',
      },
    },
  },
  on: {
    SET: [
      { guard: 'toZero', target: '.off', actions: 'setPercentage' },
      { guard: 'toFull', target: '.on', actions: 'setPercentage' },
      { target: '.rollingOut', actions: 'setPercentage' },
    ],
    KILL: '.killed',
  },
});
