import { backoffDelay } from '../../model/retry';
import { toMicros } from '../../telemetry/histogram';
import { sampleGap } from '../../telemetry/logs';

import { area, type DataPlane } from './state';
import { logAnswer } from './logs';
import * as kinds from '../events';
import * as codes from './codes';

// Local copies of hot constants (see codes.ts).
const { K_RETRY } = kinds;
const { V_LIMITED, V_OK, V_SHED, V_TIMEOUT, V_UNAVAILABLE } = codes;

/** Whether attempt `a` is still the one its client waits for. */
export function attached(dp: DataPlane, a: number): boolean {
  const L = dp.attempts.logical[a]!;
  return dp.logical.serial[L] === dp.attempts.logicalSerial[a] && dp.logical.attempt[L] === a;
}

/**
 * The client receives the result of attempt `a` (if it is still waiting for it). Telemetry at the
 * edge and the SLO count exactly these client-visible outcomes; then the client retries or is done.
 */
export function respond(dp: DataPlane, a: number, verdict: number, why: string): void {
  if (!attached(dp, a)) return;
  const now = dp.sched.now;
  const at = dp.attempts;
  const L = at.logical[a]!;
  const latency = now - at.start[a]!;
  const ok = verdict === V_OK;
  dp.edge.record(toMicros(latency), !ok);
  dp.slo.record(ok, latency > dp.slo.threshold);
  const src = dp.sources[at.source[a]!]!;
  if (src.retry.adaptiveThrottleK !== null && verdict !== V_SHED && verdict !== V_LIMITED && verdict !== V_UNAVAILABLE) {
    src.noteAccept(now);
  }
  if (src.throttle !== null) {
    if (ok) src.throttle.onSuccess();
    else src.throttle.onFailure();
  }
  if (!ok) logAnswer(dp, a, verdict, latency, why, 'edge');
  else if (--dp.logSkip < 0) {
    logAnswer(dp, a, verdict, latency, why, 'edge');
    dp.logSkip = sampleGap(dp.rngLog, dp.logSampleRate);
  }
  dp.logical.attempt[L] = -1;
  if (ok) finishLogical(dp, L, V_OK);
  else retryOrFail(dp, L, verdict);
}

function retryOrFail(dp: DataPlane, L: number, verdict: number): void {
  const lg = dp.logical;
  const src = dp.sources[lg.source[L]!]!;
  const policy = src.retry.backoff;
  let retry = policy.kind !== 'none' && lg.attempts[L]! < policy.maxAttempts;
  if (retry) {
    const on = policy.retryOn;
    retry = verdict === V_TIMEOUT ? on.timeout : verdict === V_SHED || verdict === V_LIMITED ? on.shed : on.error;
  }
  if (retry && src.throttle !== null && !src.throttle.allowsRetry()) retry = false;
  if (retry && src.budget !== null && !src.budget.tryWithdraw(dp.sched.now)) retry = false;
  if (!retry) {
    finishLogical(dp, L, verdict);
    return;
  }
  const delay = backoffDelay(policy, lg.attempts[L]! - 1, lg.prevSleep[L]!, dp.rngRetry);
  lg.prevSleep[L] = delay;
  dp.sched.at(dp.sched.now + delay, K_RETRY, L, lg.serial[L]!);
}

/** Logical request L ends (succeeded, failed or shed) after its last attempt. */
export function finishLogical(dp: DataPlane, L: number, verdict: number): void {
  area(dp);
  const now = dp.sched.now;
  if (verdict === V_OK) dp.succeeded++;
  else if (verdict === V_SHED || verdict === V_LIMITED) dp.shed++;
  else dp.failed++;
  dp.logicalLatency.recordMicros(toMicros(now - dp.logical.start[L]!));
  dp.logical.release(L);
}

/** Attempt `a` belonged to a process that died: the client sees a reset connection. */
export function killed(dp: DataPlane, a: number): void {
  respond(dp, a, V_UNAVAILABLE, 'connection reset');
  dp.attempts.release(a);
}
