import { assertEvent, assign, setup } from 'xstate';
import { timerPlaceholders } from './timers';
import type { PhaseName } from '../model/instance';

/**
 * Lifecycle of one instance: it boots, serves while ready (or sits out while its readiness probe
 * fails), drains before it stops, and after a crash waits an increasing back-off before starting again
 * (Kubernetes' CrashLoopBackOff: base * 2^restarts, capped).
 */
export interface InstanceContext {
  name: string;
  bootSeconds: number;
  drainSeconds: number;
  restartBaseSeconds: number;
  restartCapSeconds: number;
  restarts: number;
  lastCrashReason: string | null;
}

/** What the instance publishes: the phase the data plane routes by. */
export type InstanceState = PhaseName;

export type InstanceEvent =
  | { type: 'timer.boot' }
  | { type: 'timer.restart' }
  | { type: 'timer.drain' }
  | { type: 'timer.stable' }
  | { type: 'READINESS'; ok: boolean }
  | { type: 'LIVENESS_FAILED' }
  | { type: 'CRASH'; reason: string }
  | { type: 'DRAIN' }
  | { type: 'DRAINED' }
  | { type: 'TERMINATE' };

export type InstanceInput = Omit<InstanceContext, 'restarts' | 'lastCrashReason'>;

/** After this long without a crash the back-off starts over. */
const STABLE_SECONDS = 600;

export const instanceMachine = setup({
  types: {
    context: {} as InstanceContext,
    events: {} as InstanceEvent,
    input: {} as InstanceInput,
  },
  actions: {
    ...timerPlaceholders,
    /** Writes the phase to the data plane (routing, crash handling). */
    publish: (_, _params: { phase: InstanceState }) => {},
    /** Arms the crash timer if this version / config crashes after some uptime. */
    armCrash: () => {},
    disarmCrash: () => {},
    recordCrash: assign({
      lastCrashReason: ({ event }) => {
        assertEvent(event, ['CRASH', 'LIVENESS_FAILED']);
        return event.type === 'CRASH' ? event.reason : 'liveness probe failed';
      },
    }),
    countRestart: assign({ restarts: ({ context }) => context.restarts + 1 }),
    resetBackoff: assign({ restarts: 0 }),
  },
  guards: {
    readinessOk: ({ event }) => {
      assertEvent(event, 'READINESS');
      return event.ok;
    },
    readinessFailed: ({ event }) => {
      assertEvent(event, 'READINESS');
      return !event.ok;
    },
  },
}).createMachine({
  id: 'instance',
  context: ({ input }) => ({ ...input, restarts: 0, lastCrashReason: null }),
  initial: 'starting',
  states: {
    starting: {
      entry: [
        { type: 'publish', params: { phase: 'starting' } },
        { type: 'startTimer', params: ({ context }) => ({ name: 'boot', seconds: context.bootSeconds }) },
      ],
      exit: { type: 'cancelTimer', params: { name: 'boot' } },
      on: {
        'timer.boot': 'running',
        CRASH: { target: 'crashed', actions: 'recordCrash' },
        DRAIN: 'terminated',
        TERMINATE: 'terminated',
      },
    },
    running: {
      entry: ['armCrash', { type: 'startTimer', params: { name: 'stable', seconds: STABLE_SECONDS } }],
      exit: ['disarmCrash', { type: 'cancelTimer', params: { name: 'stable' } }],
      initial: 'ready',
      states: {
        ready: {
          entry: { type: 'publish', params: { phase: 'ready' } },
          on: { READINESS: { guard: 'readinessFailed', target: 'unready' } },
        },
        unready: {
          entry: { type: 'publish', params: { phase: 'unready' } },
          on: { READINESS: { guard: 'readinessOk', target: 'ready' } },
        },
      },
      on: {
        'timer.stable': { actions: 'resetBackoff' },
        CRASH: { target: 'crashed', actions: 'recordCrash' },
        LIVENESS_FAILED: { target: 'crashed', actions: 'recordCrash' },
        DRAIN: 'draining',
        TERMINATE: 'terminated',
      },
    },
    draining: {
      entry: [
        { type: 'publish', params: { phase: 'draining' } },
        { type: 'startTimer', params: ({ context }) => ({ name: 'drain', seconds: context.drainSeconds }) },
      ],
      exit: { type: 'cancelTimer', params: { name: 'drain' } },
      on: {
        DRAINED: 'terminated',
        'timer.drain': 'terminated',
        TERMINATE: 'terminated',
        CRASH: 'terminated',
      },
    },
    crashed: {
      entry: [
        { type: 'publish', params: { phase: 'crashed' } },
        {
          type: 'startTimer',
          params: ({ context }) => ({
            name: 'restart',
            seconds: Math.min(context.restartCapSeconds, context.restartBaseSeconds * Math.pow(2, context.restarts)),
          }),
        },
      ],
      exit: { type: 'cancelTimer', params: { name: 'restart' } },
      on: {
        'timer.restart': { target: 'starting', actions: 'countRestart' },
        DRAIN: 'terminated',
        TERMINATE: 'terminated',
      },
    },
    terminated: {
      type: 'final',
      entry: { type: 'publish', params: { phase: 'terminated' } },
    },
  },
});
