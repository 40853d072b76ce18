/**
 * The debrief's and the rewind's speed, single thread, medians of several runs, in the same process.
 * `npm run bench:debrief` (add `-- --runs 5` for more, `--only c` for one part, `--zero` to time
 * replays from second zero as well: slow). Times are wall clock and, in brackets, this process's CPU
 * time: on a shared machine the CPU time is the steadier figure.
 *
 * (a) measured effects of a 60-minute drill (the Friday deploy stretched to an hour) with 10 system
 *     actions, after the console's 30-minute warm-up: the pass from second zero, and from the
 *     checkpoints the console kept during the run (what the page does)
 * (b) the whole debrief worker for that run: par and doing nothing, then the 10 replays (after only)
 * (c) rewind to a second: the console's seek, to the middle and to the last second of the hour
 * (d) replay of the shared run (load with its log to the end), and what keeping checkpoints costs
 * (e) checkpoint size (structured-clone bytes) and the time to take, clone and restore one
 * (f) the whole debrief as the page runs it on a machine with two cores: two worker threads, the
 *     replays shared between them, the checkpoints posted to both (wall clock only)
 * (g) the two reference runs (par, doing nothing): one run shared up to par's first action
 *     (referenceRuns) against two separate runs, each from second zero and each from the latest
 *     of the console's checkpoints that serves it; rounds interleaved, CPU time compared
 */
import '../src/console/all-scenarios';
import { parseArgs } from 'node:util';
import { serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { measureEffectsNow } from '../src/console/debrief/effects';
import { parLog, referenceRuns } from '../src/console/debrief/references';
import { DebriefHost, type FromDebrief } from '../src/console/debrief/host';
import { DEFAULT_WARMUP_SECONDS } from '../src/console/constants';
import { CHECKPOINT_BYTES_KEPT, CHECKPOINT_EVERY_SECONDS, type RunCheckpoint } from '../src/console/checkpoints';
import { ConsoleRun, type RunSettings } from '../src/console/run';
import { isCommsAction } from '../src/console/protocol';
import { getScenario, Simulation, type SimulationSummary } from '../src/sim/index';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, only: { type: 'string', default: 'abcdefg' }, zero: { type: 'boolean', default: false } } });
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

/** CPU milliseconds of the timings taken, by their wall-clock result (both reported). */
const cpuOf = new Map<number[], number[]>();
let lastCpu = 0;
const time = (f: () => void) => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  lastCpu = (c.user + c.system) / 1000;
  return wall;
};
/** Like `time`, and keeps the CPU time beside the wall time in `xs`. */
const timeInto = (xs: number[], f: () => void) => {
  xs.push(time(f));
  const cpu = cpuOf.get(xs) ?? [];
  cpu.push(lastCpu);
  cpuOf.set(xs, cpu);
};
const secs = (ms: number) => (ms / 1000).toFixed(2);
const report = (label: string, xs: number[]) => {
  const cpu = cpuOf.get(xs);
  const cpuText = cpu ? ` [CPU median ${secs(median(cpu))} s: ${cpu.map(secs).join(', ')}]` : '';
  console.log(`${label}: median ${secs(median(xs))} s (runs: ${xs.map(secs).join(', ')})${cpuText}`);
};

/** Before checkpoints: each run without one action replayed from second zero. */
function effectsFromZero(): void {
  for (const [i, l] of log.entries()) {
    if (!l.accepted || isCommsAction(l.action)) continue;
    ConsoleRun.load({ ...settings, log: log.filter((_, k) => k !== i).map((e) => ({ at: e.at, action: e.action })) }, run.end).run.summaryJson();
  }
}

if (ONLY.includes('a')) {
  const zero: number[] = [];
  const pass: number[] = [];
  const kept: number[] = [];
  const checkpoints = structuredClone([...run.checkpoints]);
  for (let i = 0; i < RUNS; i++) {
    if (values.zero) timeInto(zero, effectsFromZero);
    timeInto(pass, () => measureEffectsNow(settings, log, run.end, summary));
    timeInto(kept, () => measureEffectsNow(settings, log, run.end, summary, checkpoints));
  }
  if (values.zero) report('(a) measured effects, 10 actions, each replay from second zero', zero);
  report('(a) measured effects, 10 actions, from a pass of the log from second zero', pass);
  report(`(a) measured effects, 10 actions, from the console's ${checkpoints.length} checkpoints`, kept);
}

