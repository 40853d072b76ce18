import { LOCK_EXCLUSIVE, type DbNode } from '../../model/database';
import type { Instance } from '../../model/instance';
import type { SeriesStore } from '../../telemetry/series';
import { toMicros } from '../../telemetry/histogram';

import { alive, type DataPlane } from './state';
import { killed } from './responses';
import * as kinds from '../events';
import * as codes from './codes';

// Local copies of hot constants (see codes.ts).
const { K_DB_DONE, K_FAIL, K_POOL_CHECK } = kinds;
const { FAST_FAIL, S_DB_WRITE, V_OK, V_UPSTREAM } = codes;

/**
 * Reads go to the replica while it is up and not too far behind, else to the primary. A read the
 * replica serves while it lags is stale (counted for the stale-read ratio).
 */
export function readNode(dp: DataPlane): DbNode {
  const db = dp.db!;
  const r = db.replica;
  dp.dbReads++;
  if (r !== null && r.up) {
    const lag = db.replicaLag(dp.sched.now);
    if (lag <= dp.maxReplicaLag) {
      if (lag > 0) dp.staleReads++;
      return r;
    }
  }
  return db.primary;
}

/** Recomputes where reads go after a change to `dp.readRouting`. */
export function applyReadRouting(dp: DataPlane): void {
  const r = dp.readRouting;
  dp.maxReplicaLag = r.toPrimary ? -1 : r.guardBlind ? Infinity : r.lagGuardSeconds;
}

/**
 * Attempt `a` needs a connection to `node`: it gets one, waits in the pool's FIFO (until the acquire
 * timeout), or fails (partition: after the connect timeout; node down or full wait list: at once).
 */
export function dbAcquire(dp: DataPlane, a: number, node: DbNode, write: boolean): void {
  const at = dp.attempts;
  const now = dp.sched.now;
  const db = dp.db!;
  at.dbNode[a] = node.index;
  at.mark[a] = now;
  if (db.partitionedFromApp) {
    dp.sched.at(now + dp.connectTimeout, K_FAIL, a, at.advance(a));
    return;
  }
  if (!node.up || (write && node !== db.primary)) {
    dp.sched.at(now + FAST_FAIL, K_FAIL, a, at.advance(a));
    return;
  }
  if (node.available > 0) {
    startQuery(dp, a, node);
    return;
  }
  if (node.waiters.length >= dp.maxWaiters) {
    node.errors++;
    dp.dbMeter.recordError();
    dp.sched.at(now + FAST_FAIL, K_FAIL, a, at.advance(a));
    return;
  }
  node.touch();
  const deadline = now + dp.acquireTimeout;
  node.waiters.push(a, at.advance(a), deadline);
  if (node.waiters.checkAt < 0) {
    node.waiters.checkAt = deadline;
    dp.sched.at(deadline, K_POOL_CHECK, node.index, 0);
  }
}

function startQuery(dp: DataPlane, a: number, node: DbNode): void {
  const at = dp.attempts;
  const now = dp.sched.now;
  node.touch();
  node.inUse++;
  node.queries++;
  const write = dp.routeSteps[at.route[a]!]![at.step[a]!]! === S_DB_WRITE;
  const sampler = write ? dp.dbWrite[node.index]! : dp.dbRead[node.index]!;
  let d = sampler.sample(dp.rngDb) * node.slowFactor * dp.instances[at.instance[a]!]!.queryFactor;
  if (write) {
    if (node.diskFull) {
      at.verdict[a] = V_UPSTREAM;
      d = FAST_FAIL * 4;
    } else if (node.writeLock !== 0) {
      // Behind a migration's lock: slowed by its batches, or waiting out the statement timeout.
      if (node.writeLock === LOCK_EXCLUSIVE) {
        at.verdict[a] = V_UPSTREAM;
        d = node.lockTimeout;
      } else d *= node.lockFactor;
    }
  }
  const h = dp.heap;
  h.input[0] = now + d;
  h.input[1] = at.advance(a);
  h.pushIn(K_DB_DONE, a);
}

/** Attempt `a`'s query is over: its connection goes to the longest waiter. Returns whether it failed. */
export function queryDone(dp: DataPlane, a: number): boolean {
  const at = dp.attempts;
  const node = dp.db!.nodes[at.dbNode[a]!]!;
  node.touch();
  node.inUse--;
  const failed = at.verdict[a] !== V_OK;
  if (failed) node.errors++;
  grantConnection(dp, node);
  dp.dbMeter.record(toMicros(dp.sched.now - at.mark[a]!), failed);
  return failed;
}

