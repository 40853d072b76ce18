import type { CriteriaTracker, CriterionResult } from '../scoring/criteria';
import { incidentDurations } from '../machines/incident.machine';
import { PHASE_NAMES, PHASE_TERMINATED, POOL_NAMES } from '../model/instance';
import { BREAKER_STATE_NAMES } from '../model/breaker';
import { area } from './dataplane';
import type { ActionRecord, SimulationCore } from './types';
import type { Stakeholders } from './stakeholders';

/** What the views read of a run beyond the core. */
export interface RunView extends SimulationCore {
  readonly seed: number;
  readonly actionLog: readonly ActionRecord[];
  readonly stakeholders: Stakeholders | null;
}

const r6 = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(6)) : x);
const ms = (s: number) => r6(s * 1000);

/** The current state of the system, as plain data (for the UI and tests). */
export function snapshotOf(sim: SimulationCore, options: { reveal?: boolean } = {}) {
  const dp = sim.dp;
  const cp = sim.cp;
  const deploy = cp.deploymentContext();
  return {
    t: sim.now,
    requests: { arrived: dp.arrived, succeeded: dp.succeeded, failed: dp.failed, shed: dp.shed, inFlight: dp.logical.live },
    instances: dp.instances.filter((i) => i.phase !== PHASE_TERMINATED).map((i) => cp.instanceView(i)),
    desiredReplicas: cp.desired,
    deployment: {
      phase: cp.deployPhase,
      stable: deploy.stable,
      target: deploy.target,
      weight: deploy.weight,
      lastOutcome: deploy.lastOutcome,
      lastJudgement: cp.lastJudgement,
    },
    autoscaler: cp.autoscalerState,
    breakers: dp.deps.map((d) => ({ dependency: d.config.id, state: d.breaker ? BREAKER_STATE_NAMES[d.breaker.state] : 'none', forcedOpen: d.forcedOpen })),
    flags: dp.flagIds.map((id, f) => ({ id, percentage: dp.flagPct[f]!, killed: dp.flagKilled[f] === 1 })),
    database: dp.db
      ? {
          state: cp.databaseState,
          primary: dp.db.primary.name,
          replica: dp.db.replica?.name ?? null,
          replicaLagSeconds: r6(dp.db.replicaLag(sim.now)),
          staleReadRatioLastSecond: r6(dp.use.staleReadRatio),
          migration: dp.db.migration ? dp.db.migration.table : null,
          pool: dp.db.nodes.map((n) => ({ node: n.name, inUse: n.inUse, leaked: n.leaked, waiting: n.waiters.length, max: n.maxConnections })),
        }
      : null,
    cache: dp.cache ? { size: dp.cache.size, capacity: dp.cache.capacity, hitRatioLastSecond: r6(dp.use.cacheHitRatio) } : null,
    queue: dp.mq
      ? {
          depth: dp.mq.depth,
          busyWorkers: dp.mq.busy,
          delayed: dp.mq.delayed,
          heldByPoison: dp.mq.held,
          deadLettered: dp.mq.deadLettered,
          maxReceives: Number.isFinite(dp.mq.maxReceives) ? dp.mq.maxReceives : null,
          brokerUp: dp.mq.brokerUp,
          /** Publishes refused after their write committed: orders nobody will fulfil. */
          lostMessages: dp.mq.lost,
          outbox: {
            enabled: dp.mq.outbox,
            backlog: dp.mq.outboxBacklog,
            oldestSeconds: dp.mq.outboxRows.length > 0 ? r6(sim.now - dp.mq.outboxRows[0]!) : 0,
            relayed: dp.mq.relayed,
            relayLagMeanSeconds: r6(dp.mq.relayed > 0 ? dp.mq.relayLagSum / dp.mq.relayed : 0),
            relayLagMaxSeconds: dp.mq.relayLagMax,
          },
        }
      : null,
    alerts: [...cp.alertRecords.values()].map((a) => ({ id: a.id, severity: a.severity, state: a.state, silenced: a.silencedUntil !== null })),
    incident: { state: cp.incidentState, ...cp.incidentContext() },
    slo: {
      availability: sim.scenario.slo.availability,
      errorRatio5m: r6(dp.slo.errorRatio(300)),
      burnRate1h: r6(dp.slo.burnRate(3600)),
      budgetBurnedPercent: r6(dp.slo.budgetBurned(sim.now).availability * 100),
    },
    annotations: options.reveal ? sim.annotations.list.slice() : sim.annotations.visible(),
    pendingTimers: sim.sched.pendingTimers().length,
  };
}

