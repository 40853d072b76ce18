import { userBucket } from '../../engine/hash';
import type { Instance } from '../../model/instance';
import type { SeriesStore } from '../../telemetry/series';
import { toMicros } from '../../telemetry/histogram';

import { alive, area, type DataPlane } from './state';
import { killed, respond } from './responses';
import { callAnswered, callDependency, nextTimedOutCall, rearmDepCheck } from './dependencies';
import { dbAcquire, nextExpiredWaiter, queryDone, readNode, rearmPoolCheck } from './database';
import { publish } from './queue';
import * as instanceModel from '../../model/instance';
import * as kinds from '../events';
import * as codes from './codes';

// Local copies of hot constants (see codes.ts).
const { PHASE_DRAINING, PHASE_READY, PHASE_TERMINATED } = instanceModel;
const { K_STEP } = kinds;
const { FAST_FAIL, S_CACHE, S_CALL, S_CPU, S_DB_READ, S_DB_READ_FILL, S_DB_WRITE, S_END, S_PUBLISH, VERDICT_NAMES, V_ERROR, V_OK, V_SHED, V_UNAVAILABLE, V_UPSTREAM } = codes;

/**
 * Instances run the service: `workers` concurrent handlers and a bounded FIFO queue each. A handler
 * holds its worker for the whole route, so a slow database or dependency backs up into the service.
 * Every continuation of a handler (after a step's delay, a query, a call, a failure) lives here,
 * because each may finish the attempt and free the worker for the next one in the queue.
 */

export function addInstance(dp: DataPlane, inst: Instance): void {
  dp.instances.push(inst);
  inst.clock = dp.sched.clock;
  inst.lastChange = dp.sched.now;
  dp.routingDirty = true;
}

/** Instance `i` takes attempt `a`: a free worker starts it, or it queues, or admission control sheds it. */
export function admit(dp: DataPlane, a: number, i: number): void {
  const inst = dp.instances[i]!;
  const at = dp.attempts;
  at.instance[a] = i;
  at.incarnation[a] = inst.incarnation;
  at.arrived[a] = dp.sched.now;
  if (inst.busy < inst.workers) {
    beginService(dp, a, inst);
    return;
  }
  const limit = dp.queueLimit < dp.shedMaxQueue ? dp.queueLimit : dp.shedMaxQueue;
  if (inst.queue.length < limit) {
    inst.touch();
    area(dp);
    inst.queue.push(a);
    dp.queued++;
    return;
  }
  dp.service.recordError();
  respond(dp, a, V_SHED, 'queue full');
  at.release(a);
}

function beginService(dp: DataPlane, a: number, inst: Instance): void {
  inst.touch();
  inst.busy++;
  dp.attempts.working[a] = 1;
  dp.attempts.step[a] = 0;
  advance(dp, a);
}

/**
 * Runs the attempt's route from its current step: steps without queueing (CPU, cache lookup,
 * publish) are summed into one delay; the walk stops at a step that waits on another resource.
 */
function advance(dp: DataPlane, a: number): void {
  const at = dp.attempts;
  const now = dp.sched.now;
  const steps = dp.routeSteps[at.route[a]!]!;
  let delay = 0;
  for (;;) {
    const st = steps[at.step[a]!]!;
    if (st === S_CPU) {
      const inst = dp.instances[at.instance[a]!]!;
      let f = inst.behaviour.latencyFactor * inst.cpuFactor * dp.serviceStall;
      if (inst.leaking) f *= inst.gcFactor(now);
      delay += dp.svcSampler.sample(dp.rngSvc) * f;
      const er = inst.behaviour.errorRate;
      if (er > 0 && dp.rngSvc.next() < er) at.verdict[a] = V_ERROR;
      if (dp.anyFlag) delay += applyFlags(dp, a);
      at.step[a]++;
      if (at.verdict[a] !== V_OK) break;
      continue;
    }
    if (st === S_CACHE) {
      const key = dp.cacheKeys!.sample(dp.rngCache);
      at.key[a] = key;
      delay += dp.cacheLatency;
      if (dp.cache!.get(key, now + delay)) at.step[a] += 2;
      else if (dp.db === null) {
        // No database behind the cache: fetch from the origin and fill without queueing.
        delay += dp.originLatency;
        dp.cache!.put(key, now + delay, dp.cacheTtl);
        at.step[a] += 2;
      } else at.step[a]++;
      continue;
    }
    if (st === S_PUBLISH) {
      if (!publish(dp)) {
        // The broker refused the connection; the step stays, so the answer can name it.
        at.verdict[a] = V_UPSTREAM;
        delay += FAST_FAIL;
        break;
      }
      at.step[a]++;
      continue;
    }
    break;
  }
  if (delay > 0) {
    const h = dp.heap;
    h.input[0] = now + delay;
    h.input[1] = at.advance(a);
    h.pushIn(K_STEP, a);
  } else if (at.verdict[a] !== V_OK) complete(dp, a, at.verdict[a]!);
  else runBlockingStep(dp, a);
}

