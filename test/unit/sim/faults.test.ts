import { describe, expect, it } from 'vitest';
import { createSimulation, FAULT_TYPES, type Fault, type ScenarioInput } from '../../../src/sim/index';
import { defaultScenario } from './helpers';

type FaultInput = NonNullable<ScenarioInput['faults']>[number];
const UNTIL = 200;

function run(faults: FaultInput[], tweak?: (s: ScenarioInput) => void) {
  const s = defaultScenario({ faults });
  tweak?.(s);
  const sim = createSimulation(s, { seed: 17 });
  sim.runUntil(UNTIL);
  return { sim, summary: sim.summary() };
}

const baseline = run([]);
const dbP99 = (r: ReturnType<typeof run>) => r.sim.dp.dbMeter.run.quantile(0.99);

describe('faults (each has a visible effect)', () => {
  it('there are at least 14 fault types and every one is covered below', () => {
    expect(FAULT_TYPES.length).toBeGreaterThanOrEqual(14);
    expect(new Set(FAULT_TYPES)).toEqual(new Set(Object.keys(checks)));
  });

  const checks: Record<Fault['type'], () => void> = {
    'bad-deploy': () => {
      const r = run([{ type: 'bad-deploy', at: 30, version: 'v2', errorRate: 0.3 }]);
      expect(r.summary.deployment.stable).toBe('v2');
      expect(r.summary.edge.errors).toBeGreaterThan(20 * Math.max(1, baseline.summary.edge.errors));
    },
    'instance-crash': () => {
      const r = run([{ type: 'instance-crash', at: 60, count: 2 }]);
      expect(r.sim.dp.instances.reduce((n, i) => n + i.crashes, 0)).toBe(2);
      expect(r.sim.snapshot().instances.filter((i) => i.phase === 'ready')).toHaveLength(4);
    },
    'crash-loop': () => {
      const r = run([{ type: 'crash-loop', at: 30, duration: 90, uptimeSeconds: 5 }]);
      const crashes = r.sim.dp.instances.map((i) => i.crashes);
      expect(Math.min(...crashes.slice(0, 4))).toBeGreaterThanOrEqual(2);
      expect(r.summary.errors).toBeGreaterThan(baseline.summary.errors);
    },
    'memory-leak': () => {
      const r = run([{ type: 'memory-leak', at: 0, mbPerMinute: 600 }]);
      expect(r.sim.dp.instances.some((i) => i.crashes > 0)).toBe(true);
      // Garbage collection slows requests down before the OOM kill.
      const peakP50 = (x: ReturnType<typeof run>) => Math.max(...x.sim.series!.read('service.p50Ms').values.filter((v) => v > 0));
      expect(peakP50(r)).toBeGreaterThan(2 * peakP50(baseline));
    },
    'slow-queries': () => {
      const r = run([{ type: 'slow-queries', at: 30, factor: 10 }]);
      expect(dbP99(r)).toBeGreaterThan(5 * dbP99(baseline));
    },
    'pool-exhaustion': () => {
      const r = run([{ type: 'pool-exhaustion', at: 30, perSecond: 1 }]);
      const timeouts = r.sim.dp.db!.nodes.reduce((n, node) => n + node.acquireTimeouts + node.leaked, 0);
      expect(timeouts).toBeGreaterThan(20);
      expect(r.summary.errors).toBeGreaterThan(baseline.summary.errors);
    },
    'db-primary-loss': () => {
      const r = run([{ type: 'db-primary-loss', at: 30 }]);
      expect(r.sim.dp.db!.failovers).toBe(1);
      expect(r.sim.dp.db!.primary.name).toBe('db-2');
      expect(r.summary.errors).toBeGreaterThan(baseline.summary.errors);
    },
    'network-partition': () => {
      const app = run([{ type: 'network-partition', at: 30, duration: 60, between: 'app-db' }]);
      expect(app.summary.errors).toBeGreaterThan(baseline.summary.errors + 100);
      const rep = run([{ type: 'network-partition', at: 30, between: 'db-replicas' }]);
      // Once the replica lags more than 30 s, reads move to the primary.
      expect(rep.sim.dp.db!.primary.queries).toBeGreaterThan(3 * baseline.sim.dp.db!.primary.queries);
      expect(rep.sim.snapshot().database!.replicaLagSeconds).toBeGreaterThan(100);
    },
    'cache-flush': () => {
      const r = run([{ type: 'cache-flush', at: 100 }]);
      expect(r.summary.cache!.misses).toBeGreaterThan(baseline.summary.cache!.misses + 500);
    },
    'traffic-spike': () => {
      const r = run([{ type: 'traffic-spike', at: 50, duration: 50, factor: 3 }]);
      expect(r.summary.requests).toBeGreaterThan(baseline.summary.requests * 1.35);
    },
    'dependency-outage': () => {
      const r = run([{ type: 'dependency-outage', at: 30, duration: 60, mode: 'errors' }]);
      const notes = r.sim.annotationList(true).map((a) => a.text);
      expect(notes).toContain('circuit breaker for payments open');
      expect(notes).toContain('circuit breaker for payments closed');
      const hang = run([{ type: 'dependency-outage', at: 30, duration: 60, mode: 'hang' }]);
      expect(hang.sim.dp.depMeters[0]!.run.quantile(0.99)).toBeGreaterThanOrEqual(0.99);
    },
    'dependency-latency': () => {
      const r = run([{ type: 'dependency-latency', at: 30, factor: 8 }]);
      expect(r.sim.dp.depMeters[0]!.run.quantile(0.5)).toBeGreaterThan(3 * baseline.sim.dp.depMeters[0]!.run.quantile(0.5));
    },
    'retry-storm': () => {
      const r = run([{ type: 'retry-storm', at: 30, attempts: 5, triggerSeconds: 20, triggerFactor: 20 }]);
      expect(r.summary.retries).toBeGreaterThan(10 * Math.max(100, baseline.summary.retries));
    },
    'disk-full': () => {
      const r = run([{ type: 'disk-full', at: 30, duration: 100 }]);
      expect(r.sim.dp.db!.primary.errors).toBeGreaterThan(100);
    },
    'certificate-expiry': () => {
      const r = run([{ type: 'certificate-expiry', at: 60, duration: 60 }]);
      // Every connection for a minute fails: about 60 s * 200 req/s attempts.
      expect(r.summary.edge.errors).toBeGreaterThan(10_000);
      expect(r.summary.alerts.some((a) => a.id === 'slo-burn-1h-5m')).toBe(true);
    },
    'noisy-neighbour': () => {
      const r = run([{ type: 'noisy-neighbour', at: 30, instances: 2, factor: 6 }]);
      expect(r.sim.dp.service.run.mean()).toBeGreaterThan(1.3 * baseline.sim.dp.service.run.mean());
    },
  };

  for (const [type, check] of Object.entries(checks)) it(type, check);
});
