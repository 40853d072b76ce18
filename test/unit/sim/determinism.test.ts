import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { createSimulation, type ActionInput, type ScenarioInput } from '../../../src/sim/index';
import { defaultScenario } from './helpers';

const DURATION = 240;

function scenario(): ScenarioInput {
  const s = defaultScenario({
    durationSeconds: DURATION,
    faults: [
      { type: 'dependency-outage', at: 40, duration: 30, mode: 'errors' },
      { type: 'cache-flush', at: 90 },
      { type: 'instance-crash', at: 120, count: 1 },
      { type: 'broker-outage', at: 150, duration: 30 },
    ],
  });
  s.topology!.service!.versions = { v2: { errorRate: 0.05 }, v3: { latencyFactor: 2 } };
  return s;
}

const actionArb: fc.Arbitrary<ActionInput> = fc.oneof(
  fc.record({ type: fc.constant('deploy' as const), version: fc.constantFrom('v2', 'v3'), strategy: fc.constantFrom('rolling' as const, 'canary' as const, 'blue-green' as const), analysisSeconds: fc.constant(20) }),
  fc.constant({ type: 'rollback' as const }),
  fc.record({ type: fc.constant('scale' as const), replicas: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ type: fc.constant('restart-instance' as const), instance: fc.constantFrom('api-1', 'api-2', 'api-3') }),
  fc.record({ type: fc.constant('set-flag' as const), flag: fc.constant('new-recommendations'), percentage: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ type: fc.constant('set-flag' as const), flag: fc.constant('new-recommendations'), killed: fc.boolean() }),
  fc.record({ type: fc.constant('rate-limit' as const), enabled: fc.boolean(), rps: fc.integer({ min: 50, max: 400 }), burst: fc.constant(100) }),
  fc.record({ type: fc.constant('load-shedding' as const), enabled: fc.boolean() }),
  fc.constant({ type: 'failover-db' as const }),
  fc.constant({ type: 'flush-cache' as const }),
  fc.record({ type: fc.constant('warm-cache' as const), keys: fc.integer({ min: 100, max: 3000 }), seconds: fc.constant(10) }),
  fc.record({ type: fc.constant('set-retry-policy' as const), jitter: fc.constantFrom('none' as const, 'full' as const, 'decorrelated' as const), budget: fc.constantFrom('none' as const, 'throttle' as const, 'ratio' as const) }),
  fc.record({ type: fc.constant('autoscaler' as const), enabled: fc.boolean() }),
  fc.constant({ type: 'acknowledge' as const }),
  fc.constant({ type: 'cancel-migration' as const }),
  fc.record({ type: fc.constant('enable-dlq' as const), maxReceives: fc.integer({ min: 1, max: 5 }) }),
  fc.constant({ type: 'enable-outbox' as const }),
  fc.record({ type: fc.constant('route-reads' as const), to: fc.constantFrom('primary' as const, 'replica' as const) }),
  fc.record({ type: fc.constant('silence-alert' as const), alert: fc.constantFrom('slo-burn-1h-5m', 'nope'), minutes: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ type: fc.constant('force-breaker' as const), dependency: fc.constantFrom('payments', 'nope'), open: fc.boolean() }),
);

const logArb = fc.array(
  fc.record({ at: fc.integer({ min: 0, max: DURATION * 10 }).map((x) => x / 10), action: actionArb }),
  { maxLength: 8 },
);

function run(seed: number, actions: Array<{ at: number; action: ActionInput }>): string {
  const sim = createSimulation(scenario(), { seed, actions });
  sim.runUntil(DURATION);
  return JSON.stringify({ summary: sim.summary(), snapshot: sim.snapshot({ reveal: true }), logs: sim.logs() });
}

