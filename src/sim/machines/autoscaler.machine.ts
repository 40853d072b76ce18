import { assertEvent, assign, setup } from 'xstate';
import { timerPlaceholders } from './timers';

/**
 * Target-tracking autoscaler (the Kubernetes HPA rule): desired = ceil(replicas * utilization /
 * target), clamped to [min, max]. After a change it waits `cooldownSeconds` before acting again, and it
 * leaves the service alone while a deployment is in progress.
 */
export interface AutoscalerContext {
  service: string;
  min: number;
  max: number;
  targetUtilization: number;
  cooldownSeconds: number;
  lastDesired: number | null;
}

export type AutoscalerState = 'disabled' | 'watching' | 'cooldown';

export type AutoscalerEvent =
  | { type: 'EVALUATE'; utilization: number; replicas: number; deploying: boolean }
  | { type: 'CONFIGURE'; min?: number; max?: number; targetUtilization?: number }
  | { type: 'ENABLE' }
  | { type: 'DISABLE' }
  | { type: 'timer.cooldown' };

export function desiredReplicas(c: Pick<AutoscalerContext, 'min' | 'max' | 'targetUtilization'>, utilization: number, replicas: number): number {
  const raw = Math.ceil((Math.max(replicas, 1) * utilization) / c.targetUtilization - 1e-9);
  return Math.max(c.min, Math.min(c.max, raw));
}

export const autoscalerMachine = setup({
  types: {
    context: {} as AutoscalerContext,
    events: {} as AutoscalerEvent,
    input: {} as Omit<AutoscalerContext, 'lastDesired'>,
  },
  actions: {
    ...timerPlaceholders,
    /** Asks the service for `replicas` instances. */
    scaleTo: (_, _params: { replicas: number }) => {},
    publish: (_, _params: { state: AutoscalerState }) => {},
    remember: assign({
      lastDesired: ({ context, event }) => {
        assertEvent(event, 'EVALUATE');
        return desiredReplicas(context, event.utilization, event.replicas);
      },
    }),
    configure: assign(({ context, event }) => {
      assertEvent(event, 'CONFIGURE');
      return {
        min: event.min ?? context.min,
        max: event.max ?? context.max,
        targetUtilization: event.targetUtilization ?? context.targetUtilization,
      };
    }),
  },
  guards: {
    needsChange: ({ context, event }) => {
      assertEvent(event, 'EVALUATE');
      return !event.deploying && desiredReplicas(context, event.utilization, event.replicas) !== event.replicas;
    },
  },
}).createMachine({
  id: 'autoscaler',
  context: ({ input }) => ({
    service: input.service,
    min: input.min,
    max: input.max,
    targetUtilization: input.targetUtilization,
    cooldownSeconds: input.cooldownSeconds,
    lastDesired: null,
  }),
  initial: 'disabled',
  states: {
    disabled: {
      entry: { type: 'publish', params: { state: 'disabled' } },
      on: { ENABLE: 'watching' },
    },
    watching: {
      entry: { type: 'publish', params: { state: 'watching' } },
      on: {
        EVALUATE: {
          guard: 'needsChange',
          target: 'cooldown',
          actions: [
            'remember',
            {
              type: 'scaleTo',
              params: ({ context, event }) => {
                assertEvent(event, 'EVALUATE');
                return { replicas: desiredReplicas(context, event.utilization, event.replicas) };
              },
            },
          ],
        },
        DISABLE: 'disabled',
      },
    },
    cooldown: {
      entry: [
        { type: 'publish', params: { state: 'cooldown' } },
        { type: 'startTimer', params: ({ context }) => ({ name: 'cooldown', seconds: context.cooldownSeconds }) },
      ],
      exit: { type: 'cancelTimer', params: { name: 'cooldown' } },
      on: { 'timer.cooldown': 'watching', DISABLE: 'disabled' },
    },
  },
  on: {
    CONFIGURE: { actions: 'configure' },
  },
});
