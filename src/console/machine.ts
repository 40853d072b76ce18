/**
 * The console page's flow, UI-free: loading -> briefing -> playing <-> paused -> debrief, with
 * rewind (a reload to an earlier second) and replay of a shared run. It talks to the simulation
 * only through a ConsoleConnection; frames go to a FrameStore, not into the machine's context.
 * React components render its snapshot and send it events.
 */
import { assertEvent, assign, fromCallback, setup, type ActorRefFrom, type SnapshotFrom } from 'xstate';
import type { ConsoleConnection } from './connection';
import type { FrameStore } from './frame-store';
import type { ClockState, FromWorker, LoggedAction, PlayerScenario, Reveal, Speed } from './protocol';
import { loadCommand, type LoadRequest } from './load-command';
export type { LoadRequest } from './load-command';

export interface ConsoleContext {
  connection: ConsoleConnection;
  frames: FrameStore;
  request: LoadRequest | null;
  scenario: PlayerScenario | null;
  clock: ClockState;
  log: LoggedAction[];
  reveal: Reveal | null;
  error: string | null;
  /** The answer to the player's last action, for a status line ("rollback started"). */
  lastResult: LoggedAction | null;
  /** Where a load lands: the briefing for a new run, paused for a replay or a rewind. */
  resume: 'briefing' | 'paused';
  /**
   * How far a shared run's replay has computed (simulated seconds, warm-up included), for the page
   * to show its progress; null for other loads (a new run's warm-up, a rewind).
   */
  loadedTo: number | null;
  /**
   * A speed the player chose that the worker has not confirmed yet: clocks it sent before it took
   * the change still say the old speed, and must not flip the control back for a moment.
   */
  speedSent: Speed | null;
}

export type ConsoleEvent =
  | { type: 'LOAD'; request: LoadRequest }
  | { type: 'START' }
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'TOGGLE' }
  | { type: 'SPEED'; speed: Speed }
  | { type: 'STEP'; seconds?: number }
  | { type: 'RUN_TO_ALERT' }
  | { type: 'ACT'; action: unknown }
  | { type: 'REWIND'; t: number }
  | { type: 'FINISH' }
  | { type: 'RESTART' }
  | { type: 'DISMISS_ERROR' }
  | { type: 'WORKER'; message: FromWorker };

const STOPPED: ClockState = { t: 0, playing: false, speed: 1, ended: false };

const is = <T extends FromWorker['type']>(event: ConsoleEvent, type: T): event is { type: 'WORKER'; message: Extract<FromWorker, { type: T }> } =>
  event.type === 'WORKER' && event.message.type === type;

/** Forwards every worker message to the machine for as long as it runs. */
const workerListener = fromCallback<ConsoleEvent, { connection: ConsoleConnection }>(({ sendBack, input }) =>
  input.connection.listen((message) => sendBack({ type: 'WORKER', message })),
);

/** A clock from the worker, showing the speed the player chose until the worker's clocks carry it. */
function heldSpeed(context: ConsoleContext, clock: ClockState): { clock: ClockState; speedSent: Speed | null } {
  const sent = context.speedSent;
  if (sent === null || clock.speed === sent) return { clock, speedSent: null };
  return { clock: { ...clock, speed: sent }, speedSent: sent };
}

