import type { Fault, FaultType } from './schema';
import type { SimulationCore } from '../core/types';
import { applyReadRouting, deliverPoison, releasePoisonWorker, resetLeaks } from '../core/dataplane';
import { LOCK_CONTENDED, LOCK_EXCLUSIVE } from '../model/database';
import { DEP_ERRORS, DEP_HANG, DEP_OK } from '../model/dependency';
import { PHASE_READY, type Instance } from '../model/instance';
import { backoffSchema, type VersionBehaviour } from '../model/topology';
import { DEPLOY_DEFAULTS, type Strategy } from '../model/deploy';
import { crashTimerId } from '../control/instance';
import { toMicros } from '../telemetry/histogram';

/** Ends a fault: puts back what its start changed. What a fault needs to remember lives in its closure. */
export type Undo = () => void;

type FaultOf<T extends FaultType> = Extract<Fault, { type: T }>;
type Start<T extends FaultType> = (sim: SimulationCore, f: FaultOf<T>, index: number) => Undo;

/** One-off events: what they set in motion runs its course, even after the fault's duration. */
const runsItsCourse: Undo = () => {};

function sourcesOf(sim: SimulationCore, source: string | undefined) {
  return sim.dp.sources.filter((s) => source === undefined || s.config.id === source);
}

function dependency(sim: SimulationCore, id: string) {
  return sim.dp.deps.find((d) => d.config.id === id)!;
}

/** A leak in every process, current and new, until the fault ends. */
function leak(sim: SimulationCore, mbPerMinute: number): Undo {
  const { dp, cp } = sim;
  cp.newProcess.leakMbPerMinute = mbPerMinute;
  for (const inst of dp.instances) inst.setLeak(sim.now, mbPerMinute);
  return () => {
    cp.newProcess.leakMbPerMinute = 0;
    for (const inst of dp.instances) inst.setLeak(sim.now, 0);
  };
}

/** Someone ships `version` with the given behaviour through the deploy pipeline. */
function shipVersion(sim: SimulationCore, version: string, strategy: Strategy, behaviour: VersionBehaviour, failureThreshold = DEPLOY_DEFAULTS.failureThreshold): void {
  const { cp } = sim;
  cp.versions[version] = behaviour;
  if (cp.deploy({ version, strategy, ...DEPLOY_DEFAULTS, failureThreshold })) {
    sim.annotations.add(sim.now, 'deploy', `CI pipeline deploys ${version} (${strategy})`);
  }
}

/**
 * What each fault does when it starts, and (the function it returns) when it ends. Faults act on the
 * same plain state and machines that actions use; they never reach into a request directly.
 */
