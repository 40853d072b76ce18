import { describe, expect, it, vi } from 'vitest';
import { ConsoleRun, type RunSettings } from '../../../src/console/run';
import { ConsoleHost } from '../../../src/console/host';
import { checkpointBytes, thinningIndex } from '../../../src/console/checkpoints';
import { measureEffectsNow } from '../../../src/console/debrief/effects';
import { doNothingSummary, parSummary, referenceRuns } from '../../../src/console/debrief/references';
import type { Frame, FromWorker } from '../../../src/console/protocol';
import { getScenario, type SimulationSummary } from '../../../src/sim/index';

const W = 120;
/** bad-deploy cut to 15 minutes, as a custom scenario (it has a par). */
const short = { ...getScenario('bad-deploy'), durationSeconds: 900 };
/**
 * The baseline system for 11 minutes: no faults of its own, so the player may inject some. Long enough for
 * the last action below (T+500) to have a measurable effect, short enough that the replays stay cheap.
 */
const free = { ...getScenario('baseline'), durationSeconds: 660 };
const settings: RunSettings = { source: { kind: 'custom', scenario: free }, seed: 5, warmupSeconds: W };

const log = [
  { at: W + 30, action: { type: 'deploy', version: 'v2', strategy: 'rolling' } },
  { at: W + 60, action: { type: 'scale', replicas: 5 } },
  { at: W + 200, action: { type: 'acknowledge' } },
  { at: W + 200, action: { type: 'rollback' } },
  { at: W + 250.5, action: { type: 'inject-fault', fault: { type: 'traffic-spike', factor: 2, duration: 60 } } },
  { at: W + 400, action: { type: 'declare-incident', severity: 2 } },
  { at: W + 500, action: { type: 'scale', replicas: 3 } },
];

function summaryOf(log: Array<{ at: number; action: unknown }>): SimulationSummary {
  return JSON.parse(ConsoleRun.load({ ...settings, log }, Infinity).run.summaryJson()) as SimulationSummary;
}

