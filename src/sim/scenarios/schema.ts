import { z } from 'zod';
import { topologySchema, sourceSchema } from '../model/topology';
import { faultSchema } from '../faults/schema';
import { metricNames } from './metrics';
import { BURN_RATE_RULES } from '../telemetry/alerts';
import { stakeholderQuestionSchema } from './stakeholders';
import { timedActionSchema } from '../actions/schema';
import { gameDaySchema } from './game-day';

/**
 * A scenario is data: the system (topology), who uses it (traffic), what goes wrong and when (faults),
 * what really happened (hidden root cause) and what "handled well" means (success criteria).
 * The site loads scenarios with this schema, so every error message names the offending field.
 */

export const sloSchema = z
  .object({
    /** Availability objective, e.g. 0.999. */
    availability: z.number().gt(0).lt(1).default(0.999),
    /** Latency objective: `latencyTarget` of requests faster than `latencyThresholdMs`. */
    latencyThresholdMs: z.number().positive().default(500),
    latencyTarget: z.number().gt(0).lt(1).default(0.99),
    windowDays: z.number().positive().default(30),
  })
  .prefault({});
export type SloConfig = z.infer<typeof sloSchema>;

export { metricNames };

export const alertRuleSchema = z.object({
  id: z.string().min(1),
  severity: z.enum(['page', 'ticket']).default('ticket'),
  metric: z.enum(metricNames),
  op: z.enum(['>', '<']).default('>'),
  threshold: z.number(),
  /** Prometheus `for`: the condition must hold this long before the alert fires. */
  forSeconds: z.number().min(0).default(60),
});
export type AlertRuleConfig = z.infer<typeof alertRuleSchema>;

export const successCriterionSchema = z.discriminatedUnion('type', [
  /** Client-observed availability over [from, to] at least `atLeast`. */
  z.object({ type: z.literal('availability'), from: z.number().min(0), to: z.number().positive(), atLeast: z.number().min(0).max(1) }),
  /** The incident is mitigated within `seconds` of its start. */
  z.object({ type: z.literal('mitigated-within'), seconds: z.number().positive() }),
  /** No more than this percentage of the 30-day error budget is burned by the run. */
  z.object({ type: z.literal('error-budget'), maxBurnedPercent: z.number().min(0) }),
  /** p99 latency over [from, to] at most `atMostMs`. */
  z.object({ type: z.literal('p99-latency'), from: z.number().min(0), to: z.number().positive(), atMostMs: z.number().positive() }),
  /** At most `atMost` duplicate effects (e.g. double charges) on a dependency with `sideEffects`. */
  z.object({ type: z.literal('max-duplicates'), dependency: z.string().min(1), atMost: z.number().int().min(0) }),
  /**
   * The mean of a per-second metric (any an alert rule can name) over [from, to] at most `atMost`: for
   * harm clients do not see as errors (a stuck queue, stale reads).
   */
  z.object({ type: z.literal('metric-mean'), metric: z.enum(metricNames), from: z.number().min(0), to: z.number().positive(), atMost: z.number() }),
  /** At most `atMost` lost messages: publishes that failed after their write committed (orders never fulfilled). */
  z.object({ type: z.literal('max-lost-messages'), atMost: z.number().int().min(0) }),
]);
export type SuccessCriterion = z.infer<typeof successCriterionSchema>;

export const LEVELS = ['junior', 'mid', 'senior', 'staff'] as const;

export const drillSchema = z
  .object({
    level: z.enum(LEVELS),
    /** Week of the 90-day plan; null for staff drills (beyond day 90). */
    week: z.number().int().min(1).max(12).nullable(),
    /** The lesson this drill belongs to (lessons/<id>/). */
    lesson: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'name a lesson id'),
    concepts: z.array(z.string().min(1)).default([]),
    /** What happens when nobody acts, in words: the do-nothing expectation. */
    doNothing: z.string().min(1),
    /** The hint ladder: a question to ask, where to look, what to do. */
    hints: z.object({ question: z.string().min(1), where: z.string().min(1), action: z.string().min(1) }).strict(),
    /** The level whose checkpoint this drill is, if it is one. */
    checkpoint: z.enum(LEVELS).optional(),
  })
  .strict();
export type DrillMeta = z.infer<typeof drillSchema>;

