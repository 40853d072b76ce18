/**
 * The part of a scenario a player may see: the briefing, what the system is made of, the SLO and
 * what "handled well" means. Never the faults, their schedule, the version behaviours that make a
 * deploy bad, or the root cause.
 */
import { ACTION_DELAYS } from '../sim/actions/apply';
import { BURN_RATE_RULES } from '../sim/telemetry/alerts';
import type { Scenario } from '../sim/scenarios/schema';
import type { PlayerScenario } from './protocol';

export function playerScenario(scenario: Scenario, warmupSeconds: number): PlayerScenario {
  const t = scenario.topology;
  return {
    id: scenario.id,
    title: scenario.title,
    briefing: scenario.briefing,
    durationSeconds: scenario.durationSeconds,
    warmupSeconds,
    slo: { ...scenario.slo },
    service: {
      name: t.service.id,
      replicas: t.service.replicas,
      version: t.service.version,
      versions: [...new Set([t.service.version, ...Object.keys(t.service.versions)])].sort(),
      bootSeconds: t.service.bootSeconds,
    },
    components: {
      cache: t.cache !== null,
      database: t.database !== null,
      queue: t.messageQueue !== null,
      dependencies: t.dependencies.map((d) => d.id),
    },
    sources: scenario.traffic.sources.map((s) => s.id),
    routes: t.routes.map((r) => r.id),
    flags: t.flags.map((f) => f.id),
    actionDelays: actionDelays(scenario),
    faultsAllowed: scenario.faults.length === 0,
    alertRules: [
      ...(scenario.alerts.burnRate ? BURN_RATE_RULES.map((r) => ({ id: r.id, severity: r.severity })) : []),
      ...scenario.alerts.rules.map((r) => ({ id: r.id, severity: r.severity })),
      // A flapping alert is a real (noisy) rule in the list from the start.
      ...scenario.faults.flatMap((f) => (f.type === 'flapping-alert' ? [{ id: f.alert, severity: f.severity }] : [])),
    ],
    successCriteria: scenario.success.map(describeCriterion),
  };
}

const minutes = (s: number) => `${Math.round((s / 60) * 10) / 10} min`;

export function describeCriterion(c: Scenario['success'][number]): string {
  switch (c.type) {
    case 'availability':
      return `Availability of at least ${(c.atLeast * 100).toFixed(2)}% from T+${minutes(c.from)} to T+${minutes(c.to)}`;
    case 'mitigated-within':
      return `Users stop being hurt within ${minutes(c.seconds)} of the incident's start`;
    case 'error-budget':
      return `No more than ${c.maxBurnedPercent}% of the 30-day error budget burned`;
    case 'p99-latency':
      return `p99 latency at most ${c.atMostMs} ms from T+${minutes(c.from)} to T+${minutes(c.to)}`;
    case 'max-duplicates':
      return `At most ${c.atMost} duplicate ${c.dependency} calls (one request's effect applied twice)`;
    case 'metric-mean':
      return `${c.metric} averages at most ${c.atMost} from T+${minutes(c.from)} to T+${minutes(c.to)}`;
    case 'max-lost-messages':
      return `At most ${c.atMost} orders committed whose message never reached the broker (never fulfilled)`;
  }
}

/** How long each action takes to act, as src/sim/actions/apply.ts schedules it for this topology. */
function actionDelays(scenario: Scenario): Partial<Record<string, number>> {
  const t = scenario.topology;
  return {
    'set-flag': ACTION_DELAYS.flag,
    'rate-limit': ACTION_DELAYS.edgeConfig,
    'load-shedding': ACTION_DELAYS.edgeConfig,
    'set-retry-policy': ACTION_DELAYS.clientConfig,
    scale: t.service.bootSeconds,
    'restart-instance': t.service.bootSeconds,
    ...(t.database ? { 'failover-db': t.database.failover.promoteSeconds } : {}),
  };
}
