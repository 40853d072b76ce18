import type { Dependency } from '../../model/dependency';
import { toMicros } from '../../telemetry/histogram';

import type { DataPlane } from './state';
import * as breakerModel from '../../model/breaker';
import * as dependencyModel from '../../model/dependency';
import * as kinds from '../events';
import * as codes from './codes';

// Local copies of hot constants (see codes.ts).
const { BREAKER_HALF_OPEN } = breakerModel;
const { DEP_ERRORS, DEP_HANG } = dependencyModel;
const { K_DEP_CHECK, K_DEP_DONE, K_FAIL } = kinds;
const { FAST_FAIL, V_OK, V_UPSTREAM } = codes;

/**
 * Attempt `a` calls `dep` behind its circuit breaker (an open breaker fails it fast) with a call
 * timeout. A response slower than the timeout never matters, so only the timeout is scheduled then;
 * timeouts of one dependency share one FIFO and one pending check.
 */
export function callDependency(dp: DataPlane, a: number, dep: Dependency): void {
  const at = dp.attempts;
  const now = dp.sched.now;
  const br = dep.breaker;
  if (dep.forcedOpen) {
    dp.sched.at(now + FAST_FAIL, K_FAIL, a, at.advance(a));
    return;
  }
  if (br !== null) {
    const halfOpen = br.state === BREAKER_HALF_OPEN;
    if (!br.allow()) {
      dp.sched.at(now + FAST_FAIL, K_FAIL, a, at.advance(a));
      return;
    }
    at.trial[a] = halfOpen ? 1 : 0;
  }
  at.mark[a] = now;
  const token = at.advance(a);
  const timeout = dep.config.timeoutMs / 1000;
  let latency: number;
  if (dep.mode === DEP_HANG) latency = Infinity;
  else if (dep.mode === DEP_ERRORS) {
    latency = 0.005;
    at.verdict[a] = V_UPSTREAM;
  } else {
    latency = dp.depSamplers[dep.index]!.sample(dp.rngDep) * dep.latencyFactor;
    if (dep.config.errorRate > 0 && dp.rngDep.next() < dep.config.errorRate) at.verdict[a] = V_UPSTREAM;
  }
  if (latency < timeout) {
    const h = dp.heap;
    h.input[0] = now + latency;
    h.input[1] = token;
    h.pushIn(K_DEP_DONE, a);
  }
  const f = dep.timeouts;
  f.push(a, token, now + timeout);
  if (f.checkAt < 0) {
    f.checkAt = now + timeout;
    dp.sched.at(f.checkAt, K_DEP_CHECK, dep.index, 0);
  }
}

function callFinished(dp: DataPlane, a: number, dep: Dependency, ok: boolean): void {
  const at = dp.attempts;
  if (ok) dep.noteSuccess(at.logicalSerial[a]!);
  dp.depMeters[dep.index]!.record(toMicros(dp.sched.now - at.mark[a]!), !ok);
  if (dep.breaker !== null) dep.breaker.record(dp.sched.now, ok, at.trial[a] === 1);
  at.trial[a] = 0;
}

/** The dependency answered attempt `a` in time. Returns whether the answer was a success. */
export function callAnswered(dp: DataPlane, a: number): boolean {
  const at = dp.attempts;
  const dep = dp.deps[dp.routeArgs[at.route[a]!]![at.step[a]!]!]!;
  at.advance(a); // the pending timeout entry is now stale
  const ok = at.verdict[a] === V_OK;
  callFinished(dp, a, dep, ok);
  return ok;
}

/** The next call to `dep` whose timeout has passed (counted as failed), or -1. Answered calls are dropped on the way. */
export function nextTimedOutCall(dp: DataPlane, dep: Dependency): number {
  const f = dep.timeouts;
  const at = dp.attempts;
  while (f.length > 0) {
    const a = f.headId();
    if (at.token[a] !== f.headToken()) {
      f.drop();
      continue;
    }
    if (f.headDeadline() > dp.sched.now) return -1;
    f.drop();
    at.advance(a);
    at.verdict[a] = V_UPSTREAM;
    callFinished(dp, a, dep, false);
    return a;
  }
  return -1;
}

export function rearmDepCheck(dp: DataPlane, dep: Dependency): void {
  const f = dep.timeouts;
  if (f.length > 0) {
    f.checkAt = f.headDeadline();
    dp.sched.at(f.checkAt, K_DEP_CHECK, dep.index, 0);
  }
}
