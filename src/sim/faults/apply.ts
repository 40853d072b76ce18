import type { Fault, FaultType } from './schema';
import type { SimulationCore } from '../core/types';
import { applyReadRouting, resetLeaks } from '../core/dataplane';
import type { FaultDef, FaultMemory } from './types';
import { brokerOutage, poisonMessage } from './queue';
import { migrationTableLock } from './migration';
import { DEP_ERRORS, DEP_HANG, DEP_OK } from '../model/dependency';
import { PHASE_READY, type Instance } from '../model/instance';
import { backoffSchema, type VersionBehaviour } from '../model/topology';
import { DEPLOY_DEFAULTS, type Strategy } from '../model/deploy';
import { crashTimerId } from '../control/instance';

function sourcesOf(sim: SimulationCore, source: string | undefined) {
  return sim.dp.sources.filter((s) => source === undefined || s.config.id === source);
}

function dependency(sim: SimulationCore, id: string) {
  return sim.dp.deps.find((d) => d.config.id === id)!;
}

/** A leak in every process, current and new, until the fault ends. */
function leak(sim: SimulationCore, mbPerMinute: number): void {
  const { dp, cp } = sim;
  cp.newProcess.leakMbPerMinute = mbPerMinute;
  for (const inst of dp.instances) inst.setLeak(sim.now, mbPerMinute);
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
 * What each fault does when it starts and when it ends. Faults act on the same plain state and
 * machines that actions use; they never reach into a request directly.
 */
export const FAULTS: { readonly [T in FaultType]: FaultDef<T> } = {
  'bad-deploy': {
    start: (sim, f) => {
      const behaviour = {
        errorRate: f.errorRate,
        latencyFactor: f.latencyFactor,
        crashAfterSeconds: f.crashAfterSeconds,
        leakMbPerMinute: f.leakMbPerMinute,
        queryFactor: 1,
        leakConnectionsPerSecond: f.leakConnectionsPerSecond,
      };
      shipVersion(sim, f.version, f.strategy, behaviour, f.failureThreshold);
      return null;
    },
  },
  'flag-change': {
    start: (sim, f) => {
      // Someone else's change: it stays until an operator sets the flag back, like a real flag flip.
      // (A scenario naming an unknown flag is refused by its schema; an injected one changes nothing.)
      const flag = sim.cp.flags[sim.dp.flagIds.indexOf(f.flag)];
      if (!flag) return null;
      flag.send({ type: 'SET', percentage: f.percentage });
      sim.annotations.add(sim.now, 'deploy', `release: flag ${f.flag} set to ${f.percentage}%`);
      return null;
    },
  },
  'instance-crash': {
    start: (sim, f) => {
      const ready = sim.dp.instances.filter((i) => i.phase === PHASE_READY);
      for (let k = 0; k < f.count && ready.length > 0; k++) {
        const victim = ready.splice(sim.faultRng.int(ready.length), 1)[0]!;
        sim.cp.crashInstance(victim, 'killed (instance crash fault)');
      }
      return null;
    },
  },
  'crash-loop': {
    start: (sim, f) => {
      const { dp, cp } = sim;
      cp.newProcess.crashAfterSeconds = f.uptimeSeconds;
      for (const inst of dp.instances) inst.crashAfter = inst.behaviour.crashAfterSeconds ?? f.uptimeSeconds;
      for (const inst of cp.active()) if (inst.running) cp.crashInstance(inst, 'bad configuration: crashed on reload');
      return null;
    },
    stop: (sim) => {
      const { dp, cp } = sim;
      cp.newProcess.crashAfterSeconds = null;
      for (const inst of dp.instances) {
        inst.crashAfter = inst.behaviour.crashAfterSeconds;
        if (inst.crashAfter === null) sim.sched.cancelTimer(crashTimerId(inst.name));
      }
    },
  },
  'memory-leak': {
    start: (sim, f) => {
      leak(sim, f.mbPerMinute);
      return null;
    },
    stop: (sim) => leak(sim, 0),
  },
  'memory-leak-oom': {
    start: (sim, f) => {
      const { dp, cp } = sim;
      const limit = f.limitMb ?? sim.scenario.topology.service.memory.limitMb;
      cp.newProcess.limitMb = limit;
      for (const inst of dp.instances) inst.limitMb = limit;
      leak(sim, f.mbPerMinute);
      return null;
    },
    stop: (sim) => {
      const { dp, cp } = sim;
      leak(sim, 0);
      cp.newProcess.limitMb = null;
      for (const inst of dp.instances) inst.limitMb = sim.scenario.topology.service.memory.limitMb;
    },
  },
  'slow-queries': {
    start: (sim, f) => {
      const db = sim.dp.db!;
      for (const n of db.nodes) {
        if (f.node === 'all' || (f.node === 'primary') === (n === db.primary)) n.slowFactor = f.factor;
      }
      return null;
    },
    stop: (sim) => {
      for (const n of sim.dp.db!.nodes) n.slowFactor = 1;
    },
  },
  'pool-exhaustion': {
    // Overlapping leaks add up and share one running fraction, so they are a rate on the pool.
    start: (sim, f) => {
      sim.dp.poolLeakPerSecond += f.perSecond;
      return null;
    },
    stop: (sim, f) => {
      const { dp } = sim;
      dp.poolLeakPerSecond = Math.max(0, dp.poolLeakPerSecond - f.perSecond);
      if (dp.poolLeakPerSecond === 0) resetLeaks(dp);
    },
  },
  'db-primary-loss': {
    start: (sim) => {
      const db = sim.dp.db!;
      db.primary.up = false;
      sim.cp.database?.send({ type: 'PRIMARY_DOWN' });
      return { node: db.nodes.indexOf(db.primary) };
    },
    stop: (sim, _f, _i, memory) => {
      const db = sim.dp.db!;
      const lost = db.nodes[memory!.node!]!;
      // After a failover the lost node is no longer the primary and stays out until rebuilt.
      if (lost === db.primary) {
        lost.up = true;
        sim.cp.database?.send({ type: 'PRIMARY_UP' });
      }
    },
  },
  'network-partition': {
    start: (sim, f) => {
      const db = sim.dp.db!;
      if (f.between === 'app-db') {
        db.partitionedFromApp = true;
        return null;
      }
      db.replicationBroken = true;
      db.lagSince = sim.now;
      return null;
    },
    stop: (sim, f) => {
      const db = sim.dp.db!;
      if (f.between === 'app-db') db.partitionedFromApp = false;
      else db.replicationBroken = false;
    },
  },
  'cache-flush': {
    start: (sim) => {
      sim.dp.cache!.flush();
      return null;
    },
  },
  'traffic-spike': {
    start: (sim, f) => {
      for (const s of sourcesOf(sim, f.source)) {
        s.faultFactor *= f.factor;
        s.invalidateRate();
      }
      return null;
    },
    stop: (sim, f) => {
      for (const s of sourcesOf(sim, f.source)) {
        s.faultFactor /= f.factor;
        s.invalidateRate();
      }
    },
  },
  'dependency-outage': {
    start: (sim, f) => {
      dependency(sim, f.dependency).mode = f.mode === 'hang' ? DEP_HANG : DEP_ERRORS;
      return null;
    },
    stop: (sim, f) => {
      dependency(sim, f.dependency).mode = DEP_OK;
    },
  },
  'dependency-latency': {
    start: (sim, f) => {
      dependency(sim, f.dependency).latencyFactor = f.factor;
      return null;
    },
    stop: (sim, f) => {
      dependency(sim, f.dependency).latencyFactor = 1;
    },
  },
  'retry-storm': {
    start: (sim, f, index) => {
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
      sim.sched.startTask(`fault:${index}/trigger`, f.triggerSeconds, { kind: 'fault', index, name: 'trigger-over' });
      // The aggressive retry policy stays until an operator changes it: no stop.
      return null;
    },
    on: (sim) => {
      sim.dp.serviceStall = 1;
      sim.annotations.add(sim.now, 'fault', 'retry-storm trigger over (service speed back to normal)', true);
    },
  },
  'disk-full': {
    start: (sim) => {
      sim.dp.db!.primary.diskFull = true;
      return null;
    },
    stop: (sim) => {
      for (const n of sim.dp.db!.nodes) n.diskFull = false;
    },
  },
  'certificate-expiry': {
    start: (sim) => {
      sim.dp.certificateExpired = true;
      return null;
    },
    stop: (sim) => {
      sim.dp.certificateExpired = false;
    },
  },
  'noisy-neighbour': {
    start: (sim, f) => {
      const ready = sim.cp.active().filter((i) => i.running);
      const instances: number[] = [];
      for (let k = 0; k < f.instances && ready.length > 0; k++) {
        const v = ready.splice(sim.faultRng.int(ready.length), 1)[0]!;
        v.cpuFactor = f.factor;
        instances.push(v.index);
      }
      return { instances };
    },
    stop: (sim, _f, _i, memory) => {
      for (const v of memory!.instances!) sim.dp.instances[v]!.cpuFactor = 1;
    },
  },
  'migration-table-lock': migrationTableLock,
  'poison-message': poisonMessage,
  'replica-partition': {
    start: (sim) => {
      const { dp } = sim;
      const db = dp.db!;
      db.replicationBroken = true;
      db.lagSince = sim.now;
      // The app's lag guard trusts the replica's own view of its lag, which a partition hides.
      dp.readRouting.guardBlind = true;
      applyReadRouting(dp);
      return null;
    },
    stop: (sim) => {
      const { dp } = sim;
      dp.db!.replicationBroken = false;
      dp.readRouting.guardBlind = false;
      applyReadRouting(dp);
    },
  },
  'flapping-alert': {
    start: (sim, f, index) => {
      FAULTS['flapping-alert'].on!(sim, f, index, null, 'fire');
      return null;
    },
    on: (sim, f, index, _memory, name) => {
      const timer = `fault:${index}/flap`;
      if (name === 'fire') {
        sim.cp.setAlertCondition(f.alert, true);
        sim.sched.startTask(timer, f.firingSeconds, { kind: 'fault', index, name: 'quiet' });
      } else {
        sim.cp.setAlertCondition(f.alert, false);
        sim.sched.startTask(timer, Math.max(0, f.periodSeconds - f.firingSeconds), { kind: 'fault', index, name: 'fire' });
      }
    },
    stop: (sim, f, index) => {
      sim.sched.cancelTimer(`fault:${index}/flap`);
      sim.cp.setAlertCondition(f.alert, false);
    },
  },
  'broker-outage': brokerOutage,
  'slow-query-deploy': {
    start: (sim, f) => {
      shipVersion(sim, f.version, f.strategy, { errorRate: 0, latencyFactor: 1, crashAfterSeconds: null, leakMbPerMinute: 0, queryFactor: f.factor, leakConnectionsPerSecond: 0 });
      return null;
    },
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

/** Starts fault `f` now and returns its memory. Start and end are hidden annotations (the debrief reveals them). */
export function startFault(sim: SimulationCore, f: Fault, index: number): FaultMemory | null {
  sim.annotations.add(sim.now, 'fault', `fault started: ${describe(f)}`, true);
  return (FAULTS[f.type] as FaultDef<FaultType>).start(sim, f, index);
}

/** Ends fault `f` (started with `memory`); one-off events have nothing to put back. */
export function stopFault(sim: SimulationCore, f: Fault, index: number, memory: FaultMemory | null): void {
  sim.annotations.add(sim.now, 'fault', `fault ended: ${f.type}`, true);
  (FAULTS[f.type] as FaultDef<FaultType>).stop?.(sim, f, index, memory);
}

/** Fault `f`'s own timer or hook `name` fired (a `{ kind: 'fault' }` task). */
export function faultHeard(sim: SimulationCore, f: Fault, index: number, memory: FaultMemory | null, name: string): void {
  (FAULTS[f.type] as FaultDef<FaultType>).on?.(sim, f, index, memory, name);
}
