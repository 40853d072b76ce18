import { describe, expect, it } from 'vitest';
import { ConsoleRun, RunError } from '../../../src/console/run';
import { withWarmup } from '../../../src/console/warmup';
import { getScenario, parseScenario, SCENARIO_IDS } from '../../../src/sim/index';
import type { Frame } from '../../../src/console/protocol';

const WARMUP = 600;

describe('the warm-up', () => {
  it('moves everything the scenario times later, and keeps the daily curve at T+0 where it was', () => {
    const base = parseScenario(getScenario('bad-deploy'));
    const shifted = withWarmup(base, 1800);
    expect(shifted.durationSeconds).toBe(base.durationSeconds + 1800);
    expect(shifted.scheduledActions.map((a) => a.at)).toEqual(base.scheduledActions.map((a) => a.at + 1800));
    expect(shifted.faults.map((f) => f.at)).toEqual(base.faults.map((f) => f.at + 1800));
    for (const [i, c] of shifted.success.entries()) if ('from' in c) expect(c.from).toBe((base.success[i] as { from: number }).from + 1800);
    expect(shifted.traffic.sources[0]!.daily.startHour).toBeCloseTo((base.traffic.sources[0]!.daily.startHour - 0.5 + 24) % 24);
  });

  it('opens on a baseline: the first frames are healthy traffic before anything is scheduled', () => {
    const { run, frames } = ConsoleRun.load({ source: { kind: 'builtin', id: 'bad-deploy' }, seed: 3, warmupSeconds: WARMUP });
    expect(frames).toHaveLength(WARMUP);
    expect(run.t).toBe(WARMUP);
    const requests = frames.reduce((n, f) => n + f.edge.rate, 0);
    const errors = frames.reduce((n, f) => n + f.edge.errors, 0);
    expect(errors / requests).toBeLessThan(0.001);
    expect(frames.every((f) => f.alerts.every((a) => a.state !== 'firing'))).toBe(true);
    expect(frames.at(-1)!.edge.rate).toBeGreaterThan(50);
  });
});

describe('a console run', () => {
  it('gives one frame per simulated second, in order', () => {
    const { run } = ConsoleRun.load({ source: { kind: 'builtin', id: 'baseline' }, seed: 1, warmupSeconds: 60 });
    const frames = run.advance(90);
    expect(frames.map((f) => f.t)).toEqual(Array.from({ length: 30 }, (_, i) => 61 + i));
  });

  it('takes system and comms actions into one timed log', () => {
    const { run } = ConsoleRun.load({ source: { kind: 'builtin', id: 'bad-deploy' }, seed: 1, warmupSeconds: 60 });
    run.advance(100);
    const scale = run.act({ type: 'scale', replicas: 6 });
    const declare = run.act({ type: 'declare-incident', severity: 2 });
    expect(scale).toMatchObject({ at: 100, accepted: true, action: { type: 'scale', replicas: 6 } });
    expect(declare).toMatchObject({ at: 100, accepted: true, message: 'incident declared, SEV-2' });
    expect(run.log.map((l) => l.action.type)).toEqual(['scale', 'declare-incident']);
  });

  it('refuses an invalid action with a message that names the field', () => {
    const { run } = ConsoleRun.load({ source: { kind: 'builtin', id: 'baseline' }, seed: 1, warmupSeconds: 10 });
    expect(() => run.act({ type: 'scale', replicas: -1 })).toThrow(RunError);
    expect(() => run.act({ type: 'scale', replicas: -1 })).toThrow(/replicas/);
    expect(() => run.act({ type: 'status-update', impact: '', nextUpdateMinutes: 30 })).toThrow(/impact/);
    expect(() => run.act({ type: 'launch-missiles' })).toThrow(/invalid action/);
  });

  it('names the field of a custom scenario that is wrong', () => {
    const bad = { ...getScenario('baseline'), durationSeconds: -5 };
    expect(() => ConsoleRun.load({ source: { kind: 'custom', scenario: bad }, seed: 1, warmupSeconds: 0 })).toThrow(/durationSeconds/);
    expect(() => ConsoleRun.load({ source: { kind: 'builtin', id: 'nope' }, seed: 1, warmupSeconds: 0 })).toThrow(/no scenario "nope"/);
  });

  it('replays a log to the same summary bytes as the live run (rewind shares the prefix)', () => {
    const settings = { source: { kind: 'builtin' as const, id: 'bad-deploy' }, seed: 7, warmupSeconds: 120 };
    const { run: live } = ConsoleRun.load(settings);
    live.advance(400);
    live.act({ type: 'acknowledge' });
    live.act({ type: 'declare-incident', severity: 2 });
    live.advance(460);
    live.act({ type: 'rollback' });
    live.advance(900);
    const { run: replay } = ConsoleRun.load({ ...settings, log: live.log.map((l) => ({ at: l.at, action: l.action })) }, 900);
    expect(replay.summaryJson()).toBe(live.summaryJson());
    expect(replay.log).toEqual(live.log);
  });
});

describe('hidden data', () => {
  it.each(SCENARIO_IDS)('%s: no frame of a whole run, nor the public scenario, carries a fault id, a fault note or the root cause', (id) => {
    const scenario = parseScenario(getScenario(id));
    const { run, frames } = ConsoleRun.load({ source: { kind: 'builtin', id }, seed: 2, warmupSeconds: 300 });
    const all: Frame[] = [...frames, ...run.advance(run.end)];
    const text = JSON.stringify({ frames: all, player: run.player });
    for (const f of scenario.faults) if (f.id) expect(text, `fault id ${f.id}`).not.toContain(`"${f.id}"`);
    expect(text).not.toContain('fault started');
    expect(text).not.toContain('"kind":"fault"');
    expect(text).not.toContain('incident started');
    if (scenario.rootCause.summary) expect(text).not.toContain(scenario.rootCause.summary.slice(0, 40));
    for (const f of all) expect(f.annotations.every((a) => !a.hidden)).toBe(true);
    // ... and the debrief does reveal them.
    const reveal = run.reveal();
    expect(reveal.rootCause).toEqual(scenario.rootCause);
    expect(reveal.annotations.some((a) => a.kind === 'fault')).toBe(scenario.faults.length > 0);
  });
});
