/**
 * The incident console's contract between the page and the simulation worker. The page sends
 * commands; the worker answers with one frame per simulated second. Nothing hidden (fault ids,
 * their schedule, the root cause, the reference play) is ever part of a frame or of the public
 * scenario: it crosses only in `finished`, the debrief.
 */
import { z } from 'zod';
// The two schemas from their own modules, not the simulator's index: the index brings the built-in
// scenarios (root causes included) into every page bundle that imports this file.
import { actionSchema, type Action, type ActionInput } from '../sim/actions/schema';
import { faultSchema, type Fault } from '../sim/faults/schema';
import type { Annotation, LogEntry, SimulationSummary } from '../sim/index';
// Type-only, and it must stay so: checkpoints.ts is built on this module's types (the one type
// cycle test/unit/sim/imports.test.ts allows).
import type { RunCheckpoint } from './checkpoints';
import { ROLES, type Speed } from './constants';
import type { GameDayReport } from './gameday/report';

export { SPEEDS, DEFAULT_WARMUP_SECONDS, SEVERITIES, ROLES } from './constants';
export type { Speed, Role } from './constants';
export type { Annotation, LogEntry, SimulationSummary };

/**
 * The console's panels a player can look at. Looking changes nothing in the system, but what was
 * looked at, and when, is how an interview judges investigation: did the candidate check the data
 * that could prove them wrong before acting?
 */
export const VIEW_PANELS = ['dashboards', 'logs', 'alerts', 'service-map', 'timeline'] as const;
export type ViewPanel = (typeof VIEW_PANELS)[number];

/**
 * What the people on call do that the simulated system does not see: declaring the incident,
 * roles, status updates, notes, and what they looked at. Logged with the system actions, so a run
 * replays whole and the debrief can judge the communication too. (A silence is a system action,
 * `silence-alert` in src/sim/actions: it changes which alerts can fire.)
 */
export const commsActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('declare-incident'), severity: z.number().int().min(1).max(5), summary: z.string().max(500).default('') }).strict(),
  z.object({ type: z.literal('set-severity'), severity: z.number().int().min(1).max(5) }).strict(),
  z.object({ type: z.literal('assign-role'), role: z.enum(ROLES), person: z.string().min(1).max(60) }).strict(),
  z
    .object({
      type: z.literal('status-update'),
      impact: z.string().min(1).max(1000),
      scope: z.string().max(1000).default(''),
      currentAction: z.string().max(1000).default(''),
      /** Minutes until the next update is promised. */
      nextUpdateMinutes: z.number().int().min(1).max(240),
    })
    .strict(),
  z.object({ type: z.literal('note'), text: z.string().min(1).max(2000) }).strict(),
  /** An observation: the player opened a panel (and, optionally, what in it: a chart, an instance, a query). */
  z.object({ type: z.literal('viewed'), panel: z.enum(VIEW_PANELS), focus: z.string().min(1).max(200).optional() }).strict(),
]);
export type CommsAction = z.infer<typeof commsActionSchema>;

export const COMMS_TYPES = new Set<string>(commsActionSchema.options.map((o) => o.shape.type.value));

/** A fault as a player injects it in free play: any fault of src/sim/faults without its time (the run sets it). */
export type InjectedFault = Fault extends infer F ? (F extends Fault ? Omit<F, 'at' | 'id'> : never) : never;

/**
 * Free play's "Inject fault": the fault starts right after the current second closes. Validated by the
 * simulator's own fault schema, so a wrong parameter gets the same message a scenario file would.
 */
export const injectFaultSchema = z
  .object({ type: z.literal('inject-fault'), fault: z.record(z.string(), z.unknown()) })
  .strict()
  .transform((a, ctx) => {
    const r = faultSchema.safeParse({ ...a.fault, at: 0 });
    if (!r.success) {
      for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', path: ['fault', ...issue.path.map(String)], message: issue.message });
      return z.NEVER;
    }
    const { at: _at, id: _id, ...fault } = r.data;
    return { type: 'inject-fault' as const, fault: fault as InjectedFault };
  });
export type InjectFaultAction = z.output<typeof injectFaultSchema>;

/** Anything the player can do: a system action (src/sim/actions), a comms action, or (free play) a fault. */
export type ConsoleAction = Action | CommsAction | InjectFaultAction;
export type ConsoleActionInput = ActionInput | z.input<typeof commsActionSchema> | z.input<typeof injectFaultSchema>;

export function isCommsAction(action: { type: string }): action is CommsAction {
  return COMMS_TYPES.has(action.type);
}

export function isInjectFault(action: { type: string }): action is InjectFaultAction {
  return action.type === 'inject-fault';
}

/** Validates a player action of any kind, with one readable message when it is wrong. */
export function parseConsoleAction(input: unknown): ConsoleAction {
  const type = (input as { type?: unknown } | null)?.type;
  const schema = typeof type === 'string' && COMMS_TYPES.has(type) ? commsActionSchema : type === 'inject-fault' ? injectFaultSchema : actionSchema;
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new Error(`invalid action: ${r.error.issues.map((i) => `${i.path.join('.') || 'action'}: ${i.message}`).join('; ')}`);
}

/** One logged action, at simulated time `at` (seconds since the run began, warm-up included). */
export interface LoggedAction {
  at: number;
  action: ConsoleAction;
  accepted: boolean;
  message: string;
}