export const consoleMachine = setup({
  types: {
    context: {} as ConsoleContext,
    events: {} as ConsoleEvent,
    input: {} as { connection: ConsoleConnection; frames: FrameStore },
  },
  actors: { workerListener },
  actions: {
    rememberRequest: assign(({ event }) => {
      assertEvent(event, 'LOAD');
      const paused = event.request.replay !== undefined || event.request.skipBriefing === true;
      return { request: event.request, reveal: null, error: null, lastResult: null, resume: paused ? ('paused' as const) : ('briefing' as const), loadedTo: event.request.replay ? 0 : null };
    }),
    resumePaused: assign({ resume: 'paused' as const }),
    resumeAfterRestart: assign({ resume: ({ context }) => (context.request?.skipBriefing ? ('paused' as const) : ('briefing' as const)) }),
    sendLoad: ({ context }) => {
      context.frames.unstage();
      context.connection.send(loadCommand(context.request!));
    },
    sendPlay: ({ context }) => context.connection.send({ type: 'play' }),
    sendPause: ({ context }) => context.connection.send({ type: 'pause' }),
    sendSpeed: ({ context, event }) => {
      assertEvent(event, 'SPEED');
      context.connection.send({ type: 'speed', speed: event.speed });
    },
    sendStep: ({ context, event }) => {
      assertEvent(event, 'STEP');
      context.connection.send({ type: 'step', seconds: event.seconds ?? 1 });
    },
    // The control shows the new speed at once; the worker's next clock confirms it.
    showSpeed: assign(({ context, event }) => (event.type === 'SPEED' ? { clock: { ...context.clock, speed: event.speed }, speedSent: event.speed } : {})),
    sendRunToAlert: ({ context }) => context.connection.send({ type: 'run-to-alert' }),
    sendAct: ({ context, event }) => {
      assertEvent(event, 'ACT');
      context.connection.send({ type: 'act', action: event.action });
    },
    sendSeek: ({ context, event }) => {
      assertEvent(event, 'REWIND');
      context.frames.unstage();
      context.connection.send({ type: 'seek', t: event.t });
    },
    sendFinish: ({ context }) => context.connection.send({ type: 'finish' }),
    // Out of the machine's context, as frames always are: the 'loaded' that ends the load takes them.
    stageHistory: assign(({ context, event }) => {
      if (!is(event, 'history')) return {};
      context.frames.stage(event.message.frames);
      return { loadedTo: context.loadedTo === null ? null : (event.message.frames.at(-1)?.t ?? context.loadedTo) };
    }),
    hideLoadProgress: assign({ loadedTo: null }),
    takeLoaded: assign(({ context, event }) => {
      if (!is(event, 'loaded')) return {};
      if (event.message.keepUpTo !== undefined) context.frames.rewind(event.message.keepUpTo, event.message.frames);
      else context.frames.replace(event.message.frames);
      return { scenario: event.message.scenario, clock: event.message.clock, log: event.message.log, error: null, speedSent: null };
    }),
    takeFrames: assign(({ context, event }) => {
      if (!is(event, 'frames')) return {};
      context.frames.append(event.message.frames);
      return heldSpeed(context, event.message.clock);
    }),
    takeActed: assign(({ context, event }) => {
      if (!is(event, 'acted')) return {};
      context.frames.addLate(event.message.record.at, event.message.annotations ?? []);
      // A look is logged, not answered: the status line keeps the last action's result.
      const look = event.message.record.action.type === 'viewed';
      return { log: [...context.log, event.message.record], lastResult: look ? context.lastResult : event.message.record, ...heldSpeed(context, event.message.clock) };
    }),
    takeReveal: assign(({ event }) => (is(event, 'finished') ? { reveal: event.message.reveal, clock: event.message.clock, log: event.message.reveal.log } : {})),
    takeError: assign(({ event }) => (is(event, 'error') ? { error: event.message.message } : {})),
    clearError: assign({ error: null }),
    forgetRun: assign({ reveal: null, lastResult: null, clock: STOPPED }),
    restartRequest: assign({ request: ({ context }) => (context.request ? { ...context.request, replay: undefined } : null) }),
  },
  guards: {
    isLoaded: ({ event }) => is(event, 'loaded'),
    isHistory: ({ event }) => is(event, 'history'),
    isFrames: ({ event }) => is(event, 'frames'),
    isActed: ({ event }) => is(event, 'acted'),
    isFinished: ({ event }) => is(event, 'finished'),
    isError: ({ event }) => is(event, 'error'),
    isReplayAtEnd: ({ event, context }) => is(event, 'loaded') && Boolean(context.request?.replay) && event.message.clock.ended,
    resumesPaused: ({ context }) => context.resume === 'paused',
    reachedEnd: ({ event }) => is(event, 'frames') && event.message.clock.ended,
    hasRequest: ({ context }) => context.request !== null,
  },
}).createMachine({
  id: 'console',
  context: ({ input }) => ({
    connection: input.connection,
    frames: input.frames,
    request: null,
    scenario: null,
    clock: STOPPED,
    log: [],
    reveal: null,
    error: null,
    lastResult: null,
    resume: 'briefing',
    loadedTo: null,
    speedSent: null,
  }),
  invoke: { src: 'workerListener', input: ({ context }) => ({ connection: context.connection }) },
  initial: 'idle',
  on: {
    LOAD: { target: '.loading', actions: ['rememberRequest', 'forgetRun', 'sendLoad'] },
    DISMISS_ERROR: { actions: 'clearError' },
  },
  states: {
    idle: {},
    loading: {
      on: {
        WORKER: [
          { guard: 'isReplayAtEnd', target: 'finishing', actions: ['takeLoaded', 'sendFinish'] },
          { guard: 'isLoaded', target: 'loaded', actions: 'takeLoaded' },
          { guard: 'isHistory', actions: 'stageHistory' },
          { guard: 'isError', target: 'failed', actions: 'takeError' },
        ],
      },
    },
    loaded: {
      always: [{ guard: 'resumesPaused', target: 'session.paused' }, { target: 'briefing' }],
    },
    briefing: {
      on: { START: { target: 'session.playing' } },
    },
    session: {
      initial: 'paused',
      on: {
        SPEED: { actions: ['showSpeed', 'sendSpeed'] },
        ACT: { actions: 'sendAct' },
        REWIND: { target: '#console.loading', actions: ['resumePaused', 'hideLoadProgress', 'sendSeek'] },
        FINISH: { target: 'finishing', actions: 'sendFinish' },
        WORKER: [
          { guard: 'reachedEnd', target: 'finishing', actions: ['takeFrames', 'sendFinish'] },
          { guard: 'isFrames', actions: 'takeFrames' },
          { guard: 'isActed', actions: 'takeActed' },
          { guard: 'isError', actions: 'takeError' },
        ],
      },
      states: {
        playing: {
          entry: 'sendPlay',
          on: {
            PAUSE: { target: 'paused', actions: 'sendPause' },
            TOGGLE: { target: 'paused', actions: 'sendPause' },
            STEP: { target: 'paused', actions: ['sendPause', 'sendStep'] },
            RUN_TO_ALERT: { target: 'paused', actions: ['sendPause', 'sendRunToAlert'] },
          },
        },
        paused: {
          on: {
            PLAY: 'playing',
            TOGGLE: 'playing',
            STEP: { actions: 'sendStep' },
            RUN_TO_ALERT: { actions: 'sendRunToAlert' },
          },
        },
      },
    },
    finishing: {
      on: {
        WORKER: [
          { guard: 'isFinished', target: 'debrief', actions: 'takeReveal' },
          { guard: 'isFrames', actions: 'takeFrames' },
          { guard: 'isError', target: 'failed', actions: 'takeError' },
        ],
      },
    },
    debrief: {
      on: {
        RESTART: { guard: 'hasRequest', target: 'loading', actions: ['restartRequest', 'resumeAfterRestart', 'forgetRun', 'sendLoad'] },
        REWIND: { target: 'loading', actions: ['resumePaused', 'forgetRun', 'hideLoadProgress', 'sendSeek'] },
      },
    },
    failed: {
      on: {
        RESTART: { guard: 'hasRequest', target: 'loading', actions: ['restartRequest', 'resumeAfterRestart', 'forgetRun', 'sendLoad'] },
      },
    },
  },
});

export type ConsoleActor = ActorRefFrom<typeof consoleMachine>;
export type ConsoleSnapshot = SnapshotFrom<typeof consoleMachine>;
