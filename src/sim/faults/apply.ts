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

/**
 * What a running fault remembers to end it (which node it took down, which instances it slowed, where
 * each poison message is), as plain data: a checkpoint keeps it and a restored run ends the fault
 * the same way. Most faults need none (null).
 */
export interface FaultMemory {
  /** Database nodes (indexes into `db.nodes`). */
  node?: number;
  /** Instances (indexes into `dp.instances`). */
  instances?: number[];
  /** Poison messages: whether a worker holds each, how often it was received, whether it is gone. */
  held?: boolean[];
  receives?: number[];
  gone?: boolean[];
}

type FaultOf<T extends FaultType> = Extract<Fault, { type: T }>;

/**
 * One fault type: `start` changes plain state or sends events to machines and returns what it must
 * remember; `stop` (absent for one-off events, whose effects run their course) puts things back;
 * `on` hears the fault's own timers and hooks (a TimerTask `{ kind: 'fault', index, name }`).
 */
interface FaultDef<T extends FaultType> {
  start(sim: SimulationCore, f: FaultOf<T>, index: number): FaultMemory | null;
  stop?(sim: SimulationCore, f: FaultOf<T>, index: number, memory: FaultMemory | null): void;
  on?(sim: SimulationCore, f: FaultOf<T>, index: number, memory: FaultMemory | null, name: string): void;
}

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

function poisonTimer(index: number, k: number): string {
  return `fault:${index}/poison:${k}`;
}

/** A worker holds poison message k for `processSeconds`, then it fails. */
function holdPoison(sim: SimulationCore, f: FaultOf<'poison-message'>, index: number, k: number): void {
  sim.sched.startTask(poisonTimer(index, k), f.processSeconds, { kind: 'fault', index, name: `fail:${k}` });
}

/** The migration-table-lock fault ends (its end, or the `cancel-migration` action): locks go at once. */
export function endMigration(sim: SimulationCore, index: number, node: number): void {
  const db = sim.dp.db!;
  sim.sched.cancelTimer(`fault:${index}/exclusive-lock`);
  db.nodes[node]!.writeLock = 0;
  if (db.migration?.fault === index) db.migration = null;
}

function lockTable(sim: SimulationCore, f: FaultOf<'migration-table-lock'>, node: number): void {
  sim.dp.db!.nodes[node]!.writeLock = LOCK_EXCLUSIVE;
  sim.annotations.add(sim.now, 'fault', `migration on ${f.table} takes an exclusive lock`, true);
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
  'migration-table-lock': {
    start: (sim, f, index) => {
      const db = sim.dp.db!;
      const node = db.primary;
      node.lockFactor = f.slowFactor;
      node.lockTimeout = f.statementTimeoutMs / 1000;
      node.writeLock = LOCK_CONTENDED;
      const memory = { node: db.nodes.indexOf(node) };
      if (f.slowSeconds > 0) sim.sched.startTask(`fault:${index}/exclusive-lock`, f.slowSeconds, { kind: 'fault', index, name: 'lock' });
      else lockTable(sim, f, memory.node);
      db.migration = { table: f.table, fault: index, node: memory.node };
      return memory;
    },
    stop: (sim, _f, index, memory) => endMigration(sim, index, memory!.node!),
    on: (sim, f, _index, memory) => lockTable(sim, f, memory!.node!),
  },
  'poison-message': {
    start: (sim, f, index) => {
      // Each message: whether a worker holds it (false while it waits for one or after it left).
      const memory = { held: [] as boolean[], receives: [] as number[], gone: [] as boolean[] };
      for (let k = 0; k < f.count; k++) {
        memory.held.push(false);
        memory.receives.push(0);
        memory.gone.push(false);
      }
      // A free worker takes a message at once; otherwise the next one to finish does (`taken:k`).
      for (let k = 0; k < f.count; k++) if (deliverPoison(sim.dp, index, k)) FAULTS['poison-message'].on!(sim, f, index, memory, `taken:${k}`);
      return memory;
    },
    on: (sim, f, index, memory, name) => {
      const { dp } = sim;
      const mq = dp.mq!;
      const { held, receives, gone } = memory as Required<FaultMemory>;
      const [what, n] = name.split(':');
      const k = Number(n);
      if (what === 'taken') {
        if (gone[k]) {
          releasePoisonWorker(dp);
          return;
        }
        held[k] = true;
        holdPoison(sim, f, index, k);
        return;
      }
      // what === 'fail'
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
      holdPoison(sim, f, index, k);
    },
    // The fault's end: the bad messages are purged by hand.
    stop: (sim, f, index, memory) => {
      const { held, gone } = memory as Required<FaultMemory>;
      for (let k = 0; k < f.count; k++) {
        if (gone[k]) continue;
        gone[k] = true;
        sim.sched.cancelTimer(poisonTimer(index, k));
        if (held[k]) releasePoisonWorker(sim.dp);
        held[k] = false;
      }
    },
  },
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
  'broker-outage': {
    start: (sim) => {
      sim.dp.mq!.brokerUp = false;
      return null;
    },
    stop: (sim) => {
      sim.dp.mq!.brokerUp = true;
    },
  },
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
