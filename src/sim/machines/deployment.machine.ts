import { assertEvent, assign, setup } from 'xstate';
import { timerPlaceholders } from './timers';
import { DEPLOY_DEFAULTS, type DeployRequest, type DeploySettings } from '../model/deploy';

/**
 * Deployments of the service, three strategies:
 * - rolling: start `batch` new instances, wait until they are ready, drain as many old ones, repeat;
 * - canary: run the new version (canary) next to a fresh copy of the old one (baseline) on a sticky
 *   slice of users, step the weight up after each passing analysis, roll back automatically after
 *   `failureThreshold` failing analyses (Kayenta / Flagger style);
 * - blue-green: start a full copy (green), switch all traffic at once, keep blue for `bakeSeconds`
 *   so a rollback is one switch back.
 * The simulation provides the actions that touch instances and the guards that look at them.
 */
export type Verdict = 'pass' | 'fail' | 'inconclusive';
export type DeployPhase = 'idle' | 'rolling' | 'canary' | 'blue-green';

export interface DeploymentContext {
  service: string;
  /** Version serving users when no deployment runs. */
  stable: string;
  /** Version before the last completed deployment (what a later rollback returns to). */
  previous: string | null;
  /** Version being rolled out (or rolled back to). */
  target: string | null;
  request: DeployRequest | null;
  stepIndex: number;
  weight: number;
  maxWeight: number;
  failedChecks: number;
  rollingBack: boolean;
  lastOutcome: 'succeeded' | 'rolled-back' | null;
  lastVerdict: Verdict | null;
}

export type DeploymentEvent =
  | ({ type: 'DEPLOY' } & DeployRequest)
  | { type: 'ROLLBACK' }
  | { type: 'ANALYSIS'; verdict: Verdict }
  | { type: 'timer.poll' }
  | { type: 'timer.analysis' }
  | { type: 'timer.bake' };

const POLL_SECONDS = 2;

/** The running deployment's settings (a request is always set while one runs). */
export function deploySettings(c: DeploymentContext): DeploySettings {
  return c.request ?? DEPLOY_DEFAULTS;
}

