/**
 * The debrief's and the rewind's speed, single thread, medians of several runs, before (every
 * replay from second zero) and after (replays start from checkpoints) in the same process.
 * `npx tsx bench/debrief.bench.ts` (add `--runs 5` for more, `--only c` for one part).
 *
 * (a) measured effects of a 60-minute drill (the Friday deploy stretched to an hour) with 10 system
 *     actions, after the console's 30-minute warm-up
 * (b) the whole debrief worker for that run: par and doing nothing, then the 10 replays (after only)
 * (c) rewind to a second: the console's seek, to the middle and to the last second of the hour
 * (d) replay of the shared run (load with its log to the end), and what keeping checkpoints costs
 * (e) checkpoint size (structured-clone bytes) and the time to take, clone and restore one
 */
import '../src/console/all-scenarios';
import { parseArgs } from 'node:util';
import { serialize } from 'node:v8';
import { measureEffectsNow } from '../src/console/debrief/effects';
import { DebriefHost, type FromDebrief } from '../src/console/debrief/host';
import { DEFAULT_WARMUP_SECONDS } from '../src/console/constants';
import { CHECKPOINT_EVERY_SECONDS } from '../src/console/checkpoints';
import { ConsoleRun, type RunSettings } from '../src/console/run';
import { isCommsAction } from '../src/console/protocol';
import { getScenario, Simulation, type SimulationSummary } from '../src/sim/index';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, only: { type: 'string', default: 'abcde' } } });
const RUNS = Math.max(1, Number(values.runs) | 0);
/** Which parts to run (`--only c`: just the rewinds). */
const ONLY = values.only;
const W = DEFAULT_WARMUP_SECONDS;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const hour = { ...getScenario('bad-deploy'), durationSeconds: 3600 };
const settings: RunSettings = { source: { kind: 'custom', scenario: hour }, seed: 42, warmupSeconds: W };
const actions = [
  { at: W + 420, action: { type: 'acknowledge' } },
  { at: W + 480, action: { type: 'scale', replicas: 6 } },
  { at: W + 600, action: { type: 'rollback' } },
  { at: W + 900, action: { type: 'scale', replicas: 5 } },
  { at: W + 1200, action: { type: 'scale', replicas: 7 } },
  { at: W + 1500, action: { type: 'scale', replicas: 4 } },
  { at: W + 1800, action: { type: 'scale', replicas: 6 } },
  { at: W + 2400, action: { type: 'scale', replicas: 3 } },
  { at: W + 3000, action: { type: 'scale', replicas: 5 } },
  { at: W + 3300, action: { type: 'scale', replicas: 4 } },
];

const { run } = ConsoleRun.load({ ...settings, log: actions }, Infinity, { checkpointEvery: CHECKPOINT_EVERY_SECONDS });
const summary = JSON.parse(run.summaryJson()) as SimulationSummary;
const log = run.log;
console.log(`60-minute drill, ${log.length} actions (${log.filter((l) => l.accepted).length} accepted), ${W / 60} min warm-up; ${RUNS} runs each`);

const time = (f: () => void) => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};
const secs = (ms: number) => (ms / 1000).toFixed(2);
const report = (label: string, xs: number[]) => console.log(`${label}: median ${secs(median(xs))} s (runs: ${xs.map(secs).join(', ')})`);

/** Before checkpoints: each run without one action replayed from second zero. */
function effectsFromZero(): void {
  for (const [i, l] of log.entries()) {
    if (!l.accepted || isCommsAction(l.action)) continue;
    ConsoleRun.load({ ...settings, log: log.filter((_, k) => k !== i).map((e) => ({ at: e.at, action: e.action })) }, run.end).run.summaryJson();
  }
}

if (ONLY.includes('a')) {
  const before: number[] = [];
  const after: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    before.push(time(effectsFromZero));
    after.push(time(() => measureEffectsNow(settings, log, run.end, summary)));
  }
  report('(a) measured effects, 10 actions, before (from zero)', before);
  report('(a) measured effects, 10 actions, after (checkpoints)', after);
}

if (ONLY.includes('b')) {
  const whole: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    whole.push(
      time(() => {
        let done = false;
        const queue: (() => void)[] = [];
        const host = new DebriefHost((m: FromDebrief) => (done ||= m.type === 'effects' || m.type === 'error'), (s) => queue.push(s));
        host.handle({ type: 'debrief', id: 1, ...settings, log, end: run.end, summary });
        while (!done && queue.length) queue.shift()!();
      }),
    );
  }
  report('(b) whole debrief (par, doing nothing, 10 replays), after', whole);
}

if (ONLY.includes('c')) {
  for (const t of [W + 1800, run.end]) {
    const prefix = log.filter((l) => l.at <= t).map((l) => ({ at: l.at, action: l.action }));
    const before: number[] = [];
    const after: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      before.push(time(() => ConsoleRun.load({ ...settings, log: prefix }, t)));
      after.push(time(() => ConsoleRun.resume({ ...settings, log: prefix }, run.checkpointFor(prefix, t)!, t)));
    }
    report(`(c) rewind to T+${Math.round((t - W) / 60)} min, before (from zero)`, before);
    report(`(c) rewind to T+${Math.round((t - W) / 60)} min, after (from the checkpoint at T+${Math.round((run.checkpointFor(prefix, t)!.t - W) / 60)} min)`, after);
  }
}

if (ONLY.includes('d')) {
  const plain: number[] = [];
  const kept: number[] = [];
  const first: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    plain.push(time(() => ConsoleRun.load({ ...settings, log }, Infinity)));
    kept.push(time(() => ConsoleRun.load({ ...settings, log }, Infinity, { checkpointEvery: CHECKPOINT_EVERY_SECONDS })));
    first.push(time(() => ConsoleRun.load({ ...settings, log }, W)));
  }
  report('(d) shared-run replay to the end (90 simulated min), no checkpoints', plain);
  report(`(d) shared-run replay to the end, keeping a checkpoint every ${CHECKPOINT_EVERY_SECONDS / 60} min`, kept);
  report('(d) shared-run replay: the warm-up only (frames up to the player\'s T+0)', first);
}

if (ONLY.includes('e')) {
  const kept = run.checkpoints;
  const sizes = kept.map((c) => serialize(c).length);
  console.log(`(e) ${kept.length} checkpoints kept over the run (every ${CHECKPOINT_EVERY_SECONDS / 60} min): ${(sizes.reduce((a, b) => a + b, 0) / 1e6).toFixed(1)} MB in all; one: ${(Math.min(...sizes) / 1e6).toFixed(2)} MB (T=${kept[0]!.t}) .. ${(Math.max(...sizes) / 1e6).toFixed(2)} MB (T=${kept.at(-1)!.t})`);
  const sim = new Simulation(run.scenario, { seed: settings.seed });
  sim.runUntil(run.end);
  const take: number[] = [];
  const clone: number[] = [];
  const restore: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let c = sim.checkpoint();
    take.push(time(() => (c = sim.checkpoint())));
    let copy = c;
    clone.push(time(() => (copy = structuredClone(c))));
    restore.push(time(() => Simulation.restore(copy)));
  }
  console.log(`(e) at the end of the run (${serialize(sim.checkpoint()).length / 1e6} MB): take ${median(take).toFixed(0)} ms, structuredClone ${median(clone).toFixed(0)} ms, restore ${median(restore).toFixed(0)} ms (medians)`);
}