describe('console checkpoints', () => {
  it('measured effects from checkpoints equal replays of each log from second zero', () => {
    const { run } = ConsoleRun.load({ ...settings, log }, Infinity);
    const actual = JSON.parse(run.summaryJson()) as SimulationSummary;
    const effects = measureEffectsNow(settings, run.log, run.end, actual);
    const measured = run.log.map((l, i) => (l.accepted && !['declare-incident'].includes(l.action.type) ? i : -1)).filter((i) => i >= 0);
    expect(measured.length).toBeGreaterThanOrEqual(4);
    for (const i of measured) {
      const without = summaryOf(run.log.filter((_, k) => k !== i).map((l) => ({ at: l.at, action: l.action })));
      expect(effects[i]!.failedSaved, `action ${i} (${run.log[i]!.action.type})`).toBe(without.errors + without.shed - (actual.errors + actual.shed));
    }
    // Without the given summary the learner's run is the pass's own end.
    expect(measureEffectsNow(settings, run.log, run.end)).toEqual(effects);
  }, 400_000);

  it("measured effects from the console's own checkpoints equal a straight full replay of each log", () => {
    // The bad deploy with a useful, a harmful and a useless action among others: each run without
    // one, replayed whole from second zero, is what the debrief must report.
    const s: RunSettings = { source: { kind: 'custom', scenario: short }, seed: 3, warmupSeconds: W };
    const actions = [
      { at: W + 45, action: { type: 'scale', replicas: 6 } },
      { at: W + 260, action: { type: 'scale', replicas: 1 } },
      { at: W + 350, action: { type: 'acknowledge' } },
      { at: W + 420, action: { type: 'rollback' } },
      { at: W + 430, action: { type: 'note', text: 'rolled back' } },
      { at: W + 650, action: { type: 'scale', replicas: 4 } },
    ];
    const { run } = ConsoleRun.load({ ...s, log: actions }, Infinity, { checkpointEvery: 100 });
    expect(run.checkpoints.length).toBeGreaterThan(3);
    const actual = JSON.parse(run.summaryJson()) as SimulationSummary;
    const kept = structuredClone([...run.checkpoints]);
    const effects = measureEffectsNow(s, run.log, run.end, actual, kept);
    const full = (l: typeof actions) => JSON.parse(ConsoleRun.load({ ...s, log: l }, Infinity).run.summaryJson()) as SimulationSummary;
    for (const [i, entry] of run.log.entries()) {
      if (entry.action.type === 'note') {
        expect(effects[i]!.verdict).toBe('communication');
        continue;
      }
      const without = full(actions.filter((_, k) => k !== i));
      expect(effects[i]!.failedSaved, `action ${i} (${entry.action.type})`).toBe(without.errors + without.shed - (actual.errors + actual.shed));
      expect(effects[i]!.budgetSaved).toBe(Math.round((without.errorBudget.burnedPercent - actual.errorBudget.burnedPercent) * 1e4) / 1e4);
    }
    // The scenario covers each verdict: the rollback (after the deploy at W+300) helped, scaling to
    // one replica just before it hurt, acknowledging did nothing to the system.
    expect(effects[3]!.verdict).toBe('helped');
    expect(effects[1]!.verdict).toBe('hurt');
    expect(effects[2]!.verdict).toBe('no measurable effect');
    // The same as without the console's checkpoints (the pass from second zero).
    expect(effects).toEqual(measureEffectsNow(s, run.log, run.end, actual));
  }, 400_000);

  it("an action on the very second of a kept checkpoint is replayed from that checkpoint, not from second zero", () => {
    // Console checkpoints every 100 s; three actions fall on checkpoint seconds (W + 80 = 200, ...).
    const s: RunSettings = { source: { kind: 'custom', scenario: short }, seed: 4, warmupSeconds: W };
    const actions = [
      { at: 200, action: { type: 'scale', replicas: 6 } },
      { at: 400, action: { type: 'scale', replicas: 2 } },
      { at: 600, action: { type: 'rollback' } },
    ];
    const { run } = ConsoleRun.load({ ...s, log: actions }, Infinity, { checkpointEvery: 100 });
    expect(run.checkpoints.map((c) => c.t)).toEqual(expect.arrayContaining([200, 400, 600]));
    const actual = JSON.parse(run.summaryJson()) as SimulationSummary;
    const kept = structuredClone([...run.checkpoints]);
    const load = vi.spyOn(ConsoleRun, 'load');
    let effects;
    try {
      effects = measureEffectsNow(s, run.log, run.end, actual, kept);
      // No replay ran from second zero (a load to second 0 simulates nothing).
      expect(load.mock.calls.map((c) => c[1] ?? 'warm-up').filter((runTo) => runTo !== 0)).toEqual([]);
    } finally {
      load.mockRestore();
    }
    expect(effects).toEqual(measureEffectsNow(s, run.log, run.end, actual));
  }, 400_000);

  it("par and doing nothing from the console's checkpoints equal each run on its own", () => {
    const s: RunSettings = { source: { kind: 'custom', scenario: short }, seed: 8, warmupSeconds: W };
    const { run } = ConsoleRun.load({ ...s, log: [{ at: W + 300, action: { type: 'rollback' } }] }, Infinity, { checkpointEvery: 100 });
    const refs = referenceRuns(s, structuredClone([...run.checkpoints]));
    expect(JSON.stringify(refs.par())).toBe(JSON.stringify(parSummary(s)));
    expect(JSON.stringify(refs.doNothing())).toBe(JSON.stringify(doNothingSummary(s)));
  }, 400_000);

  it('kept checkpoints stay within the byte budget, thinned evenly, the newest kept', () => {
    expect(thinningIndex([{ t: 100 }, { t: 200 }, { t: 300 }, { t: 400 }])).toBe(0);
    expect(thinningIndex([{ t: 100 }, { t: 400 }, { t: 500 }, { t: 600 }, { t: 900 }])).toBe(2);
    expect(thinningIndex([{ t: 100 }])).toBe(-1);
    const { run } = ConsoleRun.load({ ...settings, log: [] }, W + 200, { checkpointEvery: 50 });
    const c = run.checkpoints.at(-1)!;
    const copied = structuredClone(c);
    // About what structured clone copies: typed arrays by their bytes, a little per value.
    expect(checkpointBytes(copied)).toBeGreaterThan(100_000);
    expect(checkpointBytes(copied)).toBe(checkpointBytes(structuredClone(c)));
  }, 400_000);

  it('par and doing nothing from a shared prefix equal each run on its own', () => {
    const s: RunSettings = { source: { kind: 'custom', scenario: short }, seed: 8, warmupSeconds: W };
    const refs = referenceRuns(s);
    expect(JSON.stringify(refs.par())).toBe(JSON.stringify(parSummary(s)));
    expect(JSON.stringify(refs.doNothing())).toBe(JSON.stringify(doNothingSummary(s)));
  }, 400_000);

  it('a run resumed from a kept checkpoint gives the same frames and the same end', () => {
    const plain = log.filter((l) => l.action.type !== 'inject-fault');
    const { run, frames } = ConsoleRun.load({ ...settings, log: plain }, Infinity, { checkpointEvery: 100 });
    expect(run.checkpoints.map((c) => c.t)).toEqual(Array.from({ length: Math.floor(run.end / 100) }, (_, i) => (i + 1) * 100));
    for (const t of [W + 199, W + 200, W + 333]) {
      const prefix = run.log.filter((l) => l.at <= t).map((l) => ({ at: l.at, action: l.action }));
      const from = run.checkpointFor(prefix, t)!;
      expect(from.t).toBeLessThanOrEqual(t);
      const resumed = ConsoleRun.resume({ ...settings, log: plain }, structuredClone(from), Infinity);
      expect(resumed.frames, `frames after a resume at ${from.t}`).toEqual(frames.filter((f) => f.t > from.t));
      expect(resumed.run.summaryJson()).toBe(run.summaryJson());
    }
  }, 400_000);

  it('a checkpoint serves only logs that continue it: same actions before, same injected faults', () => {
    const injecting = ConsoleRun.load({ ...settings, log }, Infinity, { checkpointEvery: 100 }).run;
    const c1 = injecting.checkpoints.find((k) => k.t >= W + 200)!;
    expect(ConsoleRun.serves(c1, log)).toBe(true);
    expect(ConsoleRun.serves(c1, log.slice(0, 4))).toBe(false); // its scenario has the injected fault
    const plain = ConsoleRun.load({ ...settings, log: log.slice(0, 4) }, Infinity, { checkpointEvery: 100 }).run;
    const c = plain.checkpoints.find((k) => k.t >= W + 200)!;
    expect(ConsoleRun.serves(c, log.slice(0, 4))).toBe(true);
    expect(ConsoleRun.serves(c, log.slice(0, 3))).toBe(false); // it took an action this log lacks
    expect(ConsoleRun.serves(c, log)).toBe(false); // this log injects a fault its scenario lacks
    expect(() => ConsoleRun.resume({ ...settings, log: log.slice(0, 3) }, c)).toThrow(/another run/);
  }, 400_000);

  it('the console rewinds from the nearest checkpoint: the page keeps its frames up to it and gets the same frames after', () => {
    const posted: FromWorker[] = [];
    const host = new ConsoleHost((m) => posted.push(m));
    host.handle({ type: 'load', source: settings.source, seed: settings.seed, warmupSeconds: W, log: log.slice(0, 4), runTo: Infinity });
    const loaded = posted.find((m) => m.type === 'loaded')! as Extract<FromWorker, { type: 'loaded' }>;
    expect(loaded.keepUpTo).toBeUndefined();
    // A long load sends its first frames as history batches before 'loaded'.
    const all: Frame[] = posted.flatMap((m) => (m.type === 'history' || m.type === 'loaded' ? m.frames : []));
    expect(all.map((f) => f.t)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    posted.length = 0;
    // The checkpoints this load skipped are built in the background (the worker gives it slices).
    while (host.busyInBackground) host.background(50);
    host.handle({ type: 'seek', t: W + 420 });
    const rewound = posted.find((m) => m.type === 'loaded') as Extract<FromWorker, { type: 'loaded' }>;
    // Checkpoints every 300 s: the one at 300 is the nearest before T=540.
    expect(rewound.keepUpTo).toBe(300);
    expect(rewound.frames).toEqual(all.filter((f) => f.t > 300 && f.t <= W + 420));
    expect(rewound.clock.t).toBe(W + 420);
    // Before the first checkpoint a rewind loads from the start.
    posted.length = 0;
    host.handle({ type: 'seek', t: 250 });
    const again = posted.find((m) => m.type === 'loaded') as Extract<FromWorker, { type: 'loaded' }>;
    expect(again.keepUpTo).toBeUndefined();
    expect(again.frames).toEqual(all.filter((f) => f.t <= 250));
  }, 400_000);
});
