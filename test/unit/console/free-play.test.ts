/** Free play: the presets run healthy, faults are injected live exactly as a shared run replays them. */
import { describe, expect, it } from 'vitest';
import { ConsoleRun, RunError } from '../../../src/console/run';
import { freePlayScenario, PRESETS, TRAFFIC_LEVELS } from '../../../src/console/presets';
import { parseScenario } from '../../../src/sim/index';

const shop = { kind: 'custom' as const, scenario: freePlayScenario('shop', 'normal') };

describe('free-play presets', () => {
  it.each(PRESETS.map((p) => p.id))('%s is a valid scenario that serves its busiest traffic level healthily', (id) => {
    const peak = TRAFFIC_LEVELS.at(-1)!.id;
    const scenario = parseScenario(freePlayScenario(id, peak));
    expect(scenario.faults).toEqual([]);
    const { frames } = ConsoleRun.load({ source: { kind: 'custom', scenario }, seed: 1, warmupSeconds: 120 });
    const requests = frames.reduce((n, f) => n + f.edge.rate, 0);
    const errors = frames.reduce((n, f) => n + f.edge.errors, 0);
    expect(errors / requests).toBeLessThan(0.005);
    expect(frames.at(-1)!.metrics['service.cpu']).toBeLessThan(0.95);
  });

  it('differ in what the system is made of, and say so in the player scenario', () => {
    const parts = PRESETS.map((p) => ConsoleRun.load({ source: { kind: 'custom', scenario: freePlayScenario(p.id, 'quiet') }, seed: 1, warmupSeconds: 0 }).run.player.components);
    expect(new Set(parts.map((c) => JSON.stringify(c))).size).toBe(PRESETS.length);
    expect(parts[0]).toEqual({ cache: true, database: true, queue: true, dependencies: ['payments'] });
    expect(() => freePlayScenario('nope', 'normal')).toThrow(/unknown preset "nope"/);
  });
});

describe('inject fault', () => {
  it('starts the fault live, and a replay of the log (a share link) gives the same frames and summary bytes', () => {
    const settings = { source: shop, seed: 9, warmupSeconds: 60 };
    const { run: live, frames: warm } = ConsoleRun.load(settings);
    const before = live.advance(120);
    const record = live.act({ type: 'inject-fault', fault: { type: 'dependency-outage', dependency: 'payments', mode: 'errors', duration: 120 } });
    expect(record).toMatchObject({ at: 120, accepted: true, message: expect.stringMatching(/^fault injected: dependency-outage/) });
    const after = live.advance(400);
    expect(after[0]!.t).toBe(121);
    // Users see it: checkout calls fail while the outage lasts.
    expect(Math.max(...after.map((f) => f.metrics['dep.payments.errors'] ?? 0))).toBeGreaterThan(5);

    const { run: replay, frames } = ConsoleRun.load({ ...settings, log: live.log.map((l) => ({ at: l.at, action: l.action })) }, 400);
    expect(replay.summaryJson()).toBe(live.summaryJson());
    expect(JSON.stringify(frames)).toBe(JSON.stringify([...warm, ...before, ...after]));
  });

  it('names a wrong parameter, refuses a fault the system cannot have, and refuses faults in drills', () => {
    const { run } = ConsoleRun.load({ source: { kind: 'custom', scenario: freePlayScenario('minimal', 'quiet') }, seed: 1, warmupSeconds: 10 });
    expect(() => run.act({ type: 'inject-fault', fault: { type: 'traffic-spike', factor: -2 } })).toThrow(/fault\.factor/);
    expect(() => run.act({ type: 'inject-fault', fault: { type: 'cache-flush' } })).toThrow(/cannot run on this system.*cache/s);
    expect(run.log).toEqual([]);
    const { run: drill } = ConsoleRun.load({ source: { kind: 'builtin', id: 'bad-deploy' }, seed: 1, warmupSeconds: 10 });
    expect(drill.player.faultsAllowed).toBe(false);
    expect(() => drill.act({ type: 'inject-fault', fault: { type: 'instance-crash' } })).toThrow(RunError);
    expect(() => drill.act({ type: 'inject-fault', fault: { type: 'instance-crash' } })).toThrow(/free play only/);
  });

  it('keeps actions taken before the fault when it rebuilds the run', () => {
    const { run } = ConsoleRun.load({ source: shop, seed: 2, warmupSeconds: 30 });
    run.advance(60);
    run.act({ type: 'scale', replicas: 6 });
    run.act({ type: 'declare-incident', severity: 3 });
    run.advance(90);
    run.act({ type: 'inject-fault', fault: { type: 'instance-crash', count: 2 } });
    expect(run.log.map((l) => [l.at, l.action.type])).toEqual([
      [60, 'scale'],
      [60, 'declare-incident'],
      [90, 'inject-fault'],
    ]);
    const frames = run.advance(95);
    expect(frames.map((f) => f.t)).toEqual([91, 92, 93, 94, 95]);
    expect(frames.at(-1)!.desiredReplicas).toBe(6);
  });
});
