import { describe, expect, it } from 'vitest';
import { ConsoleRun, type RunSettings } from '../../../src/console/run';
import { ConsoleHost } from '../../../src/console/host';
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
    const all: Frame[] = loaded.frames;
    posted.length = 0;
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