/** Flags on for this user (sticky, per flag) add their latency and errors to the CPU step. */
function applyFlags(dp: DataPlane, a: number): number {
  let extra = 0;
  const user = dp.attempts.user[a]!;
  for (let f = 0; f < dp.flagPct.length; f++) {
    if (dp.flagKilled[f] || dp.flagPct[f]! <= 0) continue;
    if (userBucket(user, 0x51ed270b + f * 0x9e3779b1) >= dp.flagPct[f]!) continue;
    extra += dp.flagLatency[f]!;
    if (dp.flagError[f]! > 0 && dp.rngSvc.next() < dp.flagError[f]!) dp.attempts.verdict[a] = V_ERROR;
  }
  return extra;
}

/** The summed delay of the non-queueing steps is over (K_STEP). */
export function onStep(dp: DataPlane, a: number): void {
  if (!alive(dp, a)) {
    killed(dp, a);
    return;
  }
  const v = dp.attempts.verdict[a]!;
  if (v !== V_OK) {
    complete(dp, a, v);
    return;
  }
  const st = dp.routeSteps[dp.attempts.route[a]!]![dp.attempts.step[a]!]!;
  if (st === S_END) complete(dp, a, V_OK);
  else advance(dp, a);
}

/** Starts the step that waits on a resource, or completes at the end of the route. */
function runBlockingStep(dp: DataPlane, a: number): void {
  const at = dp.attempts;
  const r = at.route[a]!;
  const st = dp.routeSteps[r]![at.step[a]!]!;
  if (st === S_END) {
    complete(dp, a, V_OK);
    return;
  }
  if (st === S_DB_READ || st === S_DB_READ_FILL) {
    dbAcquire(dp, a, readNode(dp), false);
    return;
  }
  if (st === S_DB_WRITE) {
    dbAcquire(dp, a, dp.db!.primary, true);
    return;
  }
  if (st === S_CALL) {
    callDependency(dp, a, dp.deps[dp.routeArgs[r]![at.step[a]!]!]!);
    return;
  }
  throw new Error(`unexpected blocking step ${st}`);
}

/** A database or dependency step failed (K_FAIL, or a timeout): the handler answers with an error. */
export function onStepFailed(dp: DataPlane, a: number): void {
  if (!alive(dp, a)) {
    killed(dp, a);
    return;
  }
  complete(dp, a, V_UPSTREAM);
}

/** A query finished (K_DB_DONE); a cache miss fills the cache with what it read. */
export function onQueryDone(dp: DataPlane, a: number): void {
  const at = dp.attempts;
  const failed = queryDone(dp, a);
  if (!alive(dp, a)) {
    killed(dp, a);
    return;
  }
  if (failed) {
    complete(dp, a, at.verdict[a]!);
    return;
  }
  if (dp.routeSteps[at.route[a]!]![at.step[a]!]! === S_DB_READ_FILL) dp.cache!.put(at.key[a]!, dp.sched.now, dp.cacheTtl);
  at.step[a]++;
  advance(dp, a);
}

/** Waiters of database node `n` whose acquire timeout passed fail (K_POOL_CHECK). */
export function onPoolCheck(dp: DataPlane, n: number): void {
  const node = dp.db!.nodes[n]!;
  node.waiters.checkAt = -1;
  for (let b = nextExpiredWaiter(dp, node); b >= 0; b = nextExpiredWaiter(dp, node)) onStepFailed(dp, b);
  rearmPoolCheck(dp, node);
}

/** A dependency answered in time (K_DEP_DONE). */
export function onCallDone(dp: DataPlane, a: number): void {
  const ok = callAnswered(dp, a);
  if (!alive(dp, a)) {
    killed(dp, a);
    return;
  }
  if (!ok) {
    complete(dp, a, V_UPSTREAM);
    return;
  }
  dp.attempts.step[a]++;
  advance(dp, a);
}

