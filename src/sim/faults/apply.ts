import type { Fault } from './schema';
import type { SimulationCore } from '../core/simulation';
import { DEP_ERRORS, DEP_HANG, DEP_OK } from '../model/dependency';
import { PHASE_READY } from '../model/instance';
import { backoffSchema } from '../model/topology';
import { DEPLOY_DEFAULTS } from '../model/deploy';

function describe(f: Fault): string {
  const { type, at: _at, duration: _d, id: _id, ...params } = f;
  const p = Object.entries(params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  return p ? `${type} (${p})` : type;
}

function sourcesOf(sim: SimulationCore, source: string | undefined) {
  return sim.dp.sources.filter((s) => source === undefined || s.config.id === source);
}

export function startFault(sim: SimulationCore, f: Fault, index: number): void {
  const { dp, cp } = sim;
  const now = sim.now;
  sim.annotations.add(now, 'fault', `fault started: ${describe(f)}`, true);
  switch (f.type) {
    case 'bad-deploy': {
      cp.versions[f.version] = { errorRate: f.errorRate, latencyFactor: f.latencyFactor, crashAfterSeconds: null, leakMbPerMinute: 0 };
      const ok = cp.deploy({ version: f.version, strategy: f.strategy, ...DEPLOY_DEFAULTS });
      if (ok) sim.annotations.add(now, 'deploy', `CI pipeline deploys ${f.version} (${f.strategy})`);
      break;
    }
    case 'instance-crash': {
      const ready = dp.instances.filter((i) => i.phase === PHASE_READY);
      for (let k = 0; k < f.count && ready.length > 0; k++) {
        const victim = ready.splice(sim.faultRng.int(ready.length), 1)[0]!;
        cp.crashInstance(victim, 'killed (instance crash fault)');
      }
      break;
    }
    case 'crash-loop': {
      cp.crashLoopUptime = f.uptimeSeconds;
      for (const inst of dp.instances) inst.crashAfter = inst.behaviour.crashAfterSeconds ?? f.uptimeSeconds;
      for (const inst of cp.active()) if (inst.running) cp.crashInstance(inst, 'bad configuration: crashed on reload');
      break;
    }
    case 'memory-leak': {
      cp.faultLeakPerMinute = f.mbPerMinute;
      for (const inst of dp.instances) inst.setLeak(now, f.mbPerMinute);
      break;
    }
    case 'slow-queries': {
      const db = dp.db!;
      for (const n of db.nodes) {
        const isPrimary = n === db.primary;
        if (f.node === 'all' || (f.node === 'primary') === isPrimary) n.slowFactor = f.factor;
      }
      break;
    }
    case 'pool-exhaustion':
      sim.poolLeakPerSecond += f.perSecond;
      break;
    case 'db-primary-loss': {
      const db = dp.db!;
      sim.lostPrimary.set(index, db.primary.index);
      db.primary.up = false;
      cp.database?.send({ type: 'PRIMARY_DOWN' });
      break;
    }
    case 'network-partition': {
      const db = dp.db!;
      if (f.between === 'app-db') db.partitionedFromApp = true;
      else {
        db.replicationBroken = true;
        db.lagSince = now;
      }
      break;
    }
    case 'cache-flush':
      dp.cache!.flush();
      break;
    case 'traffic-spike':
      for (const s of sourcesOf(sim, f.source)) {
        s.faultFactor *= f.factor;
        s.invalidateRate();
      }
      break;
    case 'dependency-outage': {
      const dep = dp.deps.find((d) => d.config.id === f.dependency)!;
      dep.mode = f.mode === 'hang' ? DEP_HANG : DEP_ERRORS;
      break;
    }
    case 'dependency-latency': {
      const dep = dp.deps.find((d) => d.config.id === f.dependency)!;
      dep.latencyFactor = f.factor;
      break;
    }
    case 'retry-storm': {
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
      break;
    }
    case 'disk-full':
      dp.db!.primary.diskFull = true;
      break;
    case 'certificate-expiry':
      dp.certificateExpired = true;
      break;
    case 'noisy-neighbour': {
      const ready = cp.active().filter((i) => i.running);
      const chosen: number[] = [];
      for (let k = 0; k < f.instances && ready.length > 0; k++) {
        const v = ready.splice(sim.faultRng.int(ready.length), 1)[0]!;
        v.cpuFactor = f.factor;
        chosen.push(v.index);
      }
      sim.noisyVictims.set(index, chosen);
      break;
    }
  }
}

export function endFault(sim: SimulationCore, f: Fault, index: number): void {
  const { dp, cp } = sim;
  const now = sim.now;
  sim.annotations.add(now, 'fault', `fault ended: ${f.type}`, true);
  switch (f.type) {
    case 'bad-deploy':
    case 'instance-crash':
    case 'cache-flush':
    case 'retry-storm':
      // One-off events: what they set in motion runs its course.
      break;
    case 'crash-loop':
      cp.crashLoopUptime = null;
      for (const inst of dp.instances) {
        inst.crashAfter = inst.behaviour.crashAfterSeconds;
        if (inst.crashAfter === null) sim.sched.cancelTimer(`instance:${inst.name}/crash`);
      }
      break;
    case 'memory-leak':
      cp.faultLeakPerMinute = 0;
      for (const inst of dp.instances) inst.setLeak(now, 0);
      break;
    case 'slow-queries':
      for (const n of dp.db!.nodes) n.slowFactor = 1;
      break;
    case 'pool-exhaustion':
      sim.poolLeakPerSecond = Math.max(0, sim.poolLeakPerSecond - f.perSecond);
      if (sim.poolLeakPerSecond === 0) dp.resetLeaks();
      break;
    case 'db-primary-loss': {
      const db = dp.db!;
      const lost = db.nodes[sim.lostPrimary.get(index) ?? 0]!;
      if (lost === db.primary) {
        lost.up = true;
        cp.database?.send({ type: 'PRIMARY_UP' });
      }
      break;
    }
    case 'network-partition':
      if (f.between === 'app-db') dp.db!.partitionedFromApp = false;
      else dp.db!.replicationBroken = false;
      break;
    case 'traffic-spike':
      for (const s of sourcesOf(sim, f.source)) {
        s.faultFactor /= f.factor;
        s.invalidateRate();
      }
      break;
    case 'dependency-outage':
      dp.deps.find((d) => d.config.id === f.dependency)!.mode = DEP_OK;
      break;
    case 'dependency-latency':
      dp.deps.find((d) => d.config.id === f.dependency)!.latencyFactor = 1;
      break;
    case 'disk-full':
      for (const n of dp.db!.nodes) n.diskFull = false;
      break;
    case 'certificate-expiry':
      dp.certificateExpired = false;
      break;
    case 'noisy-neighbour':
      for (const i of sim.noisyVictims.get(index) ?? []) dp.instances[i]!.cpuFactor = 1;
      break;
  }
}
