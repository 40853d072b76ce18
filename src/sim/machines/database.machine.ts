import { setup } from 'xstate';
import { timerPlaceholders } from './timers';

/**
 * Primary/replica database failover: when the primary is lost, automatic failover (if enabled) waits
 * `detectSeconds` to be sure, then promotes the replica, which takes `promoteSeconds`; an operator can
 * trigger the promotion at once. Afterwards the service runs without a replica until a new one is
 * provisioned.
 */
export interface DatabaseContext {
  automatic: boolean;
  detectSeconds: number;
  promoteSeconds: number;
  rebuildSeconds: number;
}

export type DatabaseState = 'healthy' | 'primary-down' | 'promoting' | 'no-replica';

export type DatabaseEvent =
  | { type: 'PRIMARY_DOWN' }
  | { type: 'PRIMARY_UP' }
  | { type: 'FAILOVER' }
  | { type: 'timer.detect' }
  | { type: 'timer.promote' }
  | { type: 'timer.rebuild' };

export const databaseMachine = setup({
  types: {
    context: {} as DatabaseContext,
    events: {} as DatabaseEvent,
    input: {} as DatabaseContext,
  },
  actions: {
    ...timerPlaceholders,
    publish: (_, _params: { state: DatabaseState }) => {},
    /** Fences the old primary (no more writes) while the replica is promoted. */
    fencePrimary: () => {},
    promoteReplica: () => {},
    provisionReplica: () => {},
  },
  guards: {
    automatic: ({ context }) => context.automatic,
    // Provided by the simulation.
    hasReplica: () => false,
  },
}).createMachine({
  id: 'database',
  context: ({ input }) => ({ ...input }),
  initial: 'healthy',
  states: {
    healthy: {
      entry: { type: 'publish', params: { state: 'healthy' } },
      on: {
        PRIMARY_DOWN: 'primaryDown',
        FAILOVER: { guard: 'hasReplica', target: 'promoting' },
      },
    },
    primaryDown: {
      entry: { type: 'publish', params: { state: 'primary-down' } },
      initial: 'choosing',
      states: {
        choosing: {
          always: [{ guard: 'automatic', target: 'detecting' }, { target: 'waitingForOperator' }],
        },
        detecting: {
          entry: { type: 'startTimer', params: ({ context }) => ({ name: 'detect', seconds: context.detectSeconds }) },
          exit: { type: 'cancelTimer', params: { name: 'detect' } },
          on: { 'timer.detect': { guard: 'hasReplica', target: '#database.promoting' } },
        },
        waitingForOperator: {},
      },
      on: {
        PRIMARY_UP: 'healthy',
        FAILOVER: { guard: 'hasReplica', target: 'promoting' },
      },
    },
    promoting: {
      entry: [
        { type: 'publish', params: { state: 'promoting' } },
        'fencePrimary',
        { type: 'startTimer', params: ({ context }) => ({ name: 'promote', seconds: context.promoteSeconds }) },
      ],
      exit: { type: 'cancelTimer', params: { name: 'promote' } },
      on: { 'timer.promote': { target: 'degraded', actions: 'promoteReplica' } },
    },
    degraded: {
      entry: [
        { type: 'publish', params: { state: 'no-replica' } },
        { type: 'startTimer', params: ({ context }) => ({ name: 'rebuild', seconds: context.rebuildSeconds }) },
      ],
      exit: { type: 'cancelTimer', params: { name: 'rebuild' } },
      on: {
        'timer.rebuild': { target: 'healthy', actions: 'provisionReplica' },
        PRIMARY_DOWN: 'primaryDown',
      },
    },
  },
});