/** A JSON-ready summary of the run so far; same scenario + seed + action log = same bytes. */
export function summaryOf(sim: RunView, criteria: CriteriaTracker) {
  const dp = sim.dp;
  area(dp);
  const T = sim.now;
  const lat = dp.logicalLatency;
  const finished = dp.succeeded + dp.failed + dp.shed;
  const burned = dp.slo.budgetBurned(T);
  const inc = sim.cp.incidentContext();
  const deploy = sim.cp.deploymentContext();
  const L = T > 0 ? dp.inSystemArea / T : 0;
  const lambda = T > 0 ? finished / T : 0;
  const W = lat.mean();
  const budgetBurnedPercent = burned.availability * 100;
  const success: CriterionResult[] = criteria.evaluate({
    startedAt: inc.startedAt,
    mitigatedAt: inc.mitigatedAt,
    budgetBurnedPercent,
    now: T,
    duplicates: (id) => dp.deps.find((d) => d.config.id === id)?.duplicates ?? 0,
    lostMessages: dp.mq?.lost ?? 0,
  });
  const alerts = [...sim.cp.alertRecords.values()]
    .flatMap((a) => a.firings.map((f) => ({ id: a.id, severity: a.severity, firedAt: r6(f.firedAt), resolvedAt: f.resolvedAt === null ? null : r6(f.resolvedAt) })))
    .sort((x, y) => x.firedAt - y.firedAt || (x.id < y.id ? -1 : 1));
  const cache = dp.cache;
  return {
    scenario: sim.scenario.id,
    seed: sim.seed,
    durationSeconds: r6(T),
    requests: dp.arrived,
    succeeded: dp.succeeded,
    errors: dp.failed,
    shed: dp.shed,
    inFlight: dp.logical.live,
    attempts: dp.attemptsStarted,
    retries: dp.retries,
    clientTimeouts: dp.clientTimeouts,
    throughput: r6(T > 0 ? dp.succeeded / T : 0),
    errorRatio: r6(finished > 0 ? dp.failed / finished : 0),
    latencyMs: {
      mean: ms(W),
      p50: ms(lat.quantile(0.5)),
      p95: ms(lat.quantile(0.95)),
      p99: ms(lat.quantile(0.99)),
      max: ms(lat.count > 0 ? lat.max : 0),
    },
    edge: {
      attempts: dp.edge.totalCount + dp.edge.count,
      errors: dp.edge.totalErrors + dp.edge.errors,
      p99Ms: ms(dp.edge.run.quantile(0.99)),
    },
    timeAverage: {
      inSystem: r6(L),
      inQueue: r6(T > 0 ? dp.inQueueArea / T : 0),
    },
    littlesLaw: { L: r6(L), lambda: r6(lambda), W: r6(W), lambdaW: r6(lambda * W) },
    cache: cache
      ? {
          hitRatio: r6(cache.hits + cache.misses > 0 ? cache.hits / (cache.hits + cache.misses) : 0),
          hits: cache.hits,
          misses: cache.misses,
          evictions: cache.evictions,
        }
      : null,
    alerts,
    errorBudget: {
      slo: sim.scenario.slo.availability,
      windowDays: sim.scenario.slo.windowDays,
      burnedPercent: r6(budgetBurnedPercent),
      latencyBurnedPercent: r6(burned.latency * 100),
      badRequests: dp.slo.bad,
      totalRequests: dp.slo.total,
    },
    incident: {
      state: sim.cp.incidentState,
      severity: inc.severity === null ? null : `SEV-${inc.severity}`,
      startedAt: inc.startedAt,
      detectedAt: inc.detectedAt,
      detectedBy: inc.detectedBy,
      acknowledgedAt: inc.acknowledgedAt,
      mitigatedAt: inc.mitigatedAt,
      resolvedAt: inc.resolvedAt,
      ...incidentDurations(inc),
    },
    deployment: { phase: sim.cp.deployPhase, stable: deploy.stable, lastOutcome: deploy.lastOutcome, maxCanaryWeight: deploy.maxWeight },
    instances: sim.dp.instances
      .filter((i) => i.phase !== PHASE_TERMINATED)
      .map((i) => ({ name: i.name, version: i.version, pool: POOL_NAMES[i.pool], phase: PHASE_NAMES[i.phase] })),
    actions: sim.actionLog.map((a) => ({ at: r6(a.at), type: a.action.type, accepted: a.accepted, message: a.message })),
    success,
    stakeholders: {
      asked: (sim.stakeholders?.asked ?? []).map((a) => ({ ...a, askedAt: r6(a.askedAt), answeredAt: a.answeredAt === null ? null : r6(a.answeredAt), deadline: r6(a.deadline) })),
      /** For the debrief: asked and not answered by a status update in time. */
      unanswered: (sim.stakeholders?.unanswered() ?? []).map((a) => ({ id: a.id, from: a.from, question: a.question, askedAt: r6(a.askedAt) })),
    },
    rootCause: sim.scenario.rootCause,
  };
}