if (ONLY.includes('b')) {
  const whole: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    timeInto(
      whole,
      () => {
        let done = false;
        const queue: (() => void)[] = [];
        const host = new DebriefHost((m: FromDebrief) => (done ||= m.type === 'effects' || m.type === 'error'), (s) => queue.push(s));
        host.handle({ type: 'debrief', id: 1, ...settings, log, end: run.end, summary, checkpoints: structuredClone([...run.checkpoints]) });
        while (!done && queue.length) queue.shift()!();
      },
    );
  }
  report("(b) whole debrief (par, doing nothing, 10 replays), from the console's checkpoints", whole);
}

if (ONLY.includes('c')) {
  // The worst rewind: to the second before a kept checkpoint, after the widest gap between two.
  const kept = run.checkpoints;
  let widest = 1;
  for (let i = 2; i < kept.length; i++) if (kept[i]!.t - kept[i - 1]!.t >= kept[widest]!.t - kept[widest - 1]!.t) widest = i;
  const worst = Math.max(W, kept[widest]!.t - 1);
  console.log(`(c) kept checkpoints at T+ ${kept.map((c) => Math.round((c.t - W) / 60)).join(', ')} min; the worst rewind is to T+${((worst - W) / 60).toFixed(1)} min`);
  for (const t of [W + 1800, run.end, worst]) {
    const prefix = log.filter((l) => l.at <= t).map((l) => ({ at: l.at, action: l.action }));
    const before: number[] = [];
    const after: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      timeInto(before, () => ConsoleRun.load({ ...settings, log: prefix }, t));
      timeInto(after, () => ConsoleRun.resume({ ...settings, log: prefix }, run.checkpointFor(prefix, t)!, t));
    }
    report(`(c) rewind to T+${((t - W) / 60).toFixed(1)} min, before (from zero)`, before);
    report(`(c) rewind to T+${((t - W) / 60).toFixed(1)} min, after (from the checkpoint at T+${Math.round((run.checkpointFor(prefix, t)!.t - W) / 60)} min)`, after);
  }
}

if (ONLY.includes('d')) {
  const plain: number[] = [];
  const kept: number[] = [];
  const first: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    timeInto(plain, () => ConsoleRun.load({ ...settings, log }, Infinity));
    timeInto(kept, () => ConsoleRun.load({ ...settings, log }, Infinity, { checkpointEvery: CHECKPOINT_EVERY_SECONDS }));
    timeInto(first, () => ConsoleRun.load({ ...settings, log }, W));
  }
  report('(d) shared-run replay to the end (90 simulated min), no checkpoints', plain);
  report(`(d) shared-run replay to the end, keeping a checkpoint every ${CHECKPOINT_EVERY_SECONDS / 60} min`, kept);
  report('(d) shared-run replay: the warm-up only (frames up to the player\'s T+0)', first);
}

if (ONLY.includes('e')) {
  const kept = run.checkpoints;
  const sizes = kept.map((c) => serialize(c).length);
  console.log(`(e) ${kept.length} checkpoints kept over the run (every ${CHECKPOINT_EVERY_SECONDS / 60} min, at most ${CHECKPOINT_BYTES_KEPT / 1e6} MB): ${(sizes.reduce((a, b) => a + b, 0) / 1e6).toFixed(1)} MB in all; one: ${(Math.min(...sizes) / 1e6).toFixed(2)} MB (T=${kept[0]!.t}) .. ${(Math.max(...sizes) / 1e6).toFixed(2)} MB (T=${kept.at(-1)!.t})`);
  const sim = new Simulation(run.scenario, { seed: settings.seed });
  sim.runUntil(run.end);
  const take: number[] = [];
  const clone: number[] = [];
  const restore: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let c = sim.checkpoint();
    timeInto(take, () => (c = sim.checkpoint()));
    let copy = c;
    timeInto(clone, () => (copy = structuredClone(c)));
    timeInto(restore, () => Simulation.restore(copy));
  }
  console.log(`(e) at the end of the run (${serialize(sim.checkpoint()).length / 1e6} MB): take ${median(take).toFixed(0)} ms, structuredClone ${median(clone).toFixed(0)} ms, restore ${median(restore).toFixed(0)} ms (medians)`);
}