export const FAULTS: { readonly [T in FaultType]: Start<T> } = {
  'bad-deploy': (sim, f) => {
    const behaviour = {
      errorRate: f.errorRate,
      latencyFactor: f.latencyFactor,
      crashAfterSeconds: f.crashAfterSeconds,
      leakMbPerMinute: f.leakMbPerMinute,
      queryFactor: 1,
      leakConnectionsPerSecond: f.leakConnectionsPerSecond,
    };
    shipVersion(sim, f.version, f.strategy, behaviour, f.failureThreshold);
    return runsItsCourse;
  },
  'flag-change': (sim, f) => {
    // Someone else's change: it stays until an operator sets the flag back, like a real flag flip.
    // (A scenario naming an unknown flag is refused by its schema; an injected one changes nothing.)
    const flag = sim.cp.flags[sim.dp.flagIds.indexOf(f.flag)];
    if (!flag) return runsItsCourse;
    flag.send({ type: 'SET', percentage: f.percentage });
    sim.annotations.add(sim.now, 'deploy', `release: flag ${f.flag} set to ${f.percentage}%`);
    return runsItsCourse;
  },
  'instance-crash': (sim, f) => {
    const ready = sim.dp.instances.filter((i) => i.phase === PHASE_READY);
    for (let k = 0; k < f.count && ready.length > 0; k++) {
      const victim = ready.splice(sim.faultRng.int(ready.length), 1)[0]!;
      sim.cp.crashInstance(victim, 'killed (instance crash fault)');
    }
    return runsItsCourse;
  },
  'crash-loop': (sim, f) => {
    const { dp, cp } = sim;
    cp.newProcess.crashAfterSeconds = f.uptimeSeconds;
    for (const inst of dp.instances) inst.crashAfter = inst.behaviour.crashAfterSeconds ?? f.uptimeSeconds;
    for (const inst of cp.active()) if (inst.running) cp.crashInstance(inst, 'bad configuration: crashed on reload');
    return () => {
      cp.newProcess.crashAfterSeconds = null;
      for (const inst of dp.instances) {
        inst.crashAfter = inst.behaviour.crashAfterSeconds;
        if (inst.crashAfter === null) sim.sched.cancelTimer(crashTimerId(inst.name));
      }
    };
  },
  'memory-leak': (sim, f) => leak(sim, f.mbPerMinute),
  'memory-leak-oom': (sim, f) => {
    const { dp, cp } = sim;
    const configured = sim.scenario.topology.service.memory.limitMb;
    const limit = f.limitMb ?? configured;
    cp.newProcess.limitMb = limit;
    for (const inst of dp.instances) inst.limitMb = limit;
    const stopLeak = leak(sim, f.mbPerMinute);
    return () => {
      stopLeak();
      cp.newProcess.limitMb = null;
      for (const inst of dp.instances) inst.limitMb = configured;
    };
  },
  'slow-queries': (sim, f) => {
    const db = sim.dp.db!;
    for (const n of db.nodes) {
      if (f.node === 'all' || (f.node === 'primary') === (n === db.primary)) n.slowFactor = f.factor;
    }
    return () => {
      for (const n of db.nodes) n.slowFactor = 1;
    };
  },
  'pool-exhaustion': (sim, f) => {
    const { dp } = sim;
    // Overlapping leaks add up and share one running fraction, so they are a rate on the pool.
    dp.poolLeakPerSecond += f.perSecond;
    return () => {
      dp.poolLeakPerSecond = Math.max(0, dp.poolLeakPerSecond - f.perSecond);
      if (dp.poolLeakPerSecond === 0) resetLeaks(dp);
    };
  },
  'db-primary-loss': (sim) => {
    const db = sim.dp.db!;
    const lost = db.primary;
    lost.up = false;
    sim.cp.database?.send({ type: 'PRIMARY_DOWN' });
    return () => {
      // After a failover the lost node is no longer the primary and stays out until rebuilt.
      if (lost === db.primary) {
        lost.up = true;
        sim.cp.database?.send({ type: 'PRIMARY_UP' });
      }
    };
  },
  'network-partition': (sim, f) => {
    const db = sim.dp.db!;
    if (f.between === 'app-db') {
      db.partitionedFromApp = true;
      return () => {
        db.partitionedFromApp = false;
      };
    }
    db.replicationBroken = true;
    db.lagSince = sim.now;
    return () => {
      db.replicationBroken = false;
    };
  },
  'cache-flush': (sim) => {
    sim.dp.cache!.flush();
    return runsItsCourse;
  },
  'traffic-spike': (sim, f) => {
    const sources = sourcesOf(sim, f.source);
    for (const s of sources) {
      s.faultFactor *= f.factor;
      s.invalidateRate();
    }
    return () => {
      for (const s of sources) {
        s.faultFactor /= f.factor;
        s.invalidateRate();
      }
    };
  },
  'dependency-outage': (sim, f) => {
    const dep = dependency(sim, f.dependency);
    dep.mode = f.mode === 'hang' ? DEP_HANG : DEP_ERRORS;
    return () => {
      dep.mode = DEP_OK;
    };
  },
  'dependency-latency': (sim, f) => {
    const dep = dependency(sim, f.dependency);
    dep.latencyFactor = f.factor;
    return () => {
      dep.latencyFactor = 1;
    };
  },
  'retry-storm': (sim, f, index) => {
    const { dp } = sim;
    for (const s of sourcesOf(sim, f.source)) {
      s.setRetry({
        ...s.retry,
        backoff: backoffSchema.parse({ kind: 'fixed', maxAttempts: f.attempts, baseMs: 0, capMs: 0, jitter: 'none' }),
        budget: { kind: 'none' },
        adaptiveThrottleK: null,
      });
    }
    dp.serviceStall = f.triggerFactor;
    sim.sched.startTimer(`fault:${index}/trigger`, f.triggerSeconds, () => {
      dp.serviceStall = 1;
      sim.annotations.add(sim.now, 'fault', 'retry-storm trigger over (service speed back to normal)', true);
    });
    // The aggressive retry policy stays until an operator changes it.
    return runsItsCourse;
  },
  'disk-full': (sim) => {
    const db = sim.dp.db!;
    db.primary.diskFull = true;
    return () => {
      for (const n of db.nodes) n.diskFull = false;
    };
  },
  'certificate-expiry': (sim) => {
    const { dp } = sim;
    dp.certificateExpired = true;
    return () => {
      dp.certificateExpired = false;
    };
  },
  'noisy-neighbour': (sim, f) => {
    const ready = sim.cp.active().filter((i) => i.running);
    const victims: Instance[] = [];
    for (let k = 0; k < f.instances && ready.length > 0; k++) {
      const v = ready.splice(sim.faultRng.int(ready.length), 1)[0]!;
      v.cpuFactor = f.factor;
      victims.push(v);
    }
    return () => {
      for (const v of victims) v.cpuFactor = 1;
    };
  },
  'migration-table-lock': (sim, f, index) => {
    const db = sim.dp.db!;
    const node = db.primary;
    const timer = `fault:${index}/exclusive-lock`;
    node.lockFactor = f.slowFactor;
    node.lockTimeout = f.statementTimeoutMs / 1000;
    node.writeLock = LOCK_CONTENDED;
    const lock = () => {
      node.writeLock = LOCK_EXCLUSIVE;
      sim.annotations.add(sim.now, 'fault', `migration on ${f.table} takes an exclusive lock`, true);
    };
    if (f.slowSeconds > 0) sim.sched.startTimer(timer, f.slowSeconds, lock);
    else lock();
    const end = () => {
      sim.sched.cancelTimer(timer);
      node.writeLock = 0;
      if (db.migration === running) db.migration = null;
    };
    const running = { table: f.table, cancel: end };
    db.migration = running;
    return end;
  },
  'poison-message': (sim, f, index) => {
    const { dp } = sim;
    const mq = dp.mq!;
    // Each message: whether a worker holds it (false while it waits for one or after it left).
    const held: boolean[] = [];
    const receives: number[] = [];
    const gone: boolean[] = [];
    const fail = (k: number) => {
      if (gone[k]) return;
      receives[k]!++;
      dp.mqMeter.record(toMicros(f.processSeconds), true);
      const dead = receives[k]! >= mq.maxReceives;
      if (dp.logs.errorSlot()) {
        dp.logs.write({
          t: Math.round(sim.now * 1e6) / 1e6,
          level: 'error',
          service: 'worker',
          instance: null,
          route: 'queue',
          status: 500,
          latencyMs: f.processSeconds * 1000,
          attempt: receives[k]!,
          correlationId: `msg-${index}-${k}`,
          msg: dead ? `handler failed; moved to the dead-letter queue after ${receives[k]} receives` : 'handler failed: cannot parse message body; redelivering',
        });
      }
      if (dead) {
        gone[k] = true;
        held[k] = false;
        mq.deadLettered++;
        releasePoisonWorker(dp);
        return;
      }
      sim.sched.startTimer(`fault:${index}/poison:${k}`, f.processSeconds, () => fail(k));
    };
    for (let k = 0; k < f.count; k++) {
      held.push(false);
      receives.push(0);
      gone.push(false);
      deliverPoison(dp, () => {
        if (gone[k]) {
          releasePoisonWorker(dp);
          return;
        }
        held[k] = true;
        sim.sched.startTimer(`fault:${index}/poison:${k}`, f.processSeconds, () => fail(k));
      });
    }
    // The fault's end: the bad messages are purged by hand.
    return () => {
      for (let k = 0; k < f.count; k++) {
        if (gone[k]) continue;
        gone[k] = true;
        sim.sched.cancelTimer(`fault:${index}/poison:${k}`);
        if (held[k]) releasePoisonWorker(dp);
        held[k] = false;
      }
    };
  },
  'replica-partition': (sim) => {
    const { dp } = sim;
    const db = dp.db!;
    db.replicationBroken = true;
    db.lagSince = sim.now;
    // The app's lag guard trusts the replica's own view of its lag, which a partition hides.
    dp.readRouting.guardBlind = true;
    applyReadRouting(dp);
    return () => {
      db.replicationBroken = false;
      dp.readRouting.guardBlind = false;
      applyReadRouting(dp);
    };
  },
  'flapping-alert': (sim, f, index) => {
    const { cp, sched } = sim;
    const timer = `fault:${index}/flap`;
    const fire = () => {
      cp.setAlertCondition(f.alert, true);
      sched.startTimer(timer, f.firingSeconds, quiet);
    };
    const quiet = () => {
      cp.setAlertCondition(f.alert, false);
      sched.startTimer(timer, Math.max(0, f.periodSeconds - f.firingSeconds), fire);
    };
    fire();
    return () => {
      sched.cancelTimer(timer);
      cp.setAlertCondition(f.alert, false);
    };
  },
  'slow-query-deploy': (sim, f) => {
    shipVersion(sim, f.version, f.strategy, { errorRate: 0, latencyFactor: 1, crashAfterSeconds: null, leakMbPerMinute: 0, queryFactor: f.factor, leakConnectionsPerSecond: 0 });
    return runsItsCourse;
  },
};

