import { describe, expect, it } from 'vitest';
import { createSimulation, FAULT_TYPES, type ActionInput, type Fault, type ScenarioInput } from '../../../src/sim/index';
import { defaultScenario } from './helpers';

type FaultInput = NonNullable<ScenarioInput['faults']>[number];
const UNTIL = 200;

function run(faults: FaultInput[], tweak?: (s: ScenarioInput) => void, actions: TimedActionInput[] = [], until = UNTIL) {
  const s = defaultScenario({ faults });
  tweak?.(s);
  const sim = createSimulation(s, { seed: 17, actions });
  sim.runUntil(until);
  return { sim, summary: sim.summary() };
}

type TimedActionInput = { at: number; action: ActionInput };
/** The largest and the summed value of a per-second series over seconds [from, to). */
function window(r: ReturnType<typeof run>, name: string, from: number, to: number): number[] {
  const values = r.sim.series!.read(name, from, to).values;
  if (values.length === 0) throw new Error(`no series "${name}" over [${from}, ${to})`);
  return values.filter(Number.isFinite);
}
const peak = (r: ReturnType<typeof run>, name: string, from: number, to: number) => Math.max(0, ...window(r, name, from, to));
const sum = (r: ReturnType<typeof run>, name: string, from: number, to: number) => window(r, name, from, to).reduce((a, b) => a + b, 0);

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
      // A release can also crash soon after it starts, or leak memory until it is OOM-killed.
      const v2Crashes = (x: ReturnType<typeof run>) => x.sim.dp.instances.filter((i) => i.version === 'v2').reduce((n, i) => n + i.crashes, 0);
      expect(v2Crashes(run([{ type: 'bad-deploy', at: 30, version: 'v2', errorRate: 0 }]))).toBe(0);
      expect(v2Crashes(run([{ type: 'bad-deploy', at: 30, version: 'v2', errorRate: 0, crashAfterSeconds: 30 }]))).toBeGreaterThan(0);
      const leaking = run([{ type: 'bad-deploy', at: 0, version: 'v2', errorRate: 0, leakMbPerMinute: 600 }]);
      expect(v2Crashes(leaking)).toBeGreaterThan(0);
      expect(leaking.sim.logs().some((l) => l.msg.includes('OOMKilled'))).toBe(true);
      // ... or leak database connections, which its processes give back when they end (a rollback).
      const s = defaultScenario({ durationSeconds: 400, faults: [{ type: 'bad-deploy', at: 10, version: 'v2', errorRate: 0, leakConnectionsPerSecond: 0.1 }] });
      const sim = createSimulation(s, { seed: 17, actions: [{ at: 200, action: { type: 'rollback' } }] });
      sim.runUntil(190);
      const pool = () => sim.snapshot().database!.pool.find((p) => p.node === sim.dp.db!.primary.name)!;
      expect(pool().leaked).toBeGreaterThanOrEqual(15);
      expect(sim.summary().errors).toBeGreaterThan(baseline.summary.errors);
      sim.runUntil(400);
      expect(sim.summary().deployment.stable).toBe('v1');
      expect(pool().leaked).toBe(0);
      // With the canary strategy, failureThreshold is how many failed analyses the pipeline tolerates.
      // (A failed analysis below the threshold holds the canary at its weight for another analysis.)
      const canary = (failureThreshold: number) => run([{ type: 'bad-deploy', at: 10, version: 'v2', errorRate: 0.05, strategy: 'canary', failureThreshold }], undefined, [], 600).summary.deployment;
      expect(canary(1)).toMatchObject({ stable: 'v1', phase: 'idle', lastOutcome: 'rolled-back' });
      expect(canary(50)).toMatchObject({ stable: 'v1', phase: 'canary' });
    },
    'flag-change': () => {
      const withFlag = (s: ScenarioInput) => {
        s.topology!.flags = [{ id: 'new-recommendations', effect: { errorRate: 0.3 } }];
      };
      const r = run([{ type: 'flag-change', at: 30, flag: 'new-recommendations', percentage: 100 }], withFlag);
      expect(r.sim.snapshot().flags).toContainEqual(expect.objectContaining({ id: 'new-recommendations', percentage: 100 }));
      expect(r.summary.edge.errors).toBeGreaterThan(20 * Math.max(1, baseline.summary.edge.errors));
      expect(r.sim.annotations.visible().some((a) => a.kind === 'deploy' && a.text.includes('new-recommendations'))).toBe(true);
      // Setting the flag back is the fix.
      const undone = run([{ type: 'flag-change', at: 30, flag: 'new-recommendations', percentage: 100 }], withFlag, [{ at: 100, action: { type: 'set-flag', flag: 'new-recommendations', percentage: 0 } }]);
      expect(undone.sim.snapshot().flags).toContainEqual(expect.objectContaining({ id: 'new-recommendations', percentage: 0 }));
      expect(undone.summary.edge.errors).toBeLessThan(r.summary.edge.errors / 2);
      expect(() => run([{ type: 'flag-change', at: 30, flag: 'nope' }])).toThrow(/faults\.0\.flag: unknown flag "nope"/);
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
    'migration-table-lock': () => {
      const f: FaultInput = { type: 'migration-table-lock', at: 30, slowSeconds: 40, slowFactor: 10, statementTimeoutMs: 3000 };
      const r = run([f]);
      // Batches slow writes (the database's p99 in the first 40 s), then the lock times them out.
      expect(peak(r, 'db.p99Ms', 35, 70)).toBeGreaterThan(5 * peak(baseline, 'db.p99Ms', 35, 70));
      expect(peak(r, 'db.p99Ms', 80, 200)).toBeGreaterThanOrEqual(3000);
      expect(r.summary.errors).toBeGreaterThan(baseline.summary.errors + 1000);
      expect(r.sim.snapshot().database!.migration).toBe('orders');
      // Cancelling the migration releases the lock: writes come back and errors stop growing.
      const cancelled = run([f], undefined, [{ at: 100, action: { type: 'cancel-migration' } }]);
      expect(cancelled.summary.actions[0]).toMatchObject({ type: 'cancel-migration', accepted: true });
      expect(cancelled.sim.snapshot().database!.migration).toBeNull();
      expect(sum(cancelled, 'edge.errors', 120, 200)).toBeLessThan(0.1 * sum(r, 'edge.errors', 120, 200));
      expect(baseline.sim.apply({ type: 'cancel-migration' }).accepted).toBe(false);
    },
    'memory-leak-oom': () => {
      const r = run([{ type: 'memory-leak-oom', at: 0, mbPerMinute: 600, limitMb: 512 }]);
      const oom = r.sim.logs().filter((l) => l.msg.includes('OOMKilled'));
      expect(oom.length).toBeGreaterThanOrEqual(4);
      expect(oom[0]!.msg).toContain('512 MB limit');
      expect(r.sim.snapshot().instances.some((i) => i.restarts > 0)).toBe(true);
      // The tighter limit kills sooner than the same leak under the configured 1024 MB.
      const leak = run([{ type: 'memory-leak', at: 0, mbPerMinute: 600 }]);
      const crashes = (x: ReturnType<typeof run>) => x.sim.dp.instances.reduce((n, i) => n + i.crashes, 0);
      expect(crashes(r)).toBeGreaterThan(crashes(leak));
      expect(r.summary.errors).toBeGreaterThan(baseline.summary.errors);
    },
    'poison-message': () => {
      // As many poison messages as workers: the queue stops.
      const f: FaultInput = { type: 'poison-message', at: 30, count: 4, processSeconds: 30 };
      const r = run([f]);
      expect(r.sim.snapshot().queue).toMatchObject({ heldByPoison: 4, deadLettered: 0 });
      expect(r.sim.snapshot().queue!.depth).toBeGreaterThan(2000);
      expect(r.sim.logs().filter((l) => l.service === 'worker' && l.msg.includes('redelivering')).length).toBeGreaterThanOrEqual(4 * 5);
      expect(sum(r, 'worker.errors', 30, 200)).toBeGreaterThanOrEqual(20);
      // A dead-letter queue with 3 receives moves them out; the workers drain the backlog.
      const dlq = run([f], undefined, [{ at: 60, action: { type: 'enable-dlq', maxReceives: 3 } }]);
      expect(dlq.sim.snapshot().queue).toMatchObject({ heldByPoison: 0, deadLettered: 4, maxReceives: 3 });
      expect(dlq.sim.snapshot().queue!.depth).toBeLessThan(20);
      expect(dlq.sim.logs().some((l) => l.msg.includes('dead-letter queue after 3 receives'))).toBe(true);
    },
    'replica-partition': () => {
      const rule = { id: 'stale-reads', metric: 'db.staleReadRatio' as const, threshold: 0.1, forSeconds: 30 };
      const withRule = (s: ScenarioInput) => {
        s.alerts = { rules: [rule] };
      };
      const r = run([{ type: 'replica-partition', at: 30 }], withRule);
      expect(r.sim.snapshot().database!.staleReadRatioLastSecond).toBeGreaterThan(0.9);
      expect(peak(r, 'db.staleReadRatio', 150, 200)).toBeGreaterThan(0.9);
      expect(r.summary.alerts.map((a) => a.id)).toContain('stale-reads');
      expect(baseline.sim.dp.staleReadsTotal).toBe(0);
      // Unlike a replication break the lag guard sees (network-partition), reads stay stale.
      const seen = run([{ type: 'network-partition', at: 30, between: 'db-replicas' }]);
      expect(peak(seen, 'db.staleReadRatio', 100, 200)).toBe(0);
      // Sending reads to the primary ends stale reads.
      const routed = run([{ type: 'replica-partition', at: 30 }], withRule, [{ at: 100, action: { type: 'route-reads', to: 'primary' } }]);
      expect(peak(routed, 'db.staleReadRatio', 115, 200)).toBe(0);
      // Healing the partition ends them too.
      const healed = run([{ type: 'replica-partition', at: 30, duration: 60 }]);
      expect(peak(healed, 'db.staleReadRatio', 95, 200)).toBe(0);
    },
    'flapping-alert': () => {
      const f: FaultInput = { type: 'flapping-alert', at: 0, alert: 'disk-latency-high', periodSeconds: 40, firingSeconds: 15 };
      const r = run([f]);
      const firings = r.summary.alerts.filter((a) => a.id === 'disk-latency-high');
      expect(firings.length).toBeGreaterThanOrEqual(4);
      expect(firings.every((a) => a.resolvedAt !== null || a.firedAt > 180)).toBe(true);
      // No user impact, and not an incident: the same requests and errors as the quiet run.
      expect(r.summary.errors).toBe(baseline.summary.errors);
      expect(r.summary.incident.startedAt).toBeNull();
      expect(r.summary.incident.detectedAt).toBeNull();
      // A silence quiets it for as long as it lasts.
      const silenced = run([f], undefined, [{ at: 100, action: { type: 'silence-alert', alert: 'disk-latency-high', minutes: 60 } }]);
      const after = silenced.summary.alerts.filter((a) => a.id === 'disk-latency-high' && a.firedAt > 100);
      expect(after).toEqual([]);
      expect(silenced.sim.snapshot().alerts.find((a) => a.id === 'disk-latency-high')).toMatchObject({ silenced: true, state: expect.not.stringMatching('firing') });
      expect(baseline.sim.apply({ type: 'silence-alert', alert: 'nope' }).accepted).toBe(false);
    },
    'broker-outage': () => {
      const f: FaultInput = { type: 'broker-outage', at: 30, duration: 100 };
      const lossless = (s: ScenarioInput) => {
        s.success = [{ type: 'max-lost-messages', atMost: 0 }];
      };
      // Without an outbox, checkouts commit, then fail to publish: errors at the broker and the edge, and lost orders.
      const r = run([f], lossless);
      const q = r.sim.snapshot().queue!;
      expect(q.lostMessages).toBeGreaterThan(1000);
      expect(sum(r, 'broker.errors', 30, 131)).toBe(q.lostMessages);
      expect(sum(r, 'broker.errors', 132, 200)).toBe(0);
      expect(r.summary.edge.errors).toBeGreaterThan(baseline.summary.edge.errors + 1000);
      expect(r.sim.logs().some((l) => l.route === 'checkout' && l.status === 502 && l.msg.includes('message broker unavailable (its write is already committed)'))).toBe(true);
      expect(r.summary.success[0]).toMatchObject({ passed: false, value: q.lostMessages });
      // With the outbox (here from the start), nothing is lost and checkout does not fail: the rows wait
      // for the broker, then the relay publishes them late.
      const outbox = run([f], (s) => {
        lossless(s);
        s.topology!.messageQueue = { ...s.topology!.messageQueue, outbox: true };
      });
      const o = outbox.sim.snapshot().queue!;
      expect(o.lostMessages).toBe(0);
      expect(outbox.summary.edge.errors).toBeLessThan(baseline.summary.edge.errors + 20);
      expect(outbox.summary.success[0]).toMatchObject({ passed: true, value: 0 });
      expect(peak(outbox, 'outbox.backlog', 100, 131)).toBeGreaterThan(1000);
      expect(peak(outbox, 'outbox.backlog', 190, 200)).toBe(0);
      expect(o.outbox).toMatchObject({ enabled: true, backlog: 0 });
      expect(o.outbox.relayLagMaxSeconds).toBeGreaterThanOrEqual(95);
      expect(o.outbox.relayed).toBeGreaterThan(1000);
      // Switching to the outbox mid-outage stops the losses once the flag has propagated (5 s).
      const switched = run([f], undefined, [
        { at: 60, action: { type: 'enable-outbox' } },
        { at: 70, action: { type: 'enable-outbox' } },
      ]);
      const lostBy = (t: number) => sum(switched, 'broker.errors', 0, t);
      expect(lostBy(65)).toBeGreaterThan(0);
      expect(lostBy(200)).toBe(lostBy(66));
      expect(switched.summary.actions.map((a) => a.accepted)).toEqual([true, false]);
    },
    'slow-query-deploy': () => {
      const f: FaultInput = { type: 'slow-query-deploy', at: 10, version: 'v2', factor: 12 };
      const r = run([f], (s) => (s.durationSeconds = 600), [{ at: 330, action: { type: 'rollback' } }], 600);
      const base = run([], (s) => (s.durationSeconds = 600), [], 600);
      // Only once v2 serves: the database's latency and pool use rise, then fall after the rollback.
      expect(peak(r, 'db.p99Ms', 0, 10)).toBeLessThan(2 * peak(base, 'db.p99Ms', 0, 10));
      expect(peak(r, 'db.p99Ms', 250, 320)).toBeGreaterThan(5 * peak(base, 'db.p99Ms', 250, 320));
      // The replica serves the reads, so its pool fills.
      expect(sum(r, 'db.db-2.poolUtilization', 250, 320)).toBeGreaterThan(4 * sum(base, 'db.db-2.poolUtilization', 250, 320));
      expect(r.summary.deployment.stable).toBe('v1');
      expect(peak(r, 'db.p99Ms', 500, 600)).toBeLessThan(2 * peak(base, 'db.p99Ms', 500, 600));
    },
  };

  for (const [type, check] of Object.entries(checks)) it(type, check);
});
