/**
 * The incident console's contract between the page and the simulation worker. The page sends
 * commands; the worker answers with one frame per simulated second. Nothing hidden (fault ids,
 * their schedule, the root cause, the reference play) is ever part of a frame or of the public
 * scenario: it crosses only in `finished`, the debrief.
 */
import { z } from 'zod';
import { actionSchema, type Action, type ActionInput } from '../sim/actions/schema';
import type { Annotation, LogEntry } from '../sim/telemetry/logs';

export const SPEEDS = [1, 2, 5, 10, 60] as const;
export type Speed = (typeof SPEEDS)[number];

/** Simulated seconds of healthy traffic before the player joins, so every chart opens with a baseline. */
export const DEFAULT_WARMUP_SECONDS = 1800;

export const SEVERITIES = [1, 2, 3, 4, 5] as const;
export const ROLES = ['IC', 'Ops', 'Comms', 'Scribe'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The console's panels a player can look at. Looking changes nothing in the system, but what was
 * looked at, and when, is how an interview judges investigation: did the candidate check the data
 * that could prove them wrong before acting?
 */
export const VIEW_PANELS = ['dashboards', 'logs', 'alerts', 'service-map', 'timeline'] as const;
export type ViewPanel = (typeof VIEW_PANELS)[number];

/**
 * What the people on call do that the simulated system does not see: declaring the incident,
 * roles, status updates, silences, and what they looked at. Logged with the system actions, so a run replays whole and the
 * debrief can judge the communication too.
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
  z.object({ type: z.literal('silence-alert'), alert: z.string().min(1), minutes: z.number().int().min(1).max(24 * 60) }).strict(),
  z.object({ type: z.literal('note'), text: z.string().min(1).max(2000) }).strict(),
  /** An observation: the player opened a panel (and, optionally, what in it: a chart, an instance, a query). */
  z.object({ type: z.literal('viewed'), panel: z.enum(VIEW_PANELS), focus: z.string().min(1).max(200).optional() }).strict(),
]);
export type CommsAction = z.infer<typeof commsActionSchema>;

export const COMMS_TYPES = new Set<string>(commsActionSchema.options.map((o) => o.shape.type.value));

/** Anything the player can do: a system action (src/sim/actions) or a comms action. */
export type ConsoleAction = Action | CommsAction;
export type ConsoleActionInput = ActionInput | z.input<typeof commsActionSchema>;

export function isCommsAction(action: { type: string }): action is CommsAction {
  return COMMS_TYPES.has(action.type);
}

/** Validates a player action of either kind, with one readable message when it is wrong. */
export function parseConsoleAction(input: unknown): ConsoleAction {
  const type = (input as { type?: unknown } | null)?.type;
  const schema = typeof type === 'string' && COMMS_TYPES.has(type) ? commsActionSchema : actionSchema;
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
  service: { name: string; replicas: number; version: string; versions: string[] };
  components: { cache: boolean; database: boolean; queue: boolean; dependencies: string[] };
  flags: string[];
  alertRules: { id: string; severity: 'page' | 'ticket' }[];
  /** What "handled well" means, in words (the criteria themselves are judged at the end). */
  successCriteria: string[];
}

export type RunSource = { kind: 'builtin'; id: string } | { kind: 'custom'; scenario: unknown };

export type ToWorker =
  | { type: 'load'; source: RunSource; seed: number; warmupSeconds: number; log?: { at: number; action: unknown }[]; runTo?: number }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'speed'; speed: Speed }
  | { type: 'step'; seconds: number }
  | { type: 'act'; action: unknown }
  | { type: 'run-to-alert' }
  | { type: 'seek'; t: number }
  | { type: 'finish' };

export interface ClockState {
  t: number;
  playing: boolean;
  speed: Speed;
  /** The run reached the scenario's end. */
  ended: boolean;
}

export type FromWorker =
  | { type: 'loaded'; scenario: PlayerScenario; clock: ClockState; frames: Frame[]; log: LoggedAction[] }
  | { type: 'frames'; frames: Frame[]; clock: ClockState }
  | { type: 'acted'; record: LoggedAction; clock: ClockState }
  | { type: 'finished'; reveal: Reveal; clock: ClockState }
  | { type: 'error'; message: string };

/** What the debrief may show: everything that was hidden, computed at the end. */
export interface Reveal {
  summary: unknown;
  rootCause: { summary: string; faults: string[] };
  /** Every annotation, the hidden fault ones included. */
  annotations: Annotation[];
  faults: { id: string | null; type: string; at: number; until: number | null }[];
  log: LoggedAction[];
}
