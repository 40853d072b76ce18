import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimulation, getScenario, SCENARIO_IDS, type ActionInput, type ScenarioInput } from '../../../src/sim/index';
import { Simulation } from '../../../src/sim/core/simulation';
import { defaultScenario } from './helpers';

/** Everything a player or the debrief can read at the end of a run. */
function endState(sim: Simulation): string {
  return JSON.stringify({ summary: sim.summary(), snapshot: sim.snapshot({ reveal: true }), logs: sim.logs(), annotations: sim.annotationList(true) });
}

/**
 * Runs straight to the end, noting the end state and a checkpoint at each of `times` on the way. Then
 * one restored run is carried through every stage: restored (after a structuredClone, as postMessage
 * would) from the first checkpoint, and at each later time checked against the straight run (per-second
 * stats, end state, and its own checkpoint equal to the straight run's as data, so restoring either
 * is the same) and restored again from its own checkpoint, to the end. Every restore is thus followed
 * to the end, for one run's cost instead of one per checkpoint.
 */
function expectRestoresMatch(input: ScenarioInput, seed: number, actions: Array<{ at: number; action: ActionInput }>, times: number[], until?: number) {
  const sim = createSimulation(input, { seed, actions });
  const end = until ?? sim.scenario.durationSeconds;
  const stats: string[] = [];
  sim.onSecond((s) => stats.push(JSON.stringify(s)));
  const marks = times.map((t) => {
    sim.runUntil(t);
    const state = endState(sim);
    return { t, closed: stats.length, state, checkpoint: structuredClone(sim.checkpoint()) };
  });
  sim.runUntil(end);
  const straight = endState(sim);
  const after: string[] = [];
  const restore = (checkpoint: ReturnType<Simulation['checkpoint']>, t: number) => {
    const run = Simulation.restore(checkpoint);
    expect(run.now).toBe(t);
    run.onSecond((s) => after.push(JSON.stringify(s)));
    return run;
  };
  let run = restore(marks[0]!.checkpoint, marks[0]!.t);
  for (const { t, closed, state, checkpoint } of marks.slice(1)) {
    run.runUntil(t);
    expect(after, `per-second stats from T=${marks[0]!.t} to T=${t}`).toEqual(stats.slice(marks[0]!.closed, closed));
    expect(endState(run), `state at T=${t} after restores`).toBe(state);
    const own = structuredClone(run.checkpoint());
    expect(own, `checkpoint at T=${t} of a restored run`).toEqual(checkpoint);
    run = restore(own, t);
  }
  run.runUntil(end);
  expect(after, `per-second stats after the restores`).toEqual(stats.slice(marks[0]!.closed));
  expect(endState(run), 'end state after the restores').toBe(straight);
}

/** A free-play system with every component and many faults and actions overlapping in time. */
function freePlay(): { input: ScenarioInput; actions: Array<{ at: number; action: ActionInput }> } {
  const input = defaultScenario({
    durationSeconds: 420,
    faults: [
      { type: 'memory-leak-oom', at: 0, mbPerMinute: 900, limitMb: 600, duration: 150 },
      { type: 'flapping-alert', at: 0, periodSeconds: 30, firingSeconds: 10 },
      { type: 'migration-table-lock', at: 20, slowSeconds: 20 },
      { type: 'poison-message', at: 30, count: 3, processSeconds: 10 },
      { type: 'dependency-outage', at: 40, duration: 30, mode: 'errors' },
      { type: 'replica-partition', at: 45, duration: 120 },
      { type: 'slow-query-deploy', at: 50, factor: 6 },
      { type: 'noisy-neighbour', at: 60, duration: 100, instances: 2, factor: 3 },
      { type: 'retry-storm', at: 70, attempts: 4, triggerSeconds: 20, triggerFactor: 3 },
      { type: 'cache-flush', at: 90 },
      { type: 'db-primary-loss', at: 200, duration: 100 },
      { type: 'crash-loop', at: 230, duration: 40, uptimeSeconds: 5 },
      { type: 'traffic-spike', at: 260, duration: 60, factor: 2 },
      { type: 'certificate-expiry', at: 300, duration: 30 },
    ],
  });
  input.topology!.service!.versions = { v2: { errorRate: 0.05 }, v3: { latencyFactor: 2 } };
  input.topology!.service!.autoscaler = { enabled: true, min: 2, max: 8 };
  input.alerts = { rules: [{ id: 'p99', metric: 'edge.p99Ms', threshold: 400, forSeconds: 30, severity: 'page' }] };
  const actions: Array<{ at: number; action: ActionInput }> = [
    { at: 25, action: { type: 'set-flag', flag: 'new-recommendations', percentage: 50 } },
    { at: 35, action: { type: 'silence-alert', alert: 'p99', minutes: 2 } },
    { at: 90, action: { type: 'cancel-migration' } },
    { at: 95.5, action: { type: 'warm-cache', keys: 2000, seconds: 20 } },
    { at: 100, action: { type: 'enable-dlq', maxReceives: 2 } },
    { at: 110, action: { type: 'route-reads', to: 'primary' } },
    { at: 112, action: { type: 'set-retry-policy', jitter: 'full', budget: 'ratio' } },
    { at: 120, action: { type: 'rollback' } },
    { at: 125, action: { type: 'rate-limit', enabled: true, rps: 300, burst: 100 } },
    { at: 130, action: { type: 'load-shedding', enabled: true } },
    { at: 140, action: { type: 'acknowledge' } },
    { at: 180, action: { type: 'deploy', version: 'v3', strategy: 'canary', analysisSeconds: 20 } },
    { at: 250, action: { type: 'scale', replicas: 6 } },
    { at: 320, action: { type: 'restart-instance', instance: 'api-2' } },
    { at: 340, action: { type: 'deploy', version: 'v2', strategy: 'blue-green' } },
  ];
  return { input, actions };
}

