import type { Fault, FaultType } from './schema';
import type { SimulationCore } from '../core/types';
import { resetLeaks } from '../core/dataplane';
import { DEP_ERRORS, DEP_HANG, DEP_OK } from '../model/dependency';
import { PHASE_READY, type Instance } from '../model/instance';
import { backoffSchema } from '../model/topology';
import { DEPLOY_DEFAULTS } from '../model/deploy';
import { crashTimerId } from '../control/instance';

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

/**
 * What each fault does when it starts, and (the function it returns) when it ends. Faults act on the
 * same plain state and machines that actions use; they never reach into a request directly.
 */
export const FAULTS: { readonly [T in FaultType]: Start<T> } = {
  'bad-deploy': (sim, f) => {
    const { cp } = sim;
    cp.versions[f.version] = { errorRate: f.errorRate, latencyFactor: f.latencyFactor, crashAfterSeconds: null, leakMbPerMinute: 0 };
    if (cp.deploy({ version: f.version, strategy: f.strategy, ...DEPLOY_DEFAULTS })) {
      sim.annotations.add(sim.now, 'deploy', `CI pipeline deploys ${f.version} (${f.strategy})`);
    }
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
  'memory-leak': (sim, f) => {
    const { dp, cp } = sim;
    cp.newProcess.leakMbPerMinute = f.mbPerMinute;
    for (const inst of dp.instances) inst.setLeak(sim.now, f.mbPerMinute);
    return () => {
      cp.newProcess.leakMbPerMinute = 0;
      for (const inst of dp.instances) inst.setLeak(sim.now, 0);
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
};

function describe(f: Fault): string {
  const { type, at: _at, duration: _d, id: _id, ...params } = f;
  const p = Object.entries(params)
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
