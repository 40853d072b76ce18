import type { Action } from './schema';
import type { SimulationCore } from '../core/types';
import { applyReadRouting, setShedding } from '../core/dataplane';
import { TokenBucket } from '../model/ratelimit';
import { PHASE_TERMINATED } from '../model/instance';
import { backoffSchema, type RetryConfig } from '../model/topology';
import { endMigration } from '../faults/migration';

/**
 * How long an action takes before it acts, in simulated seconds. Config pushes and client rollouts are
 * not instant in real systems, and an operator who expects them to be learns something.
 */
export const ACTION_DELAYS = {
  /** Feature-flag service propagation. */
  flag: 5,
  /** Edge configuration push (rate limits, load shedding). */
  edgeConfig: 10,
  /** New client configuration reaching the clients. */
  clientConfig: 60,
} as const;

export interface ActionOutcome {
  accepted: boolean;
  message: string;
}

function describe(a: Action): string {
  const { type, ...params } = a;
  const p = Object.entries(params)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('/') : String(v)}`)
    .join(' ');
  return p ? `${type} ${p}` : type;
}

function retryConfigOf(action: Extract<Action, { type: 'set-retry-policy' }>): RetryConfig {
  return {
    backoff: backoffSchema.parse({
      kind: action.kind,
      maxAttempts: action.maxAttempts,
      baseMs: action.baseMs,
      capMs: action.capMs,
      jitter: action.jitter,
    }),
    budget:
      action.budget === 'throttle'
        ? { kind: 'throttle', maxTokens: 10, tokenRatio: 0.1 }
        : action.budget === 'ratio'
          ? { kind: 'ratio', ratio: 0.1, minPerSecond: 1, cap: 100 }
          : { kind: 'none' },
    adaptiveThrottleK: null,
  };
}

function sourcesFor(sim: SimulationCore, source: string | undefined) {
  return sim.dp.sources.filter((s) => source === undefined || s.config.id === source);
}

/**
 * The delayed effect `what` of action number `seq` (a `{ kind: 'action' }` timer task): everything it
 * needs is in the action and `data`, so a restored run does the same.
 */
export function actionTimer(sim: SimulationCore, action: Action, seq: number, what: string, data: number): void {
  const { dp, cp } = sim;
  switch (action.type) {
    case 'set-flag': {
      const actor = cp.flags[dp.flagIds.indexOf(action.flag)]!;
      if (action.percentage !== undefined) actor.send({ type: 'SET', percentage: action.percentage });
      if (action.killed === true) actor.send({ type: 'KILL' });
      if (action.killed === false) actor.send({ type: 'RESTORE' });
      return;
    }
    case 'rate-limit':
      dp.rateLimiter = action.enabled ? new TokenBucket(action.rps, action.burst, sim.now) : null;
      return;
    case 'load-shedding':
      if (action.enabled) setShedding(dp, action.maxQueueWaitMs, action.maxQueue);
      else setShedding(dp, null, null);
      return;
    case 'warm-cache': {
      // `data` is the next key to warm (keys are numbered by popularity rank: most popular first).
      const cache = dp.cache!;
      const ttl = sim.scenario.topology.cache!.ttlSeconds;
      const total = Math.min(action.keys, cache.keys);
      const perSecond = Math.max(1, Math.ceil(total / action.seconds));
      let nextKey = data;
      for (let k = 0; k < perSecond && nextKey < total; k++) cache.put(nextKey++, sim.now, ttl);
      if (nextKey < total) sim.sched.startTask(`action:${seq}/warm`, 1, { kind: 'action', seq, what: 'warm', data: nextKey });
      return;
    }
    case 'set-retry-policy': {
      const retry = retryConfigOf(action);
      for (const s of sourcesFor(sim, action.source)) s.setRetry({ ...retry, adaptiveThrottleK: s.retry.adaptiveThrottleK });
      return;
    }
    case 'enable-dlq':
      dp.mq!.maxReceives = action.maxReceives;
      return;
    case 'enable-outbox':
      dp.mq!.outbox = true;
      return;
    case 'route-reads':
      dp.readRouting.toPrimary = action.to === 'primary';
      applyReadRouting(dp);
      return;
    case 'force-breaker':
      dp.deps.find((d) => d.config.id === action.dependency)!.forcedOpen = action.open;
      return;
    default:
      throw new Error(`action ${action.type} has no delayed effect "${what}"`);
  }
}

/** Applies an action at the current simulated time; effects may land later (see ACTION_DELAYS). */
export function applyAction(sim: SimulationCore, action: Action, seq: number): ActionOutcome {
  const { dp, cp, sched } = sim;
  const note = (text: string) => sim.annotations.add(sim.now, 'action', text);
  const later = (what: string, seconds: number, data = 0) => sched.startTask(`action:${seq}/${what}`, seconds, { kind: 'action', seq, what, data });
  switch (action.type) {
    case 'deploy': {
      if (cp.deployPhase !== 'idle') return { accepted: false, message: 'a deployment is already in progress; roll it back or wait for it to finish' };
      note(`operator: ${describe(action)}`);
      const { type: _type, ...request } = action;
      const ok = cp.deploy(request);
      if (!ok) return { accepted: false, message: 'a deployment is already in progress; roll it back or wait for it to finish' };
      return { accepted: true, message: `deploying ${action.version} (${action.strategy})` };
    }
    case 'rollback': {
      const before = cp.deployPhase;
      const ctx = cp.deploymentContext();
      if (before === 'idle' && (ctx.previous === null || ctx.previous === ctx.stable)) {
        return { accepted: false, message: 'nothing to roll back: no earlier version' };
      }
      cp.deployment.send({ type: 'ROLLBACK' });
      note('operator: rollback');
      return { accepted: true, message: 'rolling back' };
    }
    case 'scale':
      cp.setDesired(action.replicas);
      note(`operator: scale to ${action.replicas} instances`);
      return { accepted: true, message: `scaling to ${action.replicas}; new instances need ${sim.scenario.topology.service.bootSeconds}s to boot` };
    case 'restart-instance': {
      const inst = dp.instances.find((i) => i.name === action.instance && i.phase !== PHASE_TERMINATED);
      if (!inst) return { accepted: false, message: `no running instance named "${action.instance}"` };
      cp.drain(inst);
      cp.startInstance(inst.version, inst.pool);
      note(`operator: restart ${inst.name}`);
      return { accepted: true, message: `${inst.name} draining; a replacement is booting` };
    }
    case 'set-flag': {
      const f = dp.flagIds.indexOf(action.flag);
      if (f < 0) return { accepted: false, message: `unknown flag "${action.flag}"; known: ${dp.flagIds.join(', ') || '(none)'}` };
      later('flag', ACTION_DELAYS.flag);
      note(`operator: ${describe(action)}`);
      return { accepted: true, message: `flag change propagates in ${ACTION_DELAYS.flag}s` };
    }
    case 'rate-limit':
      later('rate-limit', ACTION_DELAYS.edgeConfig);
      note(`operator: ${describe(action)}`);
      return { accepted: true, message: `edge config push takes ${ACTION_DELAYS.edgeConfig}s` };
    case 'load-shedding':
      later('load-shedding', ACTION_DELAYS.edgeConfig);
      note(`operator: ${describe(action)}`);
      return { accepted: true, message: `config push takes ${ACTION_DELAYS.edgeConfig}s` };
    case 'failover-db': {
      if (!cp.database || !dp.db) return { accepted: false, message: 'this system has no database' };
      if (!dp.db.replica || !dp.db.replica.up) return { accepted: false, message: 'no healthy replica to promote' };
      cp.database.send({ type: 'FAILOVER' });
      note('operator: database failover');
      return { accepted: true, message: `promoting the replica takes ${sim.scenario.topology.database!.failover.promoteSeconds}s; writes fail meanwhile` };
    }
    case 'force-breaker': {
      const dep = dp.deps.find((d) => d.config.id === action.dependency);
      if (!dep) return { accepted: false, message: `unknown dependency "${action.dependency}"; known: ${dp.deps.map((d) => d.config.id).join(', ') || '(none)'}` };
      // A switch in the client library's config: it propagates like a feature flag.
      later('force-breaker', ACTION_DELAYS.flag);
      note(`operator: ${action.open ? 'open' : 'release'} the ${action.dependency} circuit by hand`);
      return { accepted: true, message: `${action.open ? 'opening' : 'releasing'} the ${action.dependency} circuit in ${ACTION_DELAYS.flag}s` };
    }
    case 'flush-cache':
      if (!dp.cache) return { accepted: false, message: 'this system has no cache' };
      dp.cache.flush();
      note('operator: cache flushed');
      return { accepted: true, message: 'cache emptied' };
    case 'warm-cache': {
      const cache = dp.cache;
      if (!cache) return { accepted: false, message: 'this system has no cache' };
      const total = Math.min(action.keys, cache.keys);
      const perSecond = Math.max(1, Math.ceil(total / action.seconds));
      later('warm', 1, 0);
      note(`operator: ${describe(action)}`);
      return { accepted: true, message: `warming ${total} keys over ${Math.ceil(total / perSecond)}s` };
    }
    case 'set-retry-policy': {
      if (sourcesFor(sim, action.source).length === 0) return { accepted: false, message: `unknown traffic source "${action.source}"` };
      later('retry-policy', ACTION_DELAYS.clientConfig);
      note(`operator: ${describe(action)}`);
      return { accepted: true, message: `clients pick up the new policy in ${ACTION_DELAYS.clientConfig}s` };
    }
    case 'autoscaler':
      cp.autoscaler.send({
        type: 'CONFIGURE',
        ...(action.min !== undefined ? { min: action.min } : {}),
        ...(action.max !== undefined ? { max: action.max } : {}),
        ...(action.targetUtilization !== undefined ? { targetUtilization: action.targetUtilization } : {}),
      });
      cp.autoscaler.send({ type: action.enabled ? 'ENABLE' : 'DISABLE' });
      note(`operator: ${describe(action)}`);
      return { accepted: true, message: `autoscaler ${action.enabled ? 'enabled' : 'disabled'}` };
    case 'cancel-migration': {
      const migration = dp.db?.migration;
      if (!migration) return { accepted: false, message: 'no schema migration is running' };
      endMigration(sim, migration.fault, migration.node);
      note(`operator: cancel the migration on ${migration.table}`);
      return { accepted: true, message: `migration on ${migration.table} cancelled; its locks are released` };
    }
    case 'enable-dlq': {
      const mq = dp.mq;
      if (!mq) return { accepted: false, message: 'this system has no message queue' };
      later('dlq', ACTION_DELAYS.edgeConfig);
      note(`operator: ${describe(action)}`);
      return { accepted: true, message: `queue redrive policy (max receives ${action.maxReceives}) applies in ${ACTION_DELAYS.edgeConfig}s` };
    }
    case 'enable-outbox': {
      const mq = dp.mq;
      if (!mq) return { accepted: false, message: 'this system has no message queue' };
      if (mq.outbox) return { accepted: false, message: 'checkout already publishes through the outbox' };
      if (!dp.db) return { accepted: false, message: 'the outbox needs a database to write its rows in' };
      later('outbox', ACTION_DELAYS.flag);
      note('operator: switch checkout to the transactional outbox');
      return { accepted: true, message: `checkout writes messages to the outbox in ${ACTION_DELAYS.flag}s (flag propagation); the relay publishes them while the broker is up` };
    }
    case 'route-reads': {
      const db = dp.db;
      if (!db) return { accepted: false, message: 'this system has no database' };
      if (action.to === 'replica' && !db.replica) return { accepted: false, message: 'this database has no replica' };
      later('route-reads', ACTION_DELAYS.edgeConfig);
      note(`operator: ${describe(action)}`);
      return { accepted: true, message: `reads move to the ${action.to} in ${ACTION_DELAYS.edgeConfig}s (config push)` };
    }
    case 'silence-alert': {
      if (!cp.silenceAlert(action.alert, action.minutes * 60)) {
        return { accepted: false, message: `unknown alert "${action.alert}"; known: ${[...cp.alertRecords.keys()].join(', ') || '(none)'}` };
      }
      note(`operator: ${describe(action)}`);
      return { accepted: true, message: `${action.alert} silenced for ${action.minutes} min` };
    }
    case 'acknowledge':
      cp.incident.send({ type: 'ACK', t: sim.now });
      note('operator: incident acknowledged');
      return { accepted: true, message: 'acknowledged' };
    case 'resolve-incident':
      cp.incident.send({ type: 'RESOLVE', t: sim.now });
      note('operator: incident resolved');
      return { accepted: true, message: 'resolved' };
  }
}