/**
 * The fewest scenarios that between them use every system component, fault type and par action type
 * any registered scenario uses (greedy cover, built-in scenarios first). The checkpoint walks the
 * simulation's state generically, so what needs exercising is each kind of state, not every drill.
 */
function coveringScenarios(): string[] {
  const kinds = (id: string) => {
    const s = getScenario(id);
    return new Set([
      ...Object.keys(s.topology ?? {}).map((k) => `topology:${k}`),
      ...s.faults.map((f) => `fault:${f.type}`),
      ...s.par.map((a) => `action:${(a.action as ActionInput).type}`),
      ...(s.stakeholders?.length ? ['stakeholders'] : []),
    ]);
  };
  const all = new Map(SCENARIO_IDS.map((id) => [id, kinds(id)]));
  const uncovered = new Set([...all.values()].flatMap((k) => [...k]));
  const chosen: string[] = [];
  while (uncovered.size > 0) {
    let best = '';
    let gain = 0;
    for (const [id, k] of all) {
      const g = [...k].filter((x) => uncovered.has(x)).length;
      if (g > gain) [best, gain] = [id, g];
    }
    chosen.push(best);
    for (const x of all.get(best)!) uncovered.delete(x);
    all.delete(best);
  }
  return chosen;
}

describe('checkpoints', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  // Before the first fault, while faults and actions are in flight, and after the last of them; each
  // run stops two minutes after its last fault start or par action (what follows is more of the same).
  it.each(coveringScenarios())('scenario %s: a run restored from a cloned checkpoint ends byte for byte like the straight run', (id) => {
    const input = getScenario(id);
    const lastEvent = Math.max(...input.faults.map((f) => f.at), ...input.par.map((a) => a.at));
    const end = Math.min(input.durationSeconds, Math.ceil(lastEvent) + 120);
    const firstFault = Math.min(end / 2, ...input.faults.map((f) => f.at));
    const times = [Math.max(1, Math.floor(firstFault / 2)), firstFault + 15, Math.floor((firstFault + end) / 2), end - 10].filter((t) => t < end);
    const actions = input.par.map((a) => ({ at: a.at, action: a.action as ActionInput }));
    expectRestoresMatch(input, 11, actions, [...new Set(times)].sort((a, b) => a - b), end);
  }, 600_000);

  it('free play with many faults and actions: restored runs match at every stage, timers and queued messages included', () => {
    const { input, actions } = freePlay();
    // 0.5: between events; 22/32/97/113: pending timers (flag, silence, migration, warm-up, retry push);
    // 185: canary analysis; 235: crash loop; 420-30: all over.
    expectRestoresMatch(input, 5, actions, [0.5, 22, 32, 97, 113, 185, 235, 390]);
  }, 120_000);

  it('a checkpoint is a snapshot: running on does not change it, and it restores more than once', () => {
    const { input, actions } = freePlay();
    const sim = createSimulation(input, { seed: 2, actions });
    sim.runUntil(100);
    const checkpoint = sim.checkpoint();
    sim.runUntil(300);
    const a = Simulation.restore(checkpoint);
    a.runUntil(300);
    const b = Simulation.restore(checkpoint);
    b.runUntil(300);
    expect(endState(a)).toBe(endState(sim));
    expect(endState(b)).toBe(endState(sim));
  });

  it('a restored run takes actions live like the original (same log, same bytes)', () => {
    const { input } = freePlay();
    const straight = createSimulation(input, { seed: 4, actions: [{ at: 150, action: { type: 'rollback' } }, { at: 160, action: { type: 'warm-cache', keys: 500, seconds: 5 } }] });
    straight.runUntil(400);
    const live = createSimulation(input, { seed: 4 });
    live.runUntil(120);
    const restored = Simulation.restore(structuredClone(live.checkpoint()));
    restored.runUntil(150);
    restored.apply({ type: 'rollback' });
    restored.runUntil(160);
    restored.apply({ type: 'warm-cache', keys: 500, seconds: 5 });
    restored.runUntil(400);
    expect(endState(restored)).toBe(endState(straight));
  });

  it('a restored run never draws on Math.random or Date.now', () => {
    const { input, actions } = freePlay();
    const sim = createSimulation(input, { seed: 8, actions });
    sim.runUntil(97);
    const checkpoint = structuredClone(sim.checkpoint());
    const random = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random was called');
    });
    const now = vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now was called');
    });
    const restored = Simulation.restore(checkpoint);
    restored.runUntil(input.durationSeconds!);
    expect(random).not.toHaveBeenCalled();
    expect(now).not.toHaveBeenCalled();
    expect(restored.summary().alerts.length).toBeGreaterThan(0);
  });

  it('refuses what it cannot keep, naming it: a timer with only a closure, a foreign checkpoint', () => {
    const sim = createSimulation(defaultScenario(), { seed: 1 });
    sim.runUntil(5);
    sim.sched.startTimer('test/closure', 10, () => {});
    expect(() => sim.checkpoint()).toThrow(/timer "test\/closure" has a closure/);
    sim.sched.cancelTimer('test/closure');
    (sim.dp as unknown as { extra: () => void }).extra = () => {};
    expect(() => sim.checkpoint()).toThrow(/a function .* at \.dp\.extra/);
    delete (sim.dp as unknown as { extra?: unknown }).extra;
    (sim.dp as unknown as { extra: object }).extra = new (class Unlisted {})();
    expect(() => sim.checkpoint()).toThrow(/Unlisted that is not in the checkpoint's class table/);
    expect(() => Simulation.restore({ version: 99, at: 0, scenario: 'x', graph: {} })).toThrow(/checkpoint version 99/);
  });
});