export const scenarioSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use a lowercase kebab-case id'),
    title: z.string().min(1),
    /** What the player is told at the start. */
    briefing: z.string().default(''),
    durationSeconds: z.number().positive().default(1800),
    seed: z.number().int().min(0).default(1),
    topology: topologySchema,
    traffic: z.object({ sources: z.array(sourceSchema).min(1) }),
    slo: sloSchema,
    alerts: z
      .object({
        /** The four multi-window, multi-burn-rate rules of the SRE workbook on availability. */
        burnRate: z.boolean().default(true),
        rules: z.array(alertRuleSchema).default([]),
      })
      .prefault({}),
    faults: z.array(faultSchema).default([]),
    /** Actions that happen regardless of the player, e.g. a scheduled deploy. */
    scheduledActions: z.array(timedActionSchema).default([]),
    /** Hidden until the debrief. */
    rootCause: z
      .object({
        summary: z.string().default(''),
        faults: z.array(z.string()).default([]),
        /** Conditions that let the fault become an incident; the postmortem's action items map to these. */
        contributingFactors: z.array(z.string().min(1)).default([]),
      })
      .prefault({}),
    /**
     * The reference play ("par"): what a good on-call does, with times. Hidden until the debrief,
     * which replays it and doing nothing on the learner's seed to grade the learner's run.
     */
    par: z.array(timedActionSchema).default([]),
    /** Scripted questions from people outside on-call, answered by status updates. */
    stakeholders: z.array(stakeholderQuestionSchema).default([]),
    /** What makes the scenario a drill on the site: where it sits on the path and how to help. */
    drill: drillSchema.optional(),
    /** A designed game day's steady-state hypothesis and abort conditions (judged by the console, not the simulator). */
    gameDay: gameDaySchema.optional(),
    success: z.array(successCriterionSchema).default([]),
    telemetry: z
      .object({
        /** Share of successful requests that write a log line; errors are logged up to a per-second cap. */
        logSampleRate: z.number().min(0).max(1).default(0.001),
        errorLogsPerSecond: z.number().int().min(0).default(20),
        /** Seconds of per-second series kept for snapshots. */
        retainSeconds: z.number().int().positive().default(3600),
      })
      .prefault({}),
  })
  // A misspelt top-level field in a hand-written file is refused and named, not silently dropped.
  .strict()
  .superRefine((s, ctx) => {
    const routes = new Set(s.topology.routes.map((r) => r.id));
    s.traffic.sources.forEach((src, i) => {
      for (const r of Object.keys(src.routes)) {
        if (!routes.has(r)) ctx.addIssue({ code: 'custom', path: ['traffic', 'sources', i, 'routes', r], message: `unknown route "${r}"; known: ${[...routes].join(', ')}` });
      }
      if (Object.values(src.routes).reduce((a, b) => a + b, 0) <= 0) {
        ctx.addIssue({ code: 'custom', path: ['traffic', 'sources', i, 'routes'], message: 'route weights must not all be zero' });
      }
    });
    const sourceIds = new Set<string>();
    s.traffic.sources.forEach((src, i) => {
      if (sourceIds.has(src.id)) ctx.addIssue({ code: 'custom', path: ['traffic', 'sources', i, 'id'], message: `duplicate source id "${src.id}"` });
      sourceIds.add(src.id);
    });
    const faultIds = new Set(s.faults.map((f) => f.id).filter((x): x is string => !!x));
    for (let i = 1; i < s.par.length; i++) {
      if (s.par[i]!.at < s.par[i - 1]!.at) ctx.addIssue({ code: 'custom', path: ['par', i, 'at'], message: 'par actions must be in time order' });
    }
    if (s.drill && s.drill.level === 'staff' && s.drill.week !== null) ctx.addIssue({ code: 'custom', path: ['drill', 'week'], message: 'staff drills sit beyond day 90: set week to null' });
    if (s.drill && s.drill.level !== 'staff' && s.drill.week === null) ctx.addIssue({ code: 'custom', path: ['drill', 'week'], message: 'give the week of the 90-day plan (1-12)' });
    s.rootCause.faults.forEach((f, i) => {
      if (!faultIds.has(f)) ctx.addIssue({ code: 'custom', path: ['rootCause', 'faults', i], message: `root cause names fault "${f}", which no fault has as its id` });
    });
    const deps = new Set(s.topology.dependencies.map((d) => d.id));
    s.success.forEach((c, i) => {
      if (c.type === 'max-lost-messages' && !s.topology.messageQueue) {
        ctx.addIssue({ code: 'custom', path: ['success', i, 'type'], message: 'max-lost-messages needs a message queue (topology.messageQueue)' });
      }
      if (c.type !== 'max-duplicates') return;
      const dep = s.topology.dependencies.find((d) => d.id === c.dependency);
      if (!dep) ctx.addIssue({ code: 'custom', path: ['success', i, 'dependency'], message: `unknown dependency "${c.dependency}"; known: ${[...deps].join(', ') || '(none)'}` });
      else if (!dep.sideEffects) ctx.addIssue({ code: 'custom', path: ['success', i, 'dependency'], message: `dependency "${c.dependency}" needs sideEffects: true for duplicates to be counted` });
    });
    s.par.forEach((p, i) => {
      if (p.action.type === 'force-breaker' && !deps.has(p.action.dependency)) {
        ctx.addIssue({ code: 'custom', path: ['par', i, 'action', 'dependency'], message: `unknown dependency "${p.action.dependency}"; known: ${[...deps].join(', ') || '(none)'}` });
      }
    });
    s.faults.forEach((f, i) => {
      if ((f.type === 'dependency-outage' || f.type === 'dependency-latency') && !deps.has(f.dependency)) {
        ctx.addIssue({ code: 'custom', path: ['faults', i, 'dependency'], message: `unknown dependency "${f.dependency}"` });
      }
      if ((f.type === 'traffic-spike' || f.type === 'retry-storm') && f.source !== undefined && !sourceIds.has(f.source)) {
        ctx.addIssue({ code: 'custom', path: ['faults', i, 'source'], message: `unknown traffic source "${f.source}"` });
      }
      const needsDb = ['slow-queries', 'pool-exhaustion', 'db-primary-loss', 'network-partition', 'disk-full', 'migration-table-lock', 'slow-query-deploy'];
      if (needsDb.includes(f.type) && !s.topology.database) {
        ctx.addIssue({ code: 'custom', path: ['faults', i, 'type'], message: `fault "${f.type}" needs a database in the topology` });
      }
      if (f.type === 'replica-partition' && !s.topology.database?.replica) {
        ctx.addIssue({ code: 'custom', path: ['faults', i, 'type'], message: 'replica-partition needs a database with a replica (topology.database.replica)' });
      }
      if ((f.type === 'poison-message' || f.type === 'broker-outage') && !s.topology.messageQueue) {
        ctx.addIssue({ code: 'custom', path: ['faults', i, 'type'], message: `${f.type} needs a message queue (topology.messageQueue)` });
      }
      if (f.type === 'flapping-alert' && [...s.alerts.rules, ...BURN_RATE_RULES].some((r) => r.id === f.alert)) {
        ctx.addIssue({ code: 'custom', path: ['faults', i, 'alert'], message: `alert "${f.alert}" is already an alert rule; give the flapping alert its own id` });
      }
      if (f.type === 'flapping-alert' && f.firingSeconds >= f.periodSeconds) {
        ctx.addIssue({ code: 'custom', path: ['faults', i, 'firingSeconds'], message: 'firingSeconds must be shorter than periodSeconds, or the alert never resolves' });
      }
      if (f.type === 'flag-change' && !s.topology.flags.some((x) => x.id === f.flag)) {
        ctx.addIssue({ code: 'custom', path: ['faults', i, 'flag'], message: `unknown flag "${f.flag}"; declare it under topology.flags` });
      }
      if (f.type === 'cache-flush' && !s.topology.cache) ctx.addIssue({ code: 'custom', path: ['faults', i, 'type'], message: 'cache-flush needs a cache in the topology' });
    });
    const alertIds = new Set([
      ...(s.alerts.burnRate ? BURN_RATE_RULES.map((r) => r.id) : []),
      ...s.alerts.rules.map((r) => r.id),
      ...s.faults.flatMap((f) => (f.type === 'flapping-alert' ? [f.alert] : [])),
    ]);
    const questionIds = new Set<string>();
    s.stakeholders.forEach((q, i) => {
      const alert = q.when?.alertFiring;
      if (alert !== undefined && !alertIds.has(alert)) {
        ctx.addIssue({ code: 'custom', path: ['stakeholders', i, 'when', 'alertFiring'], message: `unknown alert "${alert}"; known: ${[...alertIds].join(', ') || '(none)'}` });
      }
      if (q.id !== undefined) {
        if (questionIds.has(q.id)) ctx.addIssue({ code: 'custom', path: ['stakeholders', i, 'id'], message: `duplicate question id "${q.id}"` });
        questionIds.add(q.id);
      }
      if (q.at !== undefined && q.at > s.durationSeconds) {
        ctx.addIssue({ code: 'custom', path: ['stakeholders', i, 'at'], message: `asked at ${q.at} s, after the run ends (durationSeconds ${s.durationSeconds})` });
      }
    });
  });

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;

/** Parses unknown data into a scenario, throwing one readable error listing every problem. */
export function parseScenario(data: unknown): Scenario {
  const r = scenarioSchema.safeParse(data);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => `  - ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  throw new Error(`invalid scenario:\n${lines.join('\n')}`);
}
