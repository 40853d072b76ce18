import { describe, expect, it, vi } from 'vitest';
import { createSimulation, getScenario, type ActionInput, type ScenarioInput, type SecondStats } from '../../../src/sim/index';
import { route as routeUser } from '../../../src/sim/core/dataplane';
import { defaultScenario } from './helpers';

/** Runs and records client-observed availability per second. */
function trace(input: ScenarioInput, until: number, actions: Array<{ at: number; action: ActionInput }> = [], seed?: number) {
  const sim = createSimulation(input, { actions, ...(seed !== undefined ? { seed } : {}) });
  const seconds: SecondStats[] = [];
  sim.onSecond((s) => seconds.push(s));
  sim.runUntil(until);
  const availability = (from: number, to: number) => {
    const w = seconds.filter((s) => s.t > from && s.t <= to);
    const total = w.reduce((n, s) => n + s.edge.rate, 0);
    const bad = w.reduce((n, s) => n + s.edge.errors, 0);
    return total > 0 ? 1 - bad / total : 1;
  };
  return { sim, seconds, availability };
}

describe('retry storm (metastable failure)', () => {
  it('without jitter or budget it stays down long after its 20 s trigger ended', () => {
    const { availability } = trace(getScenario('retry-storm'), 900);
    expect(availability(200, 300)).toBeGreaterThan(0.99); // healthy before
    expect(availability(400, 900)).toBeLessThan(0.05); // trigger was 300-320
  });

  it('recovers once load is shed', () => {
    const { availability } = trace(getScenario('retry-storm'), 900, [{ at: 600, action: { type: 'load-shedding' } }]);
    expect(availability(400, 600)).toBeLessThan(0.05);
    expect(availability(700, 900)).toBeGreaterThan(0.99);
  });

  it('the same stall with backoff, jitter and a retry budget heals by itself', () => {
    const s = getScenario('retry-storm');
    s.faults = [{ type: 'noisy-neighbour', at: 300, duration: 20, instances: 4, factor: 20 }];
    s.rootCause = { summary: '', faults: [], contributingFactors: [] };
    const { availability } = trace(s, 600);
    expect(availability(300, 320)).toBeLessThan(0.9);
    expect(availability(400, 600)).toBeGreaterThan(0.99);
  });
});

describe('deployments', () => {
  function withVersions(errorRate: number): ScenarioInput {
    const s = defaultScenario({ durationSeconds: 900 });
    s.topology!.service!.versions = { v2: { errorRate } };
    return s;
  }

  it('a bad canary is rolled back automatically before it reaches 50%', () => {
    const { sim } = trace(withVersions(0.1), 600, [{ at: 60, action: { type: 'deploy', version: 'v2', strategy: 'canary' } }]);
    const d = sim.cp.deploymentContext();
    expect(d.lastOutcome).toBe('rolled-back');
    expect(d.maxWeight).toBeGreaterThan(0);
    expect(d.maxWeight).toBeLessThan(50);
    expect(d.stable).toBe('v1');
    const live = sim.snapshot().instances;
    expect(live.every((i) => i.version === 'v1' && i.pool === 'stable')).toBe(true);
    expect(sim.dp.canaryWeight).toBe(0);
  });

  it('a healthy canary is promoted step by step to 100%', () => {
    const { sim } = trace(withVersions(0), 600, [{ at: 60, action: { type: 'deploy', version: 'v2', strategy: 'canary' } }]);
    const d = sim.cp.deploymentContext();
    expect([d.lastOutcome, d.stable, d.maxWeight]).toEqual(['succeeded', 'v2', 100]);
    const notes = sim.annotationList().map((a) => a.text);
    expect(notes.filter((t) => t.startsWith('canary weight'))).toEqual(['canary weight 10%', 'canary weight 25%', 'canary weight 50%']);
    expect(sim.snapshot().instances.map((i) => i.version)).toEqual(['v2', 'v2', 'v2', 'v2']);
  });

  it('canary assignment is sticky: a user stays on one side while the weight holds', () => {
    const { sim } = trace(withVersions(0), 110, [{ at: 60, action: { type: 'deploy', version: 'v2', strategy: 'canary' } }]);
    expect(sim.dp.canaryWeight).toBe(10);
    // Sample users: each maps to one pool, and about 10% land on the canary.
    const route = (u: number) => routeUser(sim.dp, u);
    let canary = 0;
    for (let u = 0; u < 5000; u++) {
      const a = sim.dp.instances[route(u)]!.pool;
      const b = sim.dp.instances[route(u)]!.pool;
      expect(a).toBe(b);
      if (a === 1) canary++;
    }
    expect(canary / 5000).toBeGreaterThan(0.08);
    expect(canary / 5000).toBeLessThan(0.12);
  });

  it('blue-green switches all traffic at once and a rollback switches it back', () => {
    const { sim, availability } = trace(withVersions(0.3), 300, [
      { at: 30, action: { type: 'deploy', version: 'v2', strategy: 'blue-green', bakeSeconds: 300 } },
      { at: 150, action: { type: 'rollback' } },
    ]);
    expect(availability(60, 150)).toBeLessThan(0.9); // v2 took all traffic
    expect(availability(160, 300)).toBeGreaterThan(0.995); // one switch back
    expect(sim.cp.deploymentContext().lastOutcome).toBe('rolled-back');
  });

  it('a rolling deploy never drops below the desired capacity', () => {
    let minReady = Infinity;
    const sim = createSimulation(withVersions(0), { actions: [{ at: 10, action: { type: 'deploy', version: 'v2', strategy: 'rolling' } }] });
    sim.onSecond((s) => (minReady = Math.min(minReady, s.instancesReady)));
    sim.runUntil(200);
    expect(minReady).toBeGreaterThanOrEqual(4);
    expect(sim.cp.deploymentContext().stable).toBe('v2');
  });
});

