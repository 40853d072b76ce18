import { userBucket } from '../../engine/hash';

import type { DataPlane } from './state';
import * as instanceModel from '../../model/instance';

// Local copies of hot constants (see codes.ts).
const { PHASE_READY, POOL_BASELINE, POOL_CANARY, POOL_STABLE } = instanceModel;

/** Salt of the sticky canary assignment (flags use their own). */
const CANARY_SALT = 0x2c1b3c6d;

function rebuildRouting(dp: DataPlane): void {
  dp.readyCount.fill(0);
  for (const inst of dp.instances) {
    if (inst.phase !== PHASE_READY) continue;
    const p = inst.pool;
    if (p > POOL_BASELINE) continue;
    let arr = dp.ready[p]!;
    if (dp.readyCount[p]! >= arr.length) {
      const bigger = new Int32Array(arr.length * 2);
      bigger.set(arr);
      dp.ready[p] = arr = bigger;
    }
    arr[dp.readyCount[p]!++] = inst.index;
  }
  dp.routingDirty = false;
}

/** Picks an instance for a user (round robin or least connections within its pool), or -1 when nothing is ready. */
export function route(dp: DataPlane, user: number): number {
  if (dp.routingDirty) rebuildRouting(dp);
  let pool = POOL_STABLE;
  if (dp.canaryWeight > 0 || dp.baselineWeight > 0) {
    // Sticky assignment: hash(userId) mod 100 against the weights.
    const h = userBucket(user, CANARY_SALT);
    if (h < dp.canaryWeight) pool = POOL_CANARY;
    else if (h < dp.canaryWeight + dp.baselineWeight) pool = POOL_BASELINE;
    if (pool !== POOL_STABLE && dp.readyCount[pool] === 0) pool = POOL_STABLE;
  }
  let n = dp.readyCount[pool]!;
  if (n === 0) {
    // Stable has nothing ready: any ready instance is better than an error.
    pool = dp.readyCount[POOL_CANARY]! > 0 ? POOL_CANARY : POOL_BASELINE;
    n = dp.readyCount[pool]!;
    if (n === 0) return -1;
  }
  const list = dp.ready[pool]!;
  if (n === 1) return list[0]!;
  const start = dp.rr++ % n;
  if (!dp.leastConnections) return list[start]!;
  let best = list[start]!;
  let bestLoad = dp.instances[best]!.busy + dp.instances[best]!.queue.length;
  for (let k = 1; k < n; k++) {
    const idx = list[(start + k) % n]!;
    const inst = dp.instances[idx]!;
    const load = inst.busy + inst.queue.length;
    if (load < bestLoad) {
      best = idx;
      bestLoad = load;
    }
  }
  return best;
}
