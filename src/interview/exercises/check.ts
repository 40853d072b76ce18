/**
 * Checks a design exercise's numbers in the simulator's labs. Pure TypeScript and fast (a lab run of
 * ten simulated minutes takes well under a second), so the page runs it in the browser.
 */
import { queueLabTheory, runCacheLab, runQueueLab } from '../../sim/index';
import type { EstimateStep, LabCheck } from './schema';

export interface QueueRun {
  servers: number;
  p99Ms: number;
  meanMs: number;
  utilisationPercent: number;
  shedPercent: number;
}

export interface CheckResult {
  ok: boolean;
  /** What the lab measured that the answer is judged on. */
  measured: number;
  /** One or two sentences for the learner. */
  message: string;
  /** Queue lab runs behind the verdict (the answer's, and the course's answer for comparison). */
  runs: QueueRun[];
}

const LAB_SEED = 1;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export function queueRun(arrivalRate: number, serviceRate: number, servers: number, durationSeconds: number, queueLimit: number | null = null): QueueRun {
  const { summary } = runQueueLab({ arrivalRate, serviceRate, servers, durationSeconds, queueLimit }, LAB_SEED);
  const busy = summary.timeAverage.inSystem - summary.timeAverage.inQueue;
  return {
    servers,
    p99Ms: round(summary.latencyMs.p99),
    meanMs: round(summary.latencyMs.mean),
    utilisationPercent: round((busy / servers) * 100),
    shedPercent: summary.requests > 0 ? round(((summary.shed + summary.errors) / summary.requests) * 100) : 0,
  };
}

/** The figure a queue-metric check compares the answer with. */
export function measure(check: Extract<LabCheck, { lab: 'queue-metric' }>): { value: number; run: QueueRun } {
  const run = queueRun(check.arrivalRate, check.serviceRate, check.servers, check.durationSeconds, check.queueLimit);
  const value =
    check.metric === 'busy-servers' ? round((run.utilisationPercent / 100) * check.servers, 2) : check.metric === 'utilisation-percent' ? run.utilisationPercent : check.metric === 'shed-percent' ? run.shedPercent : run.p99Ms;
  return { value, run };
}

export const MAX_SERVERS = 1000;

export function checkEstimate(step: EstimateStep, answer: number): CheckResult {
  if (!Number.isFinite(answer)) return { ok: false, measured: Number.NaN, message: 'Enter a number first.', runs: [] };
  const c = step.check;
  switch (c.lab) {
    case 'queue-servers': {
      const servers = Math.round(answer);
      if (servers !== answer || servers < 1 || servers > MAX_SERVERS) {
        return { ok: false, measured: Number.NaN, message: `Enter a whole number of ${step.unit} from 1 to ${MAX_SERVERS}.`, runs: [] };
      }
      const reference = queueRun(c.arrivalRate, c.serviceRate, step.reference, c.durationSeconds);
      const theory = queueLabTheory({ arrivalRate: c.arrivalRate, serviceRate: c.serviceRate, servers });
      if (!theory.stable) {
        return {
          ok: false,
          measured: Infinity,
          message: `With ${servers} ${step.unit} the load is ${round((theory.rho ?? 0) * 100)}% of capacity: the queue grows without bound and p99 with it. You need more than ${round(c.arrivalRate / c.serviceRate, 2)} just to keep up.`,
          runs: [reference],
        };
      }
      const run = queueRun(c.arrivalRate, c.serviceRate, servers, c.durationSeconds);
      const ok = run.p99Ms <= c.p99TargetMs;
      const runs = servers === step.reference ? [run] : [run, reference].sort((a, b) => a.servers - b.servers);
      return {
        ok,
        measured: run.p99Ms,
        message: ok
          ? `With ${servers} ${step.unit} the lab measured p99 ${run.p99Ms} ms at ${run.utilisationPercent}% utilisation: within the ${c.p99TargetMs} ms target.${servers > step.reference ? ` ${step.reference} would also do.` : ''}`
          : `With ${servers} ${step.unit} the lab measured p99 ${run.p99Ms} ms at ${run.utilisationPercent}% utilisation: over the ${c.p99TargetMs} ms target.`,
        runs,
      };
    }
    case 'queue-metric': {
      const { value, run } = measure(c);
      const ok = Math.abs(answer - value) <= c.tolerance;
      return { ok, measured: value, message: `The lab measured ${value} ${step.unit}; you said ${answer}. ${ok ? 'Close enough' : 'Outside'} (within ${c.tolerance} counts).`, runs: [run] };
    }
    case 'cache-hit-ratio': {
      const r = runCacheLab({ keys: c.keys, zipf: c.zipf, capacity: c.capacity, requests: c.requests, rate: c.rate }, LAB_SEED);
      const value = round(r.steadyStateHitRatio * 100);
      const ok = Math.abs(answer - value) <= c.tolerance;
      const che = r.theory.cheHitRatio === null ? '' : ` The Che approximation predicts ${round(r.theory.cheHitRatio * 100)}%.`;
      return { ok, measured: value, message: `The lab measured a steady-state hit ratio of ${value}%; you said ${answer}%. ${ok ? 'Close enough' : 'Outside'} (within ${c.tolerance} points).${che}`, runs: [] };
    }
  }
}
