/**
 * The debrief's speed, single thread, medians of several runs. `npx tsx bench/debrief.bench.ts`
 * (add `--runs 5` for more, `--only c` for one part).
 *
 * (a) measured effects of a 60-minute drill (the Friday deploy stretched to an hour) with 10 system
 *     actions, after the console's 30-minute warm-up: 10 replays of 90 simulated minutes
 * (b) the whole debrief worker for that run: par and doing nothing, then the 10 replays
 * (c) rewind to a second: reload the run with the actions up to it and play to it (the console's
 *     seek), to the middle and to the last second of the hour
 */
import { parseArgs } from 'node:util';
import { measureEffectsNow } from '../src/console/debrief/effects';
import { DebriefHost, type FromDebrief } from '../src/console/debrief/host';
import { DEFAULT_WARMUP_SECONDS } from '../src/console/constants';
import { ConsoleRun, type RunSettings } from '../src/console/run';
import { getScenario, type SimulationSummary } from '../src/sim/index';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, only: { type: 'string', default: 'abc' } } });
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

const { run } = ConsoleRun.load({ ...settings, log: actions }, Infinity);
const summary = JSON.parse(run.summaryJson()) as SimulationSummary;
const log = run.log;
console.log(`60-minute drill, ${log.length} actions (${log.filter((l) => l.accepted).length} accepted), ${W / 60} min warm-up; ${RUNS} runs each`);

const time = (f: () => void) => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

const effects: number[] = [];
for (let i = 0; ONLY.includes('a') && i < RUNS; i++) effects.push(time(() => measureEffectsNow(settings, log, run.end, summary)));
if (ONLY.includes('a')) console.log(`(a) measured effects, 10 replays: median ${(median(effects) / 1000).toFixed(2)} s (runs: ${effects.map((t) => (t / 1000).toFixed(2)).join(', ')})`);

const whole: number[] = [];
for (let i = 0; ONLY.includes('b') && i < RUNS; i++) {
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
if (ONLY.includes('b')) console.log(`(b) whole debrief (par, doing nothing, 10 replays): median ${(median(whole) / 1000).toFixed(2)} s`);

for (const t of ONLY.includes('c') ? [W + 1800, run.end] : []) {
  const rewinds: number[] = [];
  for (let i = 0; i < RUNS; i++) rewinds.push(time(() => ConsoleRun.load({ ...settings, log: log.filter((l) => l.at <= t) }, t)));
  console.log(`(c) rewind to T+${Math.round((t - W) / 60)} min: median ${(median(rewinds) / 1000).toFixed(2)} s`);
}