/** RED numbers of one second. */
export interface Red {
  rate: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface InstanceView {
  name: string;
  version: string;
  pool: string;
  phase: string;
}

export type AlertState = 'inactive' | 'pending' | 'firing' | 'resolved';

export interface AlertView {
  id: string;
  severity: 'page' | 'ticket';
  state: AlertState;
}

/**
 * The system as on-call sees it at the end of one simulated second. Plain data, small, and
 * free of anything hidden: tests assert that over whole runs.
 */
export interface Frame {
  t: number;
  edge: Red;
  service: Red;
  /** Every per-second series the simulation keeps (dependencies, instances, pools, SLO), by name. */
  metrics: Record<string, number>;
  requests: { arrived: number; succeeded: number; failed: number; shed: number };
  instances: InstanceView[];
  desiredReplicas: number;
  deployment: { phase: string; stable: string; target: string | null; weight: number; lastOutcome: string | null; judgement: unknown };
  autoscaler: string;
  breakers: { dependency: string; state: string }[];
  flags: { id: string; percentage: number; killed: boolean }[];
  database: { state: string; primary: string; replica: string | null; replicaLagSeconds: number; pool: { node: string; inUse: number; waiting: number; max: number }[] } | null;
  cache: { size: number; capacity: number; hitRatio: number } | null;
  queue: { depth: number; busyWorkers: number } | null;
  alerts: AlertView[];
  /** Whether someone acknowledged the page (the system records it for MTTA). */
  acknowledged: boolean;
  slo: { availability: number; errorRatio5m: number; burnRate1h: number; burnRate5m: number; budgetBurnedPercent: number };
  /** Annotations (deploys, actions, autoscaling, breakers, alerts) that appeared this second. */
  annotations: Annotation[];
  /** Sampled log lines written this second. */
  logs: LogEntry[];
}

/** What a player may know about a scenario before and during play. */
export interface PlayerScenario {
  id: string;
  title: string;
  briefing: string;
  /** Simulated seconds of play after the warm-up. */
  durationSeconds: number;
  warmupSeconds: number;
  slo: { availability: number; latencyThresholdMs: number; latencyTarget: number; windowDays: number };
  /** The service, its current version, and the versions a deploy may roll out (names only). */
  service: { name: string; replicas: number; version: string; versions: string[]; bootSeconds: number };
  components: { cache: boolean; database: boolean; queue: boolean; dependencies: string[] };
  /** Traffic sources (who calls the service) and the routes it serves. */
  sources: string[];
  routes: string[];
  flags: string[];
  /** Simulated seconds from an action to its effect, by action type (what the Actions panel counts down). */
  actionDelays: Partial<Record<string, number>>;
  /** Free play: the player may inject faults (a drill's own faults are hidden and judged). */
  faultsAllowed: boolean;
  alertRules: { id: string; severity: 'page' | 'ticket' }[];
  /** What "handled well" means, in words (the criteria themselves are judged at the end). */
  successCriteria: string[];
}

export type RunSource = { kind: 'builtin'; id: string } | { kind: 'custom'; scenario: unknown };

export type ToWorker =
  | { type: 'load'; source: RunSource; seed: number; warmupSeconds: number; log?: { at: number; action: unknown }[]; runTo?: number }
  /**
   * The same load as a share link's `run` parameter, read by the worker: a shared run's page sends it
   * before its own code has read the link (components/console/early-worker.ts).
   */
  | { type: 'load-shared'; run: string }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'speed'; speed: Speed }
  | { type: 'step'; seconds: number }
  | { type: 'act'; action: unknown }
  | { type: 'run-to-alert' }
  | { type: 'seek'; t: number }
  | { type: 'finish' }
  /** The next rung of a drill's hint ladder: hints stay in the worker until asked for. */
  | { type: 'hint' };

export interface ClockState {
  t: number;
  playing: boolean;
  speed: Speed;
  /** The run reached the scenario's end. */
  ended: boolean;
}

/** A rung of the hint ladder the learner asked for, at simulated time `at` (warm-up included), as the worker logged it. */
export interface HintTaken {
  at: number;
  /** 1, 2 or 3. */
  rung: number;
  text: string;
}

export type FromWorker =
  /**
   * Frames of a load under way, oldest first, sent while the rest is simulated (the page takes them in
   * while the worker computes the next): the `loaded` that ends the load has the frames after them.
   */
  | { type: 'history'; frames: Frame[] }
  /**
   * A run loaded (or rewound). With `keepUpTo`, a rewind that started from a checkpoint: the page keeps
   * its frames up to that second (the new run shares them byte for byte) and `frames` are the ones after.
   */
  | { type: 'loaded'; scenario: PlayerScenario; clock: ClockState; frames: Frame[]; log: LoggedAction[]; keepUpTo?: number }
  | { type: 'frames'; frames: Frame[]; clock: ClockState }
  /** An action taken; `annotations` are what it set off at once, for the frame of the second it was taken in. */
  | { type: 'acted'; record: LoggedAction; clock: ClockState; annotations?: Annotation[] }
  | { type: 'finished'; reveal: Reveal; clock: ClockState }
  | { type: 'hint'; hint: HintTaken; remaining: number }
  | { type: 'error'; message: string };

/** What the debrief may show: everything that was hidden, computed at the end. */
export interface Reveal {
  summary: SimulationSummary;
  rootCause: { summary: string; faults: string[] };
  /** Every annotation, the hidden fault ones included. */
  annotations: Annotation[];
  faults: { id: string | null; type: string; at: number; until: number | null }[];
  log: LoggedAction[];
  /** The hint rungs the learner asked for (drills only). */
  hints?: HintTaken[];
  /** A designed game day: whether its steady-state hypothesis held, and whether it was aborted. */
  gameDay?: GameDayReport;
  /**
   * The checkpoints the run kept (at most 24 MB), for the debrief's replays: page memory only, never
   * stored or shared.
   */
  checkpoints?: readonly RunCheckpoint[];
}