describe('other control loops', () => {
  it('the autoscaler adds instances under a traffic spike and they take boot time', () => {
    const s = defaultScenario({ faults: [{ type: 'traffic-spike', at: 60, factor: 5 }] });
    s.topology!.service!.autoscaler = { enabled: true, min: 4, max: 12, intervalSeconds: 15, cooldownSeconds: 60 };
    const { sim, seconds } = trace(s, 300);
    expect(sim.cp.desired).toBeGreaterThan(4);
    const firstMore = seconds.find((x) => x.instancesReady > 4)!;
    expect(firstMore.t).toBeGreaterThanOrEqual(60 + 20); // boot takes 20 s
    expect(sim.annotationList().some((a) => a.kind === 'autoscaler')).toBe(true);
  });

  it('a readiness probe that checks the database turns a database blip into a full outage', () => {
    const s = defaultScenario({ faults: [{ type: 'network-partition', at: 60, duration: 40, between: 'app-db' }] });
    s.topology!.service!.probes = { readinessChecksDatabase: true };
    const { seconds } = trace(s, 200);
    expect(seconds.some((x) => x.instancesReady === 0)).toBe(true);
    expect(seconds[seconds.length - 1]!.instancesReady).toBe(4);
  });

  it('a flag with extra latency slows only its share of users, and the kill switch restores', () => {
    const s = defaultScenario();
    s.topology!.flags = [{ id: 'slow-feature', percentage: 0, effect: { extraLatencyMs: 300 } }];
    const { availability: _a, seconds } = trace(s, 200, [
      { at: 40, action: { type: 'set-flag', flag: 'slow-feature', percentage: 50 } },
      { at: 120, action: { type: 'set-flag', flag: 'slow-feature', killed: true } },
    ]);
    const p50 = (from: number, to: number) => {
      const w = seconds.filter((x) => x.t > from && x.t <= to).map((x) => x.edge.p50Ms);
      return w.reduce((a, b) => a + b, 0) / w.length;
    };
    expect(p50(60, 110)).toBeGreaterThan(p50(0, 40) + 100);
    expect(p50(140, 200)).toBeLessThan(p50(0, 40) + 20);
  });

  it('opening a hanging dependency\'s circuit by hand frees the workers it held, and releasing it calls it again', () => {
    const s = defaultScenario({ faults: [{ type: 'dependency-outage', at: 30, duration: 150, dependency: 'payments', mode: 'hang' }] });
    s.topology!.dependencies = [{ id: 'payments', timeoutMs: 10_000, breaker: { enabled: false } }];
    s.traffic = { sources: [{ ...s.traffic!.sources[0]!, rate: 400 }] };
    const { sim, availability } = trace(s, 240, [
      { at: 90, action: { type: 'force-breaker', dependency: 'payments', open: true } },
      { at: 190, action: { type: 'force-breaker', dependency: 'payments', open: false } },
    ]);
    // Hung checkouts hold every worker, so browsing fails too; with the circuit open only checkout fails.
    expect(availability(60, 90)).toBeLessThan(0.5);
    expect(availability(110, 180)).toBeGreaterThan(0.75);
    expect(availability(110, 180)).toBeLessThan(0.95);
    expect(availability(210, 240)).toBeGreaterThan(0.99);
    expect(sim.snapshot().breakers[0]).toMatchObject({ dependency: 'payments', forcedOpen: false });
    expect(sim.summary().actions.map((a) => a.accepted)).toEqual([true, true]);
    const unknown = trace(defaultScenario(), 20, [{ at: 10, action: { type: 'force-breaker', dependency: 'nope' } }]).sim.summary().actions[0]!;
    expect(unknown).toMatchObject({ accepted: false, message: expect.stringContaining('unknown dependency "nope"') });
  });

  it('a side-effect call that outlives the client timeout is repeated by the retry (a double charge); no retries, no duplicates', () => {
    const slowPayments = () => {
      const s = defaultScenario({ faults: [{ type: 'dependency-latency', at: 20, dependency: 'payments', factor: 15 }], success: [{ type: 'max-duplicates', dependency: 'payments', atMost: 0 }] });
      s.topology!.dependencies = [{ id: 'payments', latency: { meanMs: 150, sigma: 0.6 }, timeoutMs: 5000, sideEffects: true }];
      return s;
    };
    const retrying = trace(slowPayments(), 200).sim;
    const duplicates = retrying.dp.deps[0]!.duplicates;
    expect(duplicates).toBeGreaterThan(10);
    expect(retrying.summary().success[0]).toMatchObject({ passed: false, value: duplicates });
    const s = slowPayments();
    s.traffic!.sources[0]!.retry = { backoff: { kind: 'none', maxAttempts: 1 } };
    const once = trace(s, 200).sim;
    expect(once.dp.deps[0]!.duplicates).toBe(0);
    expect(once.summary().success[0]!.passed).toBe(true);
    expect(() => createSimulation({ ...slowPayments(), topology: defaultScenario().topology })).toThrow(/success\.0\.dependency: dependency "payments" needs sideEffects: true/);
  });

  it('an alert that fires after the incident is resolved is recorded but leaves the finished incident alone', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const s = defaultScenario({
        durationSeconds: 700,
        faults: [
          { type: 'dependency-outage', at: 30, duration: 90, dependency: 'payments', mode: 'errors' },
          { type: 'traffic-spike', at: 500, duration: 120, factor: 1.5 },
        ],
        alerts: { rules: [{ id: 'busy', metric: 'edge.rate', threshold: 260, forSeconds: 10 }] },
      });
      const { sim } = trace(s, 700, [
        { at: 100, action: { type: 'acknowledge' } },
        { at: 400, action: { type: 'resolve-incident' } },
      ]);
      const summary = sim.summary();
      expect(summary.incident.resolvedAt).not.toBeNull();
      expect(summary.alerts.some((a) => a.id === 'busy' && a.firedAt > summary.incident.resolvedAt!)).toBe(true);
      expect(summary.incident.detectedAt).toBeNull(); // a late alert is not a detection
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('rate limiting at the edge answers 429 above the limit (shed, not failed)', () => {
    const { sim } = trace(defaultScenario(), 120, [{ at: 10, action: { type: 'rate-limit', rps: 100, burst: 50 } }]);
    const s = sim.summary();
    expect(s.shed).toBeGreaterThan(1000);
    expect(s.throughput).toBeLessThan(200);
  });

  it('the cache stampede pages, and the incident is mitigated once the cache warms', () => {
    const sim = createSimulation(getScenario('cache-flush-stampede'));
    sim.runUntil(1200);
    const s = sim.summary();
    expect(s.alerts.some((a) => a.id === 'slo-burn-1h-5m' && a.firedAt > 600)).toBe(true);
    expect(s.incident.startedAt).toBe(600);
    expect(s.incident.mitigatedAt).not.toBeNull();
    expect(s.incident.mttd).toBeGreaterThan(0);
  });
});