/** Faults that never hurt users: they do not start the incident's clock. */
export const NO_USER_IMPACT: ReadonlySet<FaultType> = new Set<FaultType>(['flapping-alert']);

/**
 * What a fault needs in place before the run starts: a flapping alert is a rule that exists (and
 * shows in the alert list) from the beginning, quiet until the fault starts.
 */
export function prepareFaults(sim: SimulationCore): void {
  for (const f of sim.scenario.faults) {
    if (f.type === 'flapping-alert' && !sim.cp.alertRecords.has(f.alert)) sim.cp.addAlertRule(f.alert, f.severity, 0, false);
  }
}

/** Release options a plain bad deploy does not use: left out of its description while at their defaults. */
const QUIET_DEFAULTS: Readonly<Record<string, unknown>> = { crashAfterSeconds: null, leakMbPerMinute: 0, leakConnectionsPerSecond: 0, failureThreshold: DEPLOY_DEFAULTS.failureThreshold };

function describe(f: Fault): string {
  const { type, at: _at, duration: _d, id: _id, ...params } = f;
  const p = Object.entries(params)
    .filter(([k, v]) => type !== 'bad-deploy' || !(k in QUIET_DEFAULTS) || QUIET_DEFAULTS[k] !== v)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  return p ? `${type} (${p})` : type;
}

/** Starts fault `f` now; the returned function ends it. Both are hidden annotations (the debrief reveals them). */
export function startFault(sim: SimulationCore, f: Fault, index: number): Undo {
  sim.annotations.add(sim.now, 'fault', `fault started: ${describe(f)}`, true);
  const undo = (FAULTS[f.type] as Start<FaultType>)(sim, f, index);
  return () => {
    sim.annotations.add(sim.now, 'fault', `fault ended: ${f.type}`, true);
    undo();
  };
}