describe('determinism', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('same scenario, seed and timed action log give byte-identical summaries (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), logArb, (seed, actions) => {
        expect(run(seed, actions)).toBe(run(seed, actions));
      }),
      { numRuns: 6 },
    );
  });

  it('a different seed gives a different run', () => {
    expect(run(1, [])).not.toBe(run(2, []));
  });

  it('applying actions live between steps equals passing the same log up front', () => {
    const log = [
      { at: 30, action: { type: 'deploy', version: 'v2', strategy: 'canary', analysisSeconds: 20 } as ActionInput },
      { at: 95.5, action: { type: 'warm-cache', keys: 2000, seconds: 10 } as ActionInput },
      { at: 150, action: { type: 'scale', replicas: 6 } as ActionInput },
    ];
    const upFront = run(9, log);
    const live = createSimulation(scenario(), { seed: 9 });
    for (const { at, action } of log) {
      live.runUntil(at);
      live.apply(action);
    }
    live.runUntil(DURATION);
    expect(JSON.stringify({ summary: live.summary(), snapshot: live.snapshot({ reveal: true }), logs: live.logs() })).toBe(upFront);
  });

  it('never draws on Math.random or Date.now (data plane, machines, faults, actions)', () => {
    const random = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random was called');
    });
    const now = vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now was called');
    });
    const s = scenario();
    s.topology!.service!.autoscaler = { enabled: true, min: 2, max: 8 };
    s.faults = [
      ...(s.faults ?? []),
      { type: 'db-primary-loss', at: 60, duration: 200 },
      { type: 'crash-loop', at: 100, duration: 40, uptimeSeconds: 5 },
      { type: 'memory-leak', at: 0, mbPerMinute: 400 },
      { type: 'certificate-expiry', at: 150, duration: 80 },
    ];
    s.alerts = { rules: [{ id: 'p99', metric: 'edge.p99Ms', threshold: 400, forSeconds: 30, severity: 'page' }] };
    const sim = createSimulation(s, {
      seed: 5,
      actions: [
        { at: 10, action: { type: 'deploy', version: 'v2', strategy: 'canary', analysisSeconds: 20 } },
        { at: 30, action: { type: 'set-flag', flag: 'new-recommendations', percentage: 50 } },
        { at: 200, action: { type: 'rollback' } },
      ],
    });
    sim.runUntil(DURATION);
    const summary = sim.summary();
    expect(random).not.toHaveBeenCalled();
    expect(now).not.toHaveBeenCalled();
    // The run really exercised the machines.
    expect(summary.alerts.length).toBeGreaterThan(0);
    expect(summary.incident.detectedAt).not.toBeNull();
    expect(sim.annotationList(true).some((a) => a.kind === 'breaker')).toBe(true);
    expect(sim.annotationList(true).some((a) => a.text.includes('canary analysis'))).toBe(true);
    expect(sim.annotationList(true).some((a) => a.kind === 'database')).toBe(true);
  });

  it('the drill faults and their actions never draw on Math.random or Date.now, and replay byte for byte', () => {
    const random = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random was called');
    });
    const now = vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now was called');
    });
    const drill = (): ScenarioInput => ({
      ...scenario(),
      faults: [
        { type: 'migration-table-lock', at: 20, slowSeconds: 20 },
        { type: 'memory-leak-oom', at: 0, mbPerMinute: 900, limitMb: 600, duration: 150 },
        { type: 'poison-message', at: 30, count: 3, processSeconds: 10 },
        { type: 'replica-partition', at: 40, duration: 120 },
        { type: 'flapping-alert', at: 0, periodSeconds: 30, firingSeconds: 10 },
        { type: 'slow-query-deploy', at: 50, factor: 6 },
        { type: 'broker-outage', at: 60, duration: 90 },
      ],
    });
    const actions = [
      { at: 90, action: { type: 'cancel-migration' as const } },
      { at: 100, action: { type: 'enable-dlq' as const, maxReceives: 2 } },
      { at: 110, action: { type: 'route-reads' as const, to: 'primary' as const } },
      { at: 115, action: { type: 'enable-outbox' as const } },
      { at: 120, action: { type: 'silence-alert' as const, alert: 'disk-latency-high', minutes: 1 } },
      { at: 200, action: { type: 'rollback' as const } },
    ];
    const play = () => {
      const sim = createSimulation(drill(), { seed: 9, actions });
      sim.runUntil(DURATION);
      return { sim, bytes: JSON.stringify({ summary: sim.summary(), snapshot: sim.snapshot({ reveal: true }), logs: sim.logs() }) };
    };
    const first = play();
    expect(play().bytes).toBe(first.bytes);
    expect(random).not.toHaveBeenCalled();
    expect(now).not.toHaveBeenCalled();
    const summary = first.sim.summary();
    expect(summary.actions.every((a) => a.accepted)).toBe(true);
    expect(first.sim.snapshot().queue!.deadLettered).toBe(3);
    // The broker outage lost orders before the outbox, and the relay published the rest after it.
    expect(first.sim.snapshot().queue!.lostMessages).toBeGreaterThan(0);
    expect(first.sim.snapshot().queue!.outbox.relayed).toBeGreaterThan(0);
  });

  it('releases that crash or leak, flag changes, a forced breaker and duplicate counting never draw on Math.random or Date.now', () => {
    const random = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random was called');
    });
    const now = vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now was called');
    });
    const drill = (): ScenarioInput => {
      const s = scenario();
      s.topology!.dependencies = [{ id: 'payments', latency: { meanMs: 150, sigma: 0.6 }, timeoutMs: 5000, sideEffects: true }];
      s.faults = [
        { type: 'bad-deploy', at: 10, version: 'v4', errorRate: 0, crashAfterSeconds: 40, leakMbPerMinute: 300, leakConnectionsPerSecond: 0.2, strategy: 'canary', failureThreshold: 3 },
        { type: 'flag-change', at: 20, flag: 'new-recommendations', percentage: 60 },
        { type: 'dependency-latency', at: 30, duration: 60, dependency: 'payments', factor: 15 },
      ];
      s.success = [{ type: 'max-duplicates', dependency: 'payments', atMost: 0 }];
      return s;
    };
    const actions = [
      { at: 100, action: { type: 'force-breaker' as const, dependency: 'payments' } },
      { at: 150, action: { type: 'force-breaker' as const, dependency: 'payments', open: false } },
      { at: 160, action: { type: 'rollback' as const } },
    ];
    const play = () => {
      const sim = createSimulation(drill(), { seed: 9, actions });
      sim.runUntil(DURATION);
      return { sim, bytes: JSON.stringify({ summary: sim.summary(), snapshot: sim.snapshot({ reveal: true }), logs: sim.logs() }) };
    };
    const first = play();
    expect(play().bytes).toBe(first.bytes);
    expect(random).not.toHaveBeenCalled();
    expect(now).not.toHaveBeenCalled();
    // The run really exercised them.
    const summary = first.sim.summary();
    expect(summary.actions.every((a) => a.accepted)).toBe(true);
    expect(first.sim.dp.deps[0]!.duplicates).toBeGreaterThan(0);
    expect(summary.success[0]!.passed).toBe(false);
    expect(first.sim.dp.instances.some((i) => i.version === 'v4' && i.crashes > 0)).toBe(true);
    expect(first.sim.snapshot().flags).toContainEqual(expect.objectContaining({ id: 'new-recommendations', percentage: 60 }));
  });
});
