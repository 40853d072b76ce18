import type { DataPlane } from './state';
import { onArrival, onClientCheck, startAttempt } from './clients';
import { onCallDone, onDepCheck, onPoolCheck, onQueryDone, onStep, onStepFailed } from './instances';
import { onMqDone, onMqRetry } from './queue';
import * as kinds from '../events';

// Local copies of hot constants (see codes.ts).
const { K_ARRIVAL, K_CLIENT_CHECK, K_DB_DONE, K_DEP_CHECK, K_DEP_DONE, K_FAIL, K_MQ_DONE, K_MQ_RETRY, K_POOL_CHECK, K_RETRY, K_STEP } = kinds;

/**
 * The data plane's event dispatch (see core/events.ts for each kind's payload). Events that a newer
 * step of the same attempt made stale carry the attempt's token in `b` and are dropped here.
 */
export function handleEvent(dp: DataPlane, kind: number, a: number): void {
  const b = dp.heap.last[1]!;
  switch (kind) {
    case K_ARRIVAL:
      onArrival(dp, a);
      break;
    case K_STEP:
      if (dp.attempts.token[a] === b) onStep(dp, a);
      break;
    case K_DB_DONE:
      onQueryDone(dp, a);
      break;
    case K_FAIL:
      if (dp.attempts.token[a] === b) onStepFailed(dp, a);
      break;
    case K_DEP_DONE:
      if (dp.attempts.token[a] === b) onCallDone(dp, a);
      break;
    case K_CLIENT_CHECK:
      onClientCheck(dp, a);
      break;
    case K_POOL_CHECK:
      onPoolCheck(dp, a);
      break;
    case K_DEP_CHECK:
      onDepCheck(dp, a);
      break;
    case K_RETRY:
      if (dp.logical.serial[a] === b) startAttempt(dp, a);
      break;
    case K_MQ_DONE:
      onMqDone(dp, b);
      break;
    case K_MQ_RETRY:
      onMqRetry(dp);
      break;
    default:
      throw new Error(`unknown data-plane event kind ${kind}`);
  }
}

export { DataPlane, area, refreshFlags, setShedding, type DataPlaneHooks } from './state';
export { startArrivals, stopArrivals } from './clients';
export { route } from './balancer';
export { addInstance, closeInstancesSecond, processDied } from './instances';
export { applyReadRouting, closeDatabaseSecond, resetLeaks, returnLeaked } from './database';
export { closeQueueSecond, deliverPoison, releasePoisonWorker } from './queue';
export { closeCacheSecond } from './cache';