export const deploymentMachine = setup({
  types: {
    context: {} as DeploymentContext,
    events: {} as DeploymentEvent,
    input: {} as { service: string; stable: string },
  },
  actions: {
    ...timerPlaceholders,
    publish: (_, _params: { phase: DeployPhase }) => {},
    annotate: (_, _params: { text: string }) => {},
    // Rolling.
    startBatch: () => {},
    retireBatch: () => {},
    // Canary.
    startCanary: () => {},
    scaleCanary: () => {},
    applyWeight: () => {},
    requestAnalysis: () => {},
    /** Canary instances join the stable pool; missing ones are started. */
    promoteCanary: () => {},
    /** Drains every instance of the old version (stable and baseline). */
    retireOld: () => {},
    abortCanary: () => {},
    // Blue-green.
    startGreen: () => {},
    switchToGreen: () => {},
    switchBackToBlue: () => {},
    retireBlue: () => {},
    retireGreen: () => {},
    assignDeploy: assign(({ event }) => {
      assertEvent(event, 'DEPLOY');
      const { type: _type, ...request } = event;
      return { target: event.version, request, stepIndex: 0, weight: 0, maxWeight: 0, failedChecks: 0, rollingBack: false, lastVerdict: null };
    }),
    /** Mid-rollout rollback: the same rolling procedure, towards the old version. */
    swapForRollback: assign(({ context }) => ({ target: context.stable, rollingBack: true })),
    /** Rollback after a finished deployment: roll the previous version out again. */
    redeployPrevious: assign(({ context }) => ({
      target: context.previous,
      rollingBack: true,
      request: context.request ? { ...context.request, version: context.previous ?? context.stable, strategy: 'rolling' as const } : null,
    })),
    nextStep: assign({ stepIndex: ({ context }) => context.stepIndex + 1 }),
    setWeight: assign(({ context }) => {
      const w = context.request ? context.request.steps[context.stepIndex] ?? 100 : 0;
      return { weight: w, maxWeight: Math.max(context.maxWeight, w) };
    }),
    countFailure: assign({ failedChecks: ({ context }) => context.failedChecks + 1 }),
    rememberVerdict: assign({
      lastVerdict: ({ event }) => {
        assertEvent(event, 'ANALYSIS');
        return event.verdict;
      },
    }),
    markSucceeded: assign(({ context }) => ({
      previous: context.rollingBack ? context.previous : context.stable,
      stable: context.target ?? context.stable,
      lastOutcome: context.rollingBack ? ('rolled-back' as const) : ('succeeded' as const),
      target: null,
      weight: 0,
    })),
    markRolledBack: assign({ lastOutcome: 'rolled-back' as const, target: null, weight: 0, rollingBack: true }),
  },
  guards: {
    isCanary: ({ event }) => {
      assertEvent(event, 'DEPLOY');
      return event.strategy === 'canary';
    },
    isBlueGreen: ({ event }) => {
      assertEvent(event, 'DEPLOY');
      return event.strategy === 'blue-green';
    },
    sameVersion: ({ context, event }) => {
      assertEvent(event, 'DEPLOY');
      return event.version === context.stable;
    },
    hasPrevious: ({ context }) => context.previous !== null && context.previous !== context.stable,
    notRollingBack: ({ context }) => !context.rollingBack,
    passed: ({ event }) => {
      assertEvent(event, 'ANALYSIS');
      return event.verdict === 'pass';
    },
    failed: ({ event }) => {
      assertEvent(event, 'ANALYSIS');
      return event.verdict === 'fail';
    },
    failedAtThreshold: ({ context, event }) => {
      assertEvent(event, 'ANALYSIS');
      return event.verdict === 'fail' && context.failedChecks + 1 >= deploySettings(context).failureThreshold;
    },
    notPromoting: ({ context }) => context.weight < 100,
    nextIsFull: ({ context }) => (context.request?.steps[context.stepIndex + 1] ?? 100) >= 100,
    // Provided by the simulation: they look at the instances.
    batchReady: () => false,
    rolloutComplete: () => false,
    canaryReady: () => false,
    greenReady: () => false,
  },
}).createMachine({
  id: 'deployment',
  context: ({ input }) => ({
    service: input.service,
    stable: input.stable,
    previous: null,
    target: null,
    request: null,
    stepIndex: 0,
    weight: 0,
    maxWeight: 0,
    failedChecks: 0,
    rollingBack: false,
    lastOutcome: null,
    lastVerdict: null,
  }),
  initial: 'idle',
  states: {
    idle: {
      entry: { type: 'publish', params: { phase: 'idle' } },
      on: {
        DEPLOY: [
          {
            guard: 'sameVersion',
            actions: {
              type: 'annotate',
              params: ({ event }) => {
                assertEvent(event, 'DEPLOY');
                return { text: `deploy of ${event.version} skipped: already running` };
              },
            },
          },
          { guard: 'isCanary', target: 'canary', actions: 'assignDeploy' },
          { guard: 'isBlueGreen', target: 'blueGreen', actions: 'assignDeploy' },
          { target: 'rolling', actions: 'assignDeploy' },
        ],
        ROLLBACK: { guard: 'hasPrevious', target: 'rolling', actions: 'redeployPrevious' },
      },
    },
    rolling: {
      entry: [
        { type: 'publish', params: { phase: 'rolling' } },
        { type: 'annotate', params: ({ context }) => ({ text: `${context.rollingBack ? 'rollback' : 'rolling deploy'} to ${context.target} started` }) },
      ],
      initial: 'surge',
      states: {
        surge: {
          entry: 'startBatch',
          always: 'waiting',
        },
        waiting: {
          entry: { type: 'startTimer', params: { name: 'poll', seconds: POLL_SECONDS } },
          exit: { type: 'cancelTimer', params: { name: 'poll' } },
          on: {
            'timer.poll': [{ guard: 'batchReady', target: 'retire' }, { target: 'waiting', reenter: true }],
          },
        },
        retire: {
          entry: 'retireBatch',
          always: [{ guard: 'rolloutComplete', target: '#deployment.finished' }, { target: 'surge' }],
        },
      },
      on: {
        ROLLBACK: { guard: 'notRollingBack', target: 'rolling', reenter: true, actions: 'swapForRollback' },
      },
    },
    canary: {
      entry: [
        { type: 'publish', params: { phase: 'canary' } },
        { type: 'annotate', params: ({ context }) => ({ text: `canary of ${context.target} started` }) },
        'startCanary',
      ],
      initial: 'stepping',
      states: {
        stepping: {
          entry: ['setWeight', 'scaleCanary'],
          always: 'waitReady',
        },
        waitReady: {
          entry: { type: 'startTimer', params: { name: 'poll', seconds: POLL_SECONDS } },
          exit: { type: 'cancelTimer', params: { name: 'poll' } },
          on: {
            'timer.poll': [
              { guard: 'canaryReady', target: 'analysing', actions: ['applyWeight', { type: 'annotate', params: ({ context }) => ({ text: `canary weight ${context.weight}%` }) }] },
              { target: 'waitReady', reenter: true },
            ],
          },
        },
        analysing: {
          entry: { type: 'startTimer', params: ({ context }) => ({ name: 'analysis', seconds: deploySettings(context).analysisSeconds }) },
          exit: { type: 'cancelTimer', params: { name: 'analysis' } },
          on: { 'timer.analysis': 'judging' },
        },
        judging: {
          entry: 'requestAnalysis',
          on: {
            ANALYSIS: [
              { guard: 'failedAtThreshold', target: '#deployment.abortingCanary', actions: ['rememberVerdict', 'countFailure'] },
              { guard: 'failed', target: 'analysing', actions: ['rememberVerdict', 'countFailure'] },
              { guard: 'passed', target: 'advancing', actions: 'rememberVerdict' },
              { target: 'analysing', actions: 'rememberVerdict' },
            ],
          },
        },
        advancing: {
          always: [{ guard: 'nextIsFull', target: 'promoting' }, { target: 'stepping', actions: 'nextStep' }],
        },
        promoting: {
          entry: [assign({ weight: 100, maxWeight: 100 }), 'promoteCanary'],
          always: 'promotingWait',
        },
        promotingWait: {
          entry: { type: 'startTimer', params: { name: 'poll', seconds: POLL_SECONDS } },
          exit: { type: 'cancelTimer', params: { name: 'poll' } },
          on: {
            'timer.poll': [
              { guard: 'batchReady', target: '#deployment.finished', actions: 'retireOld' },
              { target: 'promotingWait', reenter: true },
            ],
          },
        },
      },
      on: { ROLLBACK: { guard: 'notPromoting', target: '#deployment.abortingCanary' } },
    },
    abortingCanary: {
      entry: [
        'abortCanary',
        { type: 'annotate', params: ({ context }) => ({ text: `canary of ${context.target} rolled back at ${context.weight}% after ${context.failedChecks} failed analyses` }) },
        'markRolledBack',
      ],
      always: 'idle',
    },
    blueGreen: {
      entry: [
        { type: 'publish', params: { phase: 'blue-green' } },
        { type: 'annotate', params: ({ context }) => ({ text: `blue-green deploy of ${context.target} started` }) },
        'startGreen',
      ],
      initial: 'waitGreen',
      states: {
        waitGreen: {
          entry: { type: 'startTimer', params: { name: 'poll', seconds: POLL_SECONDS } },
          exit: { type: 'cancelTimer', params: { name: 'poll' } },
          on: {
            'timer.poll': [
              { guard: 'greenReady', target: 'baking', actions: ['switchToGreen', { type: 'annotate', params: ({ context }) => ({ text: `traffic switched to ${context.target}` }) }] },
              { target: 'waitGreen', reenter: true },
            ],
            ROLLBACK: { target: '#deployment.blueGreenRollback' },
          },
        },
        baking: {
          entry: { type: 'startTimer', params: ({ context }) => ({ name: 'bake', seconds: deploySettings(context).bakeSeconds }) },
          exit: { type: 'cancelTimer', params: { name: 'bake' } },
          on: {
            'timer.bake': { target: '#deployment.finished', actions: 'retireBlue' },
            ROLLBACK: { target: '#deployment.blueGreenRollback', actions: 'switchBackToBlue' },
          },
        },
      },
    },
    blueGreenRollback: {
      entry: [
        'retireGreen',
        { type: 'annotate', params: ({ context }) => ({ text: `blue-green rollback: traffic back on ${context.stable}` }) },
        'markRolledBack',
      ],
      always: 'idle',
    },
    finished: {
      entry: [
        { type: 'annotate', params: ({ context }) => ({ text: `${context.rollingBack ? 'rollback' : 'deploy'} of ${context.target} complete` }) },
        'markSucceeded',
      ],
      always: 'idle',
    },
  },
});
