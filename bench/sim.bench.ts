/**
 * Simulator throughput: simulated requests per wall-clock second, single thread, medians of several
 * runs after a warm-up. `npm run bench:sim` (add `-- --runs 9` for more runs, `-- --only c` for (c) alone).
 *
 * (a)  queue lab, 2 servers (M/M/2 at 80% utilisation)
 * (a') the same lab at the SPECS vector's own rates (8/s): the per-second telemetry close is a larger
 *      share of the work when each simulated second holds few requests
 * (b)  the full default topology (baseline scenario) with telemetry on: per-second RED/USE series,
 *      SLO, burn-rate alerts, sampled logs, xstate control plane
 * ref  a minimal hand-written M/M/c loop (Lindley recursion over c server-free times), same process
 * (c)  a restored run against a straight one over the same simulated span: the bad-deploy hour
 *      with five actions, T=3000 s to T=4200 s, once continued by the run that got there and once by
 *      a run restored from that run's checkpoint at T=3000 s (structured-cloned, as a worker gets
 *      it); CPU time, interleaved rounds. A restored run should be within ~5% of a straight one.
 */
import { parseArgs } from 'node:util';
import { createSimulation, getScenario, runQueueLab, Simulation } from '../src/sim/index';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, only: { type: 'string', default: 'abc' } } });
const RUNS = Math.max(1, Number(values.runs) | 0);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The reference: FIFO M/M/c without any framework, ~10 lines of arithmetic per request. */
function referenceMmc(lambda: number, mu: number, c: number, n: number): number {
  let s = 0x9e3779b9 >>> 0;
  const rnd = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) + 1) / 4294967297;
  };
  const free = new Float64Array(c);
  let t = 0;
  let sumW = 0;
  for (let i = 0; i < n; i++) {
    t += -Math.log(rnd()) / lambda;
    let k = 0;
    for (let j = 1; j < c; j++) if (free[j]! < free[k]!) k = j;
    const start = free[k]! > t ? free[k]! : t;
    const done = start - Math.log(rnd()) / mu;
    free[k] = done;
    sumW += done - t;
  }
  return sumW / n;
}

interface Case {
  name: string;
  run: () => number; // returns simulated requests
}

const cases: Case[] = [
  {
    name: '(a)  queue lab, 2 servers, lambda 8000/s mu 5000/s',
    run: () => runQueueLab({ arrivalRate: 8000, serviceRate: 5000, servers: 2, durationSeconds: 250 }, 1).summary.requests,
  },
  {
    name: "(a') queue lab, 2 servers, lambda 8/s mu 5/s",
    run: () => runQueueLab({ arrivalRate: 8, serviceRate: 5, servers: 2, durationSeconds: 100_000 }, 1).summary.requests,
  },
  {
    name: '(b)  default topology + telemetry, 200 req/s',
    run: () => {
      const sim = createSimulation(getScenario('baseline'), { seed: 1 });
      sim.runUntil(7200);
      return sim.summary().requests;
    },
  },
  {
    name: 'ref  hand-written M/M/c loop',
    run: () => {
      const n = 5_000_000;
      referenceMmc(8, 5, 2, n);
      return n;
    },
  },
];

// Rounds interleave the cases so that load from other processes hits them alike; each case's ratio to
// the reference is taken within a round. Wall-clock rates are the headline; CPU-time rates (user +
// system of this process) are printed too, because on a shared machine wall time includes waiting.
const wall = new Map<string, number[]>(cases.map((c) => [c.name, []]));
const cpu = new Map<string, number[]>(cases.map((c) => [c.name, []]));
const ratios = new Map<string, number[]>(cases.map((c) => [c.name, []]));
const RATES = values.only.includes('a') || values.only.includes('b');
if (RATES) for (const c of cases) c.run(); // warm-up: JIT and allocation
for (let r = 0; r < (RATES ? RUNS : 0); r++) {
  const round = new Map<string, number>();
  for (const c of cases) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const n = c.run();
    const dt = (performance.now() - t0) / 1000;
    const used = process.cpuUsage(c0);
    wall.get(c.name)!.push(n / dt);
    cpu.get(c.name)!.push(n / ((used.user + used.system) / 1e6));
    round.set(c.name, n / dt);
  }
  const refRate = round.get(cases[3]!.name)!;
  for (const c of cases) ratios.get(c.name)!.push(round.get(c.name)! / refRate);
}

