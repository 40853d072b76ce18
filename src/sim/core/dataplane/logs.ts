import type { DataPlane } from './state';
import * as codes from './codes';

// Local copies of hot constants (see codes.ts).
const { VERDICT_STATUS, V_LIMITED, V_OK, V_SHED, V_TIMEOUT } = codes;

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * Writes the log line of attempt `a`'s answer: every error (up to the per-second cap), and the
 * successes the caller sampled. `service` names the edge when no instance took the attempt.
 */
export function logAnswer(dp: DataPlane, a: number, verdict: number, latency: number, why: string, service: string): void {
  const error = verdict !== V_OK;
  if (error && !dp.logs.errorSlot()) return;
  const at = dp.attempts;
  const L = at.logical[a]!;
  const inst = at.instance[a]! >= 0 ? dp.instances[at.instance[a]!]! : null;
  dp.logs.write({
    t: round6(dp.sched.now),
    level: error ? (verdict === V_TIMEOUT || verdict === V_SHED || verdict === V_LIMITED ? 'warn' : 'error') : 'info',
    service: inst ? dp.scenario.topology.service.id : service,
    instance: inst ? inst.name : null,
    route: dp.routeIds[at.route[a]!]!,
    status: VERDICT_STATUS[verdict]!,
    latencyMs: round6(latency * 1000),
    attempt: dp.logical.attempts[L]!,
    correlationId: `req-${dp.sources[at.source[a]!]!.config.id}-${at.logicalSerial[a]!.toString(36)}`,
    msg: why,
  });
}