/** The whole debrief on two worker threads, forwarding the helper's effects to the lead as the page does. */
async function twoWorkers(): Promise<{ wall: number; cpu: number[] }> {
  const spawn = () => new Worker(new URL('./debrief-thread.ts', import.meta.url), { execArgv: ['--import', 'tsx'] });
  const lead = spawn();
  const helper = spawn();
  // Started and warm before the clock starts, as the page's workers are while the learner reads.
  await Promise.all([lead, helper].map((w) => new Promise((ok) => w.once('online', ok))));
  const request = { type: 'debrief' as const, id: 1, ...settings, log, end: run.end, summary, checkpoints: [...run.checkpoints] };
  const t0 = performance.now();
  const cpu: number[] = [];
  const onCpu = (m: { type: string; ms?: number }) => m.type === 'cpu' && cpu.push(m.ms!);
  lead.on('message', onCpu);
  helper.on('message', onCpu);
  const done = new Promise<void>((resolve, reject) => {
    lead.on('message', (m: FromDebrief) => {
      if (m.type === 'effects') resolve();
      if (m.type === 'error') reject(new Error(m.message));
    });
    helper.on('message', (m: FromDebrief) => {
      if (m.type === 'part') lead.postMessage({ type: 'effects-from', id: 1, part: 1, effects: m.effects });
      if (m.type === 'error') reject(new Error(m.message));
    });
  });
  lead.postMessage({ ...request, share: { part: 0, parts: 2 } });
  helper.postMessage({ ...request, share: { part: 1, parts: 2 } });
  await done;
  const wall = performance.now() - t0;
  await new Promise((ok) => setTimeout(ok, 50)); // the lead's CPU report follows its answer
  await Promise.all([lead.terminate(), helper.terminate()]);
  return { wall, cpu };
}

if (ONLY.includes('f')) {
  const walls: number[] = [];
  const busiest: number[] = [];
  const threads: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { wall, cpu } = await twoWorkers();
    walls.push(wall);
    busiest.push(Math.max(...cpu));
    threads.push(cpu.map(secs).join(' + '));
  }
  report('(f) whole debrief (par, doing nothing, 10 replays) on two worker threads, from the checkpoints', walls);
  // On two free cores the debrief takes about as long as its busier thread's CPU time.
  console.log(`(f) CPU time of the busier thread: median ${secs(median(busiest))} s (threads per run: ${threads.join('; ')})`);
}

/** Par and doing nothing as two runs of their own, each from the latest kept checkpoint that serves its log. */
function separateReferences(kept: readonly RunCheckpoint[]): string[] {
  return [parLog(settings), []].map((refLog) => {
    const s = { ...settings, log: refLog };
    let from: RunCheckpoint | null = null;
    for (const c of kept) if ((!from || c.t > from.t) && ConsoleRun.serves(c, refLog)) from = c;
    const options = { frames: false, checkpointEvery: 0 } as const;
    return (from ? ConsoleRun.resume(s, from, Infinity, options) : ConsoleRun.load(s, Infinity, options)).run.summaryJson();
  });
}

if (ONLY.includes('g')) {
  const kept = structuredClone([...run.checkpoints]);
  const shared = (from: readonly RunCheckpoint[]) => {
    const refs = referenceRuns(settings, from);
    return [JSON.stringify(refs.par()), JSON.stringify(refs.doNothing())];
  };
  const variants: [string, () => string[]][] = [
    ['shared prefix (referenceRuns), from second zero', () => shared([])],
    ['two separate runs, from second zero', () => separateReferences([])],
    ["shared prefix (referenceRuns), from the console's checkpoints", () => shared(kept)],
    ["two separate runs, each from the latest of the console's checkpoints that serves it", () => separateReferences(kept)],
  ];
  const first = parLog(settings)[0]!.at;
  const servesNothing = kept.filter((c) => c.t <= first && ConsoleRun.serves(c, []));
  console.log(`(g) par's first action at T+${(first - W) / 60} min; the latest kept checkpoint doing nothing can start from: T+${servesNothing.length ? (servesNothing.at(-1)!.t - W) / 60 : '(none)'} min`);
  const times = variants.map((): number[] => []);
  let expected: string | null = null;
  for (let i = 0; i < RUNS; i++) {
    // Each round runs every variant once, starting with a different one, so a busy spell on the machine falls on all.
    for (let k = 0; k < variants.length; k++) {
      const v = (i + k) % variants.length;
      let out: string[] = [];
      timeInto(times[v]!, () => (out = variants[v]![1]()));
      const joined = out.join('\n');
      expected ??= joined;
      if (joined !== expected) throw new Error(`(g) ${variants[v]![0]} gave other summaries than the first variant run`);
    }
  }
  variants.forEach(([label], v) => report(`(g) par and doing nothing, ${label}`, times[v]!));
  const cpu = times.map((xs) => median(cpuOf.get(xs)!));
  console.log(`(g) CPU ratio shared/separate: from second zero ${(cpu[0]! / cpu[1]!).toFixed(3)}, from the console's checkpoints ${(cpu[2]! / cpu[3]!).toFixed(3)}`);
}
