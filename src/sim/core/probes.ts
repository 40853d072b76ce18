import { PHASE_READY, PHASE_UNREADY } from '../model/instance';
import type { Scenario } from '../scenarios/schema';
import type { DataPlane } from './dataplane';
import type { ControlPlane } from './controlplane';

/** Liveness (memory pressure), readiness (optionally the database) and OOM kills, once a second. */
export function runProbes(scenario: Scenario, dp: DataPlane, cp: ControlPlane, now: number, sec: number): void {
  const svc = scenario.topology.service;
  const period = Math.max(1, Math.round(svc.probes.periodSeconds));
  const probeNow = sec % period === 0;
  const db = dp.db;
  const dbOk = db === null || (db.primary.up && !db.partitionedFromApp);
  for (const inst of dp.instances) {
    if (inst.phase !== PHASE_READY && inst.phase !== PHASE_UNREADY) continue;
    const mem = inst.memoryMb(now);
    if (mem >= inst.limitMb) {
      if (dp.logs.errorSlot()) {
        dp.logs.write({
          t: now,
          level: 'error',
          service: svc.id,
          instance: inst.name,
          route: '-',
          status: 137,
          latencyMs: 0,
          attempt: 0,
          correlationId: `oom-${inst.name}`,
          msg: `container killed: OOMKilled (memory ${Math.round(mem)} MB reached the ${inst.limitMb} MB limit)`,
        });
      }
      cp.crashInstance(inst, 'OOMKilled');
      continue;
    }
    if (!probeNow) continue;
    if (mem >= 0.95 * inst.limitMb) {
      if (++inst.livenessFailures >= svc.probes.failureThreshold) {
        cp.instanceActor(inst)?.send({ type: 'LIVENESS_FAILED' });
        continue;
      }
    } else inst.livenessFailures = 0;
    const ok = !svc.probes.readinessChecksDatabase || dbOk;
    if (ok !== inst.readinessOk) {
      inst.readinessOk = ok;
      cp.instanceActor(inst)?.send({ type: 'READINESS', ok });
    }
  }
}