/** Calls to dependency `d` whose timeout passed fail (K_DEP_CHECK). */
export function onDepCheck(dp: DataPlane, d: number): void {
  const dep = dp.deps[d]!;
  dep.timeouts.checkAt = -1;
  for (let a = nextTimedOutCall(dp, dep); a >= 0; a = nextTimedOutCall(dp, dep)) onStepFailed(dp, a);
  rearmDepCheck(dp, dep);
}

function serverMessage(dp: DataPlane, a: number, v: number): string {
  const steps = dp.routeSteps[dp.attempts.route[a]!]!;
  const step = dp.attempts.step[a]!;
  if (v === V_UPSTREAM && steps[step] === S_PUBLISH) {
    const committed = steps.subarray(0, step).includes(S_DB_WRITE);
    return `publish failed: message broker unavailable${committed ? ' (its write is already committed)' : ''}`;
  }
  return v === V_ERROR ? 'internal error' : v === V_UPSTREAM ? 'upstream failure' : VERDICT_NAMES[v]!;
}

/** The handler finished attempt `a` (holding a worker) with `verdict`. */
function complete(dp: DataPlane, a: number, verdict: number): void {
  const at = dp.attempts;
  const inst = dp.instances[at.instance[a]!]!;
  const latency = dp.sched.now - at.arrived[a]!;
  const error = verdict !== V_OK;
  dp.service.record(toMicros(latency), error);
  if (dp.canaryWeight > 0 || dp.baselineWeight > 0) dp.pools.record(inst.pool, latency, error);
  inst.touch();
  inst.busy--;
  respond(dp, a, verdict, error ? serverMessage(dp, a, verdict) : 'ok');
  at.release(a);
  serveNext(dp, inst);
}

/** A freed worker takes the next waiting request (dropping those that waited too long when shedding). */
function serveNext(dp: DataPlane, inst: Instance): void {
  const now = dp.sched.now;
  const at = dp.attempts;
  while (inst.queue.length > 0 && inst.busy < inst.workers) {
    inst.touch();
    area(dp);
    const b = inst.queue.shift();
    dp.queued--;
    if (now - at.arrived[b]! > dp.shedMaxWait) {
      dp.service.recordError();
      respond(dp, b, V_SHED, 'shed: waited too long');
      at.release(b);
      continue;
    }
    beginService(dp, b, inst);
  }
  if (inst.phase === PHASE_DRAINING && inst.busy === 0 && inst.queue.length === 0) dp.hooks.instanceIdle(inst);
}

/**
 * The process on instance `inst` is gone (crash, OOM kill, forced termination). Queued requests get
 * a reset now; requests in progress find out when their current step ends.
 */
export function processDied(dp: DataPlane, inst: Instance): void {
  inst.touch();
  area(dp);
  inst.incarnation++;
  inst.busy = 0;
  while (inst.queue.length > 0) {
    const b = inst.queue.shift();
    dp.queued--;
    respond(dp, b, V_UNAVAILABLE, 'connection reset');
    dp.attempts.release(b);
  }
  dp.routingDirty = true;
}

/** CPU (busy workers over capacity), queue length and readiness over the second that ends now. */
export function closeInstancesSecond(dp: DataPlane, series: SeriesStore | null, sec: number): void {
  const now = dp.sched.now;
  const use = dp.use;
  let busy = 0;
  let capacity = 0;
  let queue = 0;
  let ready = 0;
  for (const inst of dp.instances) {
    if (inst.phase === PHASE_TERMINATED && inst.busyArea === 0 && inst.queueArea === 0) continue;
    inst.touch();
    if (inst.running) capacity += inst.workers;
    busy += inst.busyArea;
    queue += inst.queueArea;
    if (inst.phase === PHASE_READY) ready++;
    if (series && inst.phase !== PHASE_TERMINATED) {
      const k = dp.instanceSeries.of(inst.index, inst.name);
      series.put(k[0]!, sec, inst.busyArea / inst.workers);
      series.put(k[1]!, sec, inst.queueArea);
      series.put(k[2]!, sec, Math.round(inst.memoryMb(now)));
    }
    inst.busyArea = 0;
    inst.queueArea = 0;
  }
  use.busy = busy;
  use.capacity = capacity;
  use.queue = queue;
  use.ready = ready;
}