/** Connections came free: the longest waiters get them. */
function grantConnection(dp: DataPlane, node: DbNode): void {
  const w = node.waiters;
  while (w.length > 0 && node.available > 0) {
    const b = w.headId();
    w.drop();
    if (!alive(dp, b)) {
      killed(dp, b);
      continue;
    }
    startQuery(dp, b, node);
  }
}

/** The next waiter of `node` whose acquire timeout has passed (counted as a pool error), or -1. */
export function nextExpiredWaiter(dp: DataPlane, node: DbNode): number {
  const w = node.waiters;
  if (w.length === 0 || w.headDeadline() > dp.sched.now) return -1;
  const b = w.headId();
  node.touch();
  w.drop();
  node.acquireTimeouts++;
  node.errors++;
  dp.dbMeter.recordError();
  return b;
}

/** One pending check per pool, for its earliest deadline (instead of a timer per waiter). */
export function rearmPoolCheck(dp: DataPlane, node: DbNode): void {
  const w = node.waiters;
  if (w.length > 0) {
    w.checkAt = w.headDeadline();
    dp.sched.at(w.checkAt, K_POOL_CHECK, node.index, 0);
  }
}

/** Connections taken by a leak: they stay in use until the pool is reset. */
function leakConnections(dp: DataPlane, count: number): void {
  for (const node of dp.db?.nodes ?? []) {
    node.touch();
    node.leaked = Math.min(node.maxConnections, node.leaked + count);
  }
}

/** Process `inst` takes `count` primary connections and keeps them until it ends. */
function leakFrom(dp: DataPlane, inst: Instance, count: number): void {
  const node = dp.db?.primary;
  if (!node) return;
  node.touch();
  const n = Math.min(count, node.maxConnections - node.leaked);
  node.leaked += n;
  inst.leakedConnections += n;
  inst.leakNode = node.index;
}

/** Process `inst` ended: the connections it leaked go back to their pool. */
export function returnLeaked(dp: DataPlane, inst: Instance): void {
  if (inst.leakedConnections === 0 || !dp.db) return;
  const node = dp.db.nodes[inst.leakNode]!;
  node.touch();
  node.leaked = Math.max(0, node.leaked - inst.leakedConnections);
  inst.leakedConnections = 0;
  grantConnection(dp, node);
}

/** A pool reset (a failover, or the leaking code fixed) gives leaked connections back. */
export function resetLeaks(dp: DataPlane): void {
  for (const inst of dp.instances) inst.leakedConnections = 0;
  for (const node of dp.db?.nodes ?? []) {
    node.leaked = 0;
    grantConnection(dp, node);
  }
}

/** Pool utilisation and waiting of the second that ends now; a leak takes its whole connections. */
export function closeDatabaseSecond(dp: DataPlane, series: SeriesStore | null, sec: number): void {
  let waiting = 0;
  for (const n of dp.db?.nodes ?? []) {
    n.touch();
    waiting += n.waitArea;
    if (series) {
      const k = dp.poolSeries.of(n.index, n.name);
      series.put(k[0]!, sec, n.busyArea / n.maxConnections);
      series.put(k[1]!, sec, n.waitArea);
    }
    n.busyArea = 0;
    n.waitArea = 0;
  }
  dp.use.poolWaiting = waiting;
  dp.use.staleReadRatio = dp.dbReads > 0 ? dp.staleReads / dp.dbReads : 0;
  if (series && dp.db) series.put('db.staleReadRatio', sec, dp.use.staleReadRatio);
  dp.staleReadsTotal += dp.staleReads;
  dp.staleReads = 0;
  dp.dbReads = 0;
  if (dp.poolLeakPerSecond > 0) {
    // Whole connections leak; the fraction carries over to the next second.
    dp.poolLeakCarry += dp.poolLeakPerSecond;
    const whole = Math.floor(dp.poolLeakCarry);
    if (whole > 0) {
      dp.poolLeakCarry -= whole;
      leakConnections(dp, whole);
    }
  }
  // A release that leaks: each running process of it takes whole connections as its fraction adds up.
  for (const inst of dp.instances) {
    const rate = inst.behaviour.leakConnectionsPerSecond;
    if (rate <= 0 || !inst.running) continue;
    inst.leakCarry += rate;
    const whole = Math.floor(inst.leakCarry);
    if (whole > 0) {
      inst.leakCarry -= whole;
      leakFrom(dp, inst, whole);
    }
  }
}
