/**
 * The canary judge's latest verdict, read from the frames: when it was given, and per metric what
 * the test saw and could have seen (canary-power.ts). The simulator's judgement carries ratios and
 * z scores but not its sample counts, so the requests each arm served are estimated from the
 * traffic the canary had during the analysis window: service rate x canary weight, second by second.
 */
import { explainJudgement, isJudgement, JUDGE, sigmaFromPercentiles, type JudgementLike, type MetricVerdict } from './canary-power';
import type { Frame, LoggedAction } from './protocol';

export interface CanaryView {
  judgedAt: number;
  verdict: JudgementLike['verdict'];
  score: number;
  rows: MetricVerdict[];
}

const same = (a: JudgementLike, b: JudgementLike) => a.score === b.score && a.errors.z === b.errors.z && a.latency.z === b.latency.z && a.verdict === b.verdict;

/** The analysis window the player's last canary deploy asked for (the simulator's default otherwise). */
function analysisSeconds(log: readonly LoggedAction[]): number {
  for (let i = log.length - 1; i >= 0; i--) {
    const a = log[i]!.action;
    if (a.type === 'deploy' && a.strategy === 'canary') return a.analysisSeconds;
  }
  return 60;
}

export function canaryView(frames: readonly Frame[], log: readonly LoggedAction[]): CanaryView | null {
  let i = frames.length - 1;
  const last = frames[i]?.deployment.judgement;
  if (!isJudgement(last)) return null;
  // Walk back to the first frame that carried this judgement: the second it was given.
  while (i > 0) {
    const prev = frames[i - 1]!.deployment.judgement;
    if (!isJudgement(prev) || !same(prev, last)) break;
    i--;
  }
  const judgedAt = frames[i]!.t;
  const window = analysisSeconds(log);
  let requests = 0;
  let successes = 0;
  let p50 = 0;
  let p95 = 0;
  let n = 0;
  for (let k = i; k >= 0 && frames[k]!.t > judgedAt - window; k--) {
    const f = frames[k]!;
    const w = f.deployment.weight / 100;
    // The baseline arm gets as many users as the canary, up to half (src/sim/core/controlplane.ts).
    requests += f.service.rate * Math.min(w, 1 - w);
    successes += (f.service.rate - f.service.errors) * Math.min(w, 1 - w);
    if (f.service.p50Ms > 0 && f.service.p95Ms > 0) {
      p50 += f.service.p50Ms;
      p95 += f.service.p95Ms;
      n++;
    }
  }
  const sigma = n ? sigmaFromPercentiles(p50 / n, p95 / n) : null;
  return {
    judgedAt,
    verdict: last.verdict,
    score: last.score,
    rows: explainJudgement(last, { requests, latencies: Math.min(JUDGE.latencyReservoir, successes) }, sigma),
  };
}