const fmt = (x: number) => `${(x / 1e6).toFixed(2)} M/s`;
if (RATES) {
console.log(`simulator benchmark: medians of ${RUNS} interleaved rounds after one warm-up, Node ${process.version}`);
console.log(`${'case'.padEnd(52)} ${'wall'.padStart(10)} ${'cpu'.padStart(10)}  ratio to ref (wall)`);
for (const c of cases) {
  const w = median(wall.get(c.name)!);
  const u = median(cpu.get(c.name)!);
  const ratio = c === cases[3] ? '' : `${median(ratios.get(c.name)!).toFixed(3)} (1 : ${(1 / median(ratios.get(c.name)!)).toFixed(1)})`;
  console.log(`${c.name.padEnd(52)} ${fmt(w).padStart(10)} ${fmt(u).padStart(10)}  ${ratio}`);
}
const targets: Array<[string, number]> = [
  [cases[0]!.name, 2e6],
  [cases[2]!.name, 1e6],
];
for (const [name, target] of targets) {
  const w = median(wall.get(name)!);
  const u = median(cpu.get(name)!);
  console.log(`target ${name.slice(0, 4).trim()} >= ${fmt(target)}: wall ${w >= target ? 'met' : 'not met'}, cpu ${u >= target ? 'met' : 'not met'}`);
}
}

// (c) restored vs straight over the same span. Both continue from T0 in the same process, so the
// JIT has seen straight runs before the restored ones (as in the debrief worker: par first).
if (values.only.includes('c')) {
  const W = 1800;
  const hour = { ...getScenario('bad-deploy'), durationSeconds: 3600 };
  const actions = [
    { at: W + 420, action: { type: 'acknowledge' as const } },
    { at: W + 480, action: { type: 'scale' as const, replicas: 6 } },
    { at: W + 600, action: { type: 'rollback' as const } },
    { at: W + 900, action: { type: 'scale' as const, replicas: 5 } },
    { at: W + 1500, action: { type: 'scale' as const, replicas: 7 } },
  ];
  const T0 = W + 1200;
  const T1 = W + 2400;
  const straightTo = () => {
    const sim = new Simulation(hour, { seed: 42, actions });
    sim.runUntil(T0);
    return sim;
  };
  const checkpoint = structuredClone(straightTo().checkpoint());
  const cpuMs = (f: () => void) => {
    const c0 = process.cpuUsage();
    f();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  const straight: number[] = [];
  const restored: number[] = [];
  const ratio: number[] = [];
  const restoring: number[] = [];
  // One of each first: the first restore meets code compiled for straight runs' constant fields.
  let firstRestored = 0;
  {
    const s = straightTo();
    cpuMs(() => s.runUntil(T1));
    const r = Simulation.restore(checkpoint);
    firstRestored = cpuMs(() => r.runUntil(T1));
  }
  for (let r = 0; r < RUNS; r++) {
    const s = straightTo();
    const a = cpuMs(() => s.runUntil(T1));
    let run: Simulation | null = null;
    restoring.push(cpuMs(() => (run = Simulation.restore(checkpoint))));
    const b = cpuMs(() => run!.runUntil(T1));
    straight.push(a);
    restored.push(b);
    ratio.push(b / a);
  }
  const span = T1 - T0;
  const rate = (ms: number) => `${Math.round(span / (ms / 1000))} sim s/s`;
  console.log(`(c)  ${span / 60} simulated min of the bad-deploy hour (T=${T0}..${T1}), CPU medians of ${RUNS} interleaved rounds:`);
  console.log(`     straight ${median(straight).toFixed(0)} ms (${rate(median(straight))}), restored ${median(restored).toFixed(0)} ms (${rate(median(restored))}); restored/straight ${median(ratio).toFixed(3)} (per round: ${ratio.map((x) => x.toFixed(2)).join(', ')}); the restore itself ${median(restoring).toFixed(0)} ms; the first restored run ${firstRestored.toFixed(0)} ms`);
}
