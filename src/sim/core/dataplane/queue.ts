import type { SeriesStore } from '../../telemetry/series';
import { toMicros } from '../../telemetry/histogram';

import type { DataPlane } from './state';
import * as kinds from '../events';

// Local copies of hot constants (see codes.ts).
const { K_MQ_DONE, K_MQ_RETRY } = kinds;

/** A message is published (a `publish` step): a free worker takes it, or it waits in the queue. */
export function publish(dp: DataPlane): void {
  const mq = dp.mq!;
  const now = dp.sched.now;
  mq.touch();
  if (mq.busy < mq.workers) {
    mq.busy++;
    dp.sched.at(now + dp.mqSampler!.sample(dp.rngSvc), K_MQ_DONE, 0, now);
  } else mq.depth++;
}

/**
 * A worker finished a message it picked up at `started`. The work needs the database primary; when
 * it is unreachable the message goes back for a later redelivery (at-least-once).
 */
export function onMqDone(dp: DataPlane, started: number): void {
  const mq = dp.mq!;
  const now = dp.sched.now;
  mq.touch();
  const db = dp.db;
  const ok = db === null || (db.primary.up && !db.partitionedFromApp && !db.primary.diskFull);
  if (!ok) {
    mq.delayed++;
    dp.sched.at(now + dp.mqRetryDelay, K_MQ_RETRY, 0, 0);
  }
  dp.mqMeter.record(toMicros(now - started), !ok);
  if (mq.poisonWaiting.length > 0) {
    // A redelivered poison message is first in line: this worker keeps failing on it.
    mq.held++;
    const p = mq.poisonWaiting.shift()!;
    dp.hooks.poisonTaken(p.fault, p.message);
  } else if (mq.depth > 0) {
    mq.depth--;
    dp.sched.at(now + dp.mqSampler!.sample(dp.rngSvc), K_MQ_DONE, 0, now);
  } else mq.busy--;
}

/**
 * Poison message `message` of fault `fault` is delivered: a free worker takes it (and keeps it; the
 * result is true), else it waits and the next worker to finish takes it (`hooks.poisonTaken`).
 */
export function deliverPoison(dp: DataPlane, fault: number, message: number): boolean {
  const mq = dp.mq!;
  mq.touch();
  if (mq.busy < mq.workers) {
    mq.busy++;
    mq.held++;
    return true;
  }
  mq.poisonWaiting.push({ fault, message });
  return false;
}

/** A worker held by a poison message lets go (dead-lettered or purged): it takes the next message. */
export function releasePoisonWorker(dp: DataPlane): void {
  const mq = dp.mq!;
  const now = dp.sched.now;
  mq.touch();
  mq.held--;
  if (mq.depth > 0) {
    mq.depth--;
    dp.sched.at(now + dp.mqSampler!.sample(dp.rngSvc), K_MQ_DONE, 0, now);
  } else mq.busy--;
}

export function onMqRetry(dp: DataPlane): void {
  dp.mq!.delayed--;
  publish(dp);
}

/** Queue depth and worker utilisation of the second that ends now. */
export function closeQueueSecond(dp: DataPlane, series: SeriesStore | null, sec: number): void {
  const mq = dp.mq;
  if (!mq) {
    dp.use.mqDepth = 0;
    return;
  }
  mq.touch();
  dp.use.mqDepth = mq.depthArea;
  if (series) {
    series.put('mq.depth', sec, mq.depthArea);
    series.put('mq.utilization', sec, mq.busyArea / mq.workers);
  }
  mq.depthArea = 0;
  mq.busyArea = 0;
}
